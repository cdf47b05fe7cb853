package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import k8snet.grader.runner.Protocol;

/**
 * Runs one module's graded tests in forked JVMs: starts each fork, hands it its spec, drains its results
 * pipe into the {@link ResultLedger}, and kills it when a test hangs where Jupiter's timeout cannot reach
 * (the stall limit) or the running exercise uses up its time budget; then starts a new fork for what the
 * ledger says is left. All decisions about results belong to the ledger; this class only supervises
 * processes. When it returns, every process it started has ended.
 */
final class ForkSupervisor {

    private static final long POLL_MILLIS = 50;
    /** How long to wait for the pipe's end after the JVM exited (a child it left may hold the pipe open). */
    private static final long DRAIN_NANOS = 2_000_000_000L;
    /** How long a fork may go without any event outside a test: a JVM that cannot start its tests. */
    private static final long IDLE_NANOS = 60_000_000_000L;

    private final EngineOptions options;
    private final Path dir;
    private final List<ClassFolder> classpath;
    private final Map<String, String> exerciseOfClass;
    private final List<String> order;
    private final String moduleId;
    private final Timing timing;
    private final TestProgress progress;
    private final ResultLedger ledger;
    private final ForkJail jail;
    /** Whether each exercise runs in a class loader of its own (the module has hidden tests). */
    private final boolean isolate;
    private WarmFork warm;
    private int foreignLines;

    /**
     * @param classpath the compiled test and main classes (and resources) of the module
     * @param exerciseOfClass the test classes to run, in run order within each exercise, with their exercise
     * @param order the exercises in the order their tests run
     * @param warm a fork started ahead for the first run, or null
     * @param jail the sandbox every fork it starts runs in
     * @param isolate whether each exercise gets a class loader of its own in the fork
     */
    ForkSupervisor(EngineOptions options, Path dir, List<ClassFolder> classpath, Map<String, String> exerciseOfClass,
                   List<String> order, String moduleId, WarmFork warm, ForkJail jail, Timing timing,
                   TestProgress progress, boolean isolate) {
        this.isolate = isolate;
        this.jail = jail;
        this.options = options;
        this.dir = dir;
        this.classpath = List.copyOf(classpath);
        this.exerciseOfClass = new LinkedHashMap<>(exerciseOfClass);
        this.order = List.copyOf(order);
        this.moduleId = moduleId;
        this.warm = warm;
        this.timing = timing;
        this.progress = progress;
        this.ledger = new ResultLedger(moduleId, exerciseOfClass, order, options);
    }

    ResultLedger.Outcome run() {
        try {
            Files.createDirectories(dir);
            // Each fork either grades a test, stops an exercise or counts a death against one, so this bound
            // is never reached by an honest run; it only guards against a rule that fails to make progress.
            int maxForks = (options.maxRestarts() + 2) * (order.size() + 1) * 4;
            for (int fork = 0; fork < maxForks; fork++) {
                boolean planning = !ledger.planned();
                Map<String, List<String>> selectors = planning ? classSelectors() : uidSelectors();
                if (selectors.isEmpty()) {
                    break;
                }
                Set<String> skip = planning ? Set.of() : ledger.graded();
                WarmFork f = fork == 0 && warm != null ? warm
                        : WarmFork.start(dir.getParent(), dir.resolve("console-" + fork + ".log"), options.consoleCap(),
                                jail);
                warm = null;
                ledger.forkStarted(new ArrayList<>(selectors.keySet()), skip, planning);
                ForkEnding ending;
                try {
                    ending = drive(f, ForkSpec.of(options, classpath, selectors, skip, planning, isolate));
                } finally {
                    f.end();
                }
                if (!ledger.forkEnded(ending, f.exitCode(), f.consoleTail(), System.nanoTime())) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run the tests of " + moduleId + " in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the tests of " + moduleId + " ran", e);
        } finally {
            if (warm != null) {
                warm.discard();
            }
        }
        if (foreignLines > 0) {
            ledger.warn("ignored " + foreignLines + " line(s) on the test JVM's standard output without the run's "
                    + "token (forged or corrupted results)");
        }
        return ledger.outcome();
    }

    /** Runs one fork to its end; returns how it ended. */
    private ForkEnding drive(WarmFork f, Properties spec) throws InterruptedException {
        EventParser parser = new EventParser(f.token());
        timing.mark("fork " + moduleId + ": spec ready");
        f.go(spec);
        long lastEvent = System.nanoTime();
        long exitedAt = 0;
        ForkEnding kill = null;
        boolean ended = false;
        while (true) {
            WarmFork.Line line = f.poll(POLL_MILLIS);
            long now = System.nanoTime();
            if (line == WarmFork.Line.OVERLONG) {
                parser.countOverlong();
            } else if (line != null && line != WarmFork.Line.EOF) {
                Optional<RunnerEvent> event = parser.parse(line.text());
                if (event.isPresent() && ledger.accept(event.get(), now)) {
                    timing.event(event.get());
                    lastEvent = now;
                    ended |= event.get() instanceof RunnerEvent.End;
                    report(event.get());
                }
            }
            if (f.drained()) {
                break;
            }
            if (!f.alive()) {
                exitedAt = exitedAt == 0 ? now : exitedAt;
                if (now - exitedAt > DRAIN_NANOS) {
                    break;
                }
            } else if (kill == null) {
                // Checked after every line too, so a flood of lines cannot keep a hung fork alive.
                kill = limitReached(now, lastEvent);
                if (kill != null) {
                    f.kill();
                }
            }
        }
        foreignLines += parser.foreignLines();
        timing.mark("fork " + moduleId + ": ended");
        timing.slowest();
        f.end();
        if (kill != null) {
            return kill;
        }
        int code = f.exitCode();
        if (ended) {
            return ForkEnding.COMPLETED;
        }
        return code == Protocol.RECYCLE_EXIT ? ForkEnding.RECYCLED
                : code == Protocol.CLASSPATH_CHANGED_EXIT ? ForkEnding.CLASSPATH_CHANGED
                : ForkEnding.EXITED;
    }

    /**
     * Which limit the running fork has passed, if any: the exercise's budget; the stall limit while a test or
     * test class is open; otherwise, while the JVM starts or lists its plan, an idle limit of a minute (or a
     * budget, when that is longer), which only a JVM that cannot start at all reaches.
     */
    private ForkEnding limitReached(long now, long lastEvent) {
        if (ledger.overBudget(now).isPresent()) {
            return ForkEnding.OVER_BUDGET;
        }
        long quiet = now - lastEvent;
        long limit = ledger.busy() ? options.stallLimit().toNanos()
                : Math.max(options.exerciseBudget().toNanos(), IDLE_NANOS);
        return quiet > limit ? ForkEnding.STALLED : null;
    }

    private void report(RunnerEvent event) {
        if (event instanceof RunnerEvent.Plan) {
            return;
        }
        if (event instanceof RunnerEvent.Group || event instanceof RunnerEvent.Finished) {
            ledger.runningExercise().ifPresent(e -> {
                int[] p = ledger.progress(e);
                progress.update(e, p[0], p[1]);
            });
        }
    }

    /** The first fork: every exercise's classes, in order. */
    private Map<String, List<String>> classSelectors() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String e : order) {
            List<String> classes = exerciseOfClass.entrySet().stream().filter(c -> c.getValue().equals(e))
                    .map(c -> Protocol.SELECT_CLASS + c.getKey()).toList();
            if (!classes.isEmpty()) {
                out.put(e, classes);
            }
        }
        return out;
    }

    /** A later fork: the tests the ledger says are left, by exercise. */
    private Map<String, List<String>> uidSelectors() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (RunOrder.Pending p : ledger.pending()) {
            out.put(p.exerciseId(), p.units().stream().map(u -> Protocol.SELECT_UID + u).toList());
        }
        return out;
    }
}
