package k8snet.grader.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import k8snet.grader.runner.RunnerMain;

/**
 * Runs one module's graded test classes in forked JVMs and reads their results back from the runner's
 * results file (never from the console).
 *
 * <p>The first fork lists every test before it runs any (the "plan"), so tests that never run are still
 * reported by name. When a fork dies (System.exit, halt, out of memory, a crash, or the engine killing
 * it because a test hung or the module's deadline passed), the test that had started is CRASHED or
 * TIMED_OUT and a new fork runs the tests not graded yet; a parameterized test resumes with the row
 * after the one that killed the JVM. Restarts are capped; what is left then is NOT_RUN.
 */
final class TestFork {

    /** The results of one module: tests in run order, then those that never ran. */
    record Outcome(List<TestResult> results, Set<String> stubFailures, List<String> warnings) {
    }

    private record PlanEntry(String id, String parent, boolean test, boolean method, String name, String cls) {
    }

    /**
     * Why a fork ended early. RECYCLE: a test timed out; Jupiter abandoned the thread running it, which may
     * still spin and steal the CPU from every later test, so the runner reported the timeout and halted with
     * {@link RunnerMain#RECYCLE_EXIT}, and a fresh fork runs the tests not graded yet. Nobody is blamed.
     */
    private enum Kill { NONE, STALL, DEADLINE, RECYCLE }

    private static final int MAX_LINE = 1 << 20;

    private final EngineOptions options;
    private final Path dir;
    private final List<Path> classpath;
    private final Map<String, String> exerciseOfClass;
    private final String moduleId;
    private final ObjectMapper json = new ObjectMapper();

    private final Map<String, PlanEntry> plan = new LinkedHashMap<>();
    private final List<String> units = new ArrayList<>();
    private final Map<String, TestResult> results = new LinkedHashMap<>();
    private final Set<String> stub = new LinkedHashSet<>();
    private final Set<String> closed = new LinkedHashSet<>();
    private final Set<String> skipSent = new LinkedHashSet<>();
    private final Map<String, PlanEntry> started = new LinkedHashMap<>();
    private final Map<String, Long> startNanos = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    // Per fork.
    private String token;
    private String inProgress;
    private long inProgressSince;
    private final Deque<String> containers = new ArrayDeque<>();
    private long lastEvent;
    private boolean sawEnd;
    private int forgedLines;
    private String lastBlamedContainer;

    private WarmFork warm;
    private final Timing timing;
    private final ForkJail jail;

    /**
     * @param classpath the compiled test and main classes (and resources) of the module, after the
     *     grader's own class path
     * @param warm a fork started ahead for the first run, or null
     * @param jail the sandbox every new fork starts in
     */
    TestFork(EngineOptions options, Path dir, List<Path> classpath, Map<String, String> exerciseOfClass,
             String moduleId, WarmFork warm, Timing timing, ForkJail jail) {
        this.warm = warm;
        this.jail = jail;
        this.timing = timing;
        this.options = options;
        this.dir = dir;
        this.classpath = List.copyOf(classpath);
        this.exerciseOfClass = Map.copyOf(exerciseOfClass);
        this.moduleId = moduleId;
    }

    Outcome run() {
        try {
            Files.createDirectories(dir);
            return runForks();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run the tests of " + moduleId + " in " + dir, e);
        }
    }

    private Outcome runForks() throws IOException {
        long deadline = System.nanoTime() + options.moduleDeadline().toNanos();
        String leftReason = null;
        int deaths = 0;
        int recycles = 0;
        for (int fork = 0; ; fork++) {
            int before = results.size() + closed.size();
            boolean hadPlan = !plan.isEmpty();
            ForkEnd end = runOne(fork, deadline);
            if (sawEnd) {
                break;
            }
            if (end.kill == Kill.RECYCLE) {
                if (remaining().isEmpty()) {
                    break;
                }
                // Not counted as a death: the timed-out test is graded already and the deadline still
                // bounds the module.
                recycles++;
                continue;
            }
            String why = attribute(end);
            boolean progress = results.size() + closed.size() > before || (!hadPlan && !plan.isEmpty());
            if (end.kill == Kill.DEADLINE) {
                warnings.add(moduleId + ": " + why + "; the tests not graded yet were not run");
                leftReason = "the module's deadline of " + seconds(options.moduleDeadline()) + " passed before it ran";
                break;
            }
            if (remaining().isEmpty()) {
                warnings.add(moduleId + ": " + why);
                break;
            }
            if (!progress) {
                warnings.add(moduleId + ": " + why + " before any test ran; the grader gave up on this module");
                leftReason = "the test JVM died before it ran (" + why + ")" + consoleNote(end);
                break;
            }
            if (deaths >= options.maxRestarts()) {
                warnings.add(moduleId + ": " + why + "; the grader stopped after " + (deaths + 1) + " test JVMs died");
                leftReason = "the test JVM died " + (deaths + 1) + " times; the grader stopped restarting it";
                break;
            }
            deaths++;
            warnings.add(moduleId + ": " + why + "; the grader restarted the test JVM for the tests not graded yet");
        }
        if (recycles > 0) {
            warnings.add(moduleId + ": " + recycles + " test(s) timed out; each time the grader replaced the test "
                    + "JVM, whose abandoned thread may still have been running the test, for the tests not graded yet");
        }
        if (forgedLines > 0) {
            warnings.add(moduleId + ": ignored " + forgedLines + " line(s) in the results file without the run's "
                    + "token (forged or corrupted results)");
        }
        List<TestResult> out = new ArrayList<>(results.values());
        String reason = leftReason == null ? "the test JVM ended before it ran" : leftReason;
        for (String unit : remaining()) {
            PlanEntry p = plan.get(unit);
            if (results.keySet().stream().anyMatch(r -> under(r, unit))) {
                // A parameterized test cut short: how many rows are left is unknown, so they count as one.
                p = new PlanEntry(p.id, p.parent, p.test, p.method, p.name + " (the invocations not reached)", p.cls);
            }
            out.add(result(p, TestStatus.NOT_RUN, "not run: " + reason, "", 0));
        }
        if (plan.isEmpty()) {
            for (String cls : exerciseOfClass.keySet()) {
                String simple = cls.substring(cls.lastIndexOf('.') + 1);
                out.add(new TestResult(exerciseOfClass.get(cls), cls, simple, "", TestStatus.NOT_RUN,
                        "not run: " + reason, "", 0));
            }
        }
        return new Outcome(out, stub, warnings);
    }

    private record ForkEnd(Kill kill, int exitCode, Path console, Path errorFile) {
    }

    private ForkEnd runOne(int fork, long deadline) throws IOException {
        inProgress = null;
        containers.clear();
        sawEnd = false;

        Path resultsFile = dir.resolve("results-" + fork + ".jsonl");
        Path spec = dir.resolve("spec-" + fork + ".properties");
        Path skip = dir.resolve("skip-" + fork + ".txt");
        Files.deleteIfExists(resultsFile);
        Files.createFile(resultsFile);
        Files.deleteIfExists(spec.resolveSibling(spec.getFileName() + ".error"));

        Properties p = new Properties();
        p.setProperty("results", resultsFile.toAbsolutePath().toString());
        p.setProperty("timeout", options.testTimeout().toMillis() + " ms");
        p.setProperty("outputCap", String.valueOf(options.outputCap()));
        for (int i = 0; i < classpath.size(); i++) {
            p.setProperty("classpath." + i, classpath.get(i).toAbsolutePath().toString());
        }
        List<String> selectors = new ArrayList<>();
        if (plan.isEmpty()) {
            exerciseOfClass.keySet().stream().sorted().forEach(c -> selectors.add("class:" + c));
        } else {
            remaining().forEach(u -> selectors.add("uid:" + u));
            skipSent.clear();
            skipSent.addAll(results.keySet());
            Files.write(skip, skipSent, StandardCharsets.UTF_8);
            p.setProperty("skip", skip.toAbsolutePath().toString());
        }
        for (int i = 0; i < selectors.size(); i++) {
            p.setProperty("select." + i, selectors.get(i));
        }
        try (OutputStream out = Files.newOutputStream(spec)) {
            p.store(out, "k8snet grader runner spec");
        }

        WarmFork f = fork == 0 && warm != null ? warm : WarmFork.start(dir.getParent(), dir.resolve("console-" + fork + ".log"),
                options.consoleCap(), jail);
        warm = null;
        token = f.token();
        Process process = f.process();
        Kill kill = Kill.NONE;
        try (FileChannel channel = FileChannel.open(resultsFile, StandardOpenOption.READ)) {
            timing.mark("fork " + moduleId + ": spec written");
            f.go(spec);
            LineReader reader = new LineReader(channel);
            lastEvent = System.nanoTime();
            long stall = options.stallLimit().toNanos();
            while (true) {
                boolean exited = process.waitFor(50, TimeUnit.MILLISECONDS);
                reader.poll();
                if (exited) {
                    break;
                }
                long now = System.nanoTime();
                if (now - deadline > 0) {
                    kill = Kill.DEADLINE;
                } else if ((inProgress != null || !containers.isEmpty()) && now - lastEvent > stall) {
                    kill = Kill.STALL;
                }
                if (kill != Kill.NONE) {
                    WarmFork.killTree(process);
                    reader.poll();
                    break;
                }
            }
            f.awaitConsole();
            int code = process.isAlive() ? -1 : process.exitValue();
            reader.poll();
            if (kill == Kill.NONE && code == RunnerMain.RECYCLE_EXIT) {
                kill = Kill.RECYCLE;
            }
            return new ForkEnd(kill, code, f.console(), spec.resolveSibling(spec.getFileName() + ".error"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.discard();
            throw new IllegalStateException("Interrupted while the tests of " + moduleId + " ran", e);
        }
    }

    /** Decides what the fork's death cost; returns a short description of how it died. */
    private String attribute(ForkEnd end) {
        String how = switch (end.kill) {
            case DEADLINE -> "the module's deadline of " + seconds(options.moduleDeadline()) + " passed";
            case STALL -> "no result for " + seconds(options.stallLimit())
                    + ": it hung where the per-test timeout could not stop it";
            case RECYCLE -> "a test timed out and the grader replaced the test JVM";
            case NONE -> end.exitCode == 3
                    ? "the test JVM ran out of memory (its heap is limited to 256 MB; exit code 3)"
                    : "the test JVM exited with code " + end.exitCode + " (System.exit, Runtime.halt or a crash)";
        };
        TestStatus status = end.kill == Kill.NONE ? TestStatus.CRASHED : TestStatus.TIMED_OUT;
        String console = tail(end.console);
        if (inProgress != null) {
            PlanEntry p = started.getOrDefault(inProgress, plan.get(inProgress));
            results.put(inProgress, result(p, status, how + " while this test ran", console, elapsed(inProgress)));
            inProgress = null;
            lastBlamedContainer = null;
        } else {
            // Jupiter builds a test's instance (running the test class's constructor and field initialisers)
            // before it reports the test as started, and runs @BeforeAll before that. The first time a
            // container dies this way, only its next test is blamed (a constructor that hung once); if the
            // same container dies again, all its tests are (a @BeforeAll that always exits).
            String container = containers.peek();
            if (container != null) {
                boolean again = container.equals(lastBlamedContainer);
                for (String unit : remaining()) {
                    if (under(unit, container)) {
                        results.put(unit, result(plan.get(unit), status,
                                how + " while the test was being prepared (constructor, field initialisers or "
                                        + "@BeforeAll)", console, 0));
                        if (!again) {
                            break;
                        }
                    }
                }
                lastBlamedContainer = container;
            }
        }
        return how;
    }

    private String consoleNote(ForkEnd end) {
        StringBuilder note = new StringBuilder();
        try {
            if (Files.isRegularFile(end.errorFile)) {
                String error = Files.readString(end.errorFile);
                note.append("; runner error: ").append(error, 0, Math.min(error.length(), 2000));
            }
        } catch (IOException ignored) {
            // Best effort: the console excerpt may still explain it.
        }
        String tail = tail(end.console);
        if (!tail.isBlank()) {
            note.append("; console: ").append(tail);
        }
        return note.toString();
    }

    private List<String> remaining() {
        List<String> left = new ArrayList<>();
        for (String unit : units) {
            if (!closed.contains(unit) && !results.containsKey(unit)) {
                left.add(unit);
            }
        }
        return left;
    }

    private void handle(JsonNode line) {
        lastEvent = System.nanoTime();
        String event = line.path("event").asText();
        String id = line.path("id").asText();
        switch (event) {
            case "plan" -> {
                if (plan.isEmpty()) {
                    timing.mark("fork " + moduleId + ": until the first plan line");
                }
                if (!plan.containsKey(id)) {
                    PlanEntry p = entry(line);
                    plan.put(id, p);
                    boolean parentIsUnit = units.contains(p.parent);
                    if ((p.test || p.method) && !parentIsUnit) {
                        units.add(id);
                    }
                }
            }
            case "started" -> {
                started.put(id, entry(line));
                startNanos.put(id, line.path("nanos").asLong());
                if (line.path("test").asBoolean()) {
                    inProgress = id;
                    inProgressSince = System.nanoTime();
                } else {
                    containers.push(id);
                }
            }
            case "finished" -> finished(id, line);
            case "skipped" -> {
                if (!skipSent.contains(id)) {
                    for (String unit : units) {
                        if (under(unit, id)) {
                            closed.add(unit);
                        }
                    }
                }
            }
            case "end" -> {
                sawEnd = true;
                timing.mark("fork " + moduleId + ": the tests ran");
            }
            default -> forgedLines++;
        }
    }

    private void finished(String id, JsonNode line) {
        String status = line.path("status").asText();
        String message = line.path("message").asText("");
        PlanEntry p = started.getOrDefault(id, plan.get(id));
        if (id.equals(inProgress) || started.containsKey(id) && started.get(id).test) {
            if (!results.containsKey(id) && p != null) {
                TestStatus s = switch (status) {
                    case "SUCCESSFUL" -> TestStatus.PASSED;
                    case "ABORTED" -> TestStatus.FAILED;
                    default -> line.path("timedOut").asBoolean() ? TestStatus.TIMED_OUT : TestStatus.FAILED;
                };
                if (s == TestStatus.PASSED) {
                    message = "";
                } else if ("ABORTED".equals(status)) {
                    message = "aborted: " + message;
                }
                double secs = (line.path("nanos").asLong() - startNanos.getOrDefault(id, line.path("nanos").asLong()))
                        / 1e9;
                results.put(id, result(p, s, message, line.path("output").asText(""), secs)
                        .thrown(line.path("exception").asText(""), line.path("assertion").asBoolean()));

                if (s == TestStatus.FAILED && line.path("stub").asBoolean()) {
                    stub.add(id);
                }
            }
            if (id.equals(inProgress)) {
                inProgress = null;
            }
            return;
        }
        containers.remove(id);
        if (units.contains(id)) {
            closed.add(id);
        }
        if (!"SUCCESSFUL".equals(status)) {
            // A failing @BeforeAll, a failing argument source or a class that cannot be built: Jupiter
            // reports it on the container, and its tests never start. Each of them fails with its message.
            for (String unit : units) {
                boolean hasResults = results.keySet().stream().anyMatch(r -> under(r, unit));
                if (under(unit, id) && !hasResults) {
                    results.put(unit, result(plan.get(unit), TestStatus.FAILED,
                            ("ABORTED".equals(status) ? "aborted: " : "") + message, "", 0)
                            .thrown(line.path("exception").asText(""), line.path("assertion").asBoolean()));
                    if (line.path("stub").asBoolean()) {
                        stub.add(unit);
                    }
                }
            }
        }
    }

    private TestResult result(PlanEntry p, TestStatus status, String message, String output, double seconds) {
        String cls = p == null ? "" : p.cls;
        return new TestResult(exerciseOfClass.getOrDefault(cls, ""), cls, p == null ? "" : p.name,
                p == null ? "" : p.id, status, message, output, Math.max(0, seconds));
    }

    private PlanEntry entry(JsonNode line) {
        return new PlanEntry(line.path("id").asText(), line.path("parent").asText(), line.path("test").asBoolean(),
                line.path("method").asBoolean(), line.path("name").asText(), line.path("class").asText());
    }

    private double elapsed(String id) {
        return id.equals(inProgress) ? (System.nanoTime() - inProgressSince) / 1e9 : 0;
    }

    private static boolean under(String id, String ancestor) {
        return id.equals(ancestor) || id.startsWith(ancestor + "/");
    }

    /** Reads complete lines appended to the results file; lines without this fork's token are ignored. */
    private final class LineReader {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private long position;
        private boolean discarding;

        LineReader(FileChannel channel) {
            this.channel = channel;
        }

        void poll() throws IOException {
            if (channel.size() < position) {
                // Test code truncated the file; read it again from the start (events are idempotent).
                position = 0;
                partial.reset();
            }
            int n;
            while ((n = channel.read(buffer.clear(), position)) > 0) {
                position += n;
                byte[] a = buffer.array();
                for (int i = 0; i < n; i++) {
                    if (a[i] == '\n') {
                        if (!discarding) {
                            line(partial.toString(StandardCharsets.UTF_8));
                        }
                        partial.reset();
                        discarding = false;
                    } else if (!discarding) {
                        partial.write(a[i]);
                        if (partial.size() > MAX_LINE) {
                            partial.reset();
                            discarding = true;
                            forgedLines++;
                        }
                    }
                }
            }
        }

        private void line(String text) {
            if (text.isBlank()) {
                return;
            }
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (IOException e) {
                forgedLines++;
                return;
            }
            if (node == null || !node.isObject() || !token.equals(node.path("token").asText())) {
                forgedLines++;
                return;
            }
            handle(node);
        }
    }

    private static String tail(Path console) {
        try {
            if (!Files.isRegularFile(console)) {
                return "";
            }
            String text = Files.readString(console, StandardCharsets.UTF_8);
            return text.length() <= 1000 ? text.strip() : "..." + text.substring(text.length() - 1000).strip();
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}
