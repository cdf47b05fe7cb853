package k8snet.grader.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

import k8snet.grader.board.Board;
import k8snet.grader.board.Style;
import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.RunRequest;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.HintTopic;
import k8snet.grader.manifest.Hints;
import k8snet.grader.manifest.Manifest;

/**
 * What {@code course watch} does with each thing that happens: a save checks the watched exercise again
 * and redraws the board; a key moves on ({@code n}), shows a hint ({@code h}, the next level each time),
 * the list ({@code l}), the whole course's board ({@code c}) or ends ({@code q}). The events come from a
 * queue that the file watcher and the keyboard fill, so the loop runs on one thread and is tested by
 * putting events in.
 *
 * <p>After each run the engine is asked to get the next run ready (a test JVM started while the student
 * edits); the command closes the engine at the end.
 */
final class WatchLoop {

    /** Something the loop reacts to. */
    sealed interface Event permits Key, Saved, InputEnded {
    }

    /** A key pressed (or typed and sent with Enter where the terminal cannot give single keys). */
    record Key(char key) implements Event {
    }

    /** Files saved (one burst of writes). */
    record Saved(List<Path> files) implements Event {
    }

    /** Standard input ended: no more keys, but saves are still watched. */
    record InputEnded() implements Event {
    }

    /** How the line that follows every board begins; a benchmark waits for it. */
    static final String FOOTER = "Watching ";
    static final String KEYS = "Keys: n next exercise, h hint, l list, c check all, q quit";
    private static final String CLEAR = "\u001B[H\u001B[2J";

    private final CourseEnv env;
    private final Manifest manifest;
    private final Engine engine;
    private final Style style;
    private final Path work;
    private final BlockingQueue<Event> events;
    private final Map<String, Integer> hintLevels = new HashMap<>();
    private Exercise current;
    private boolean currentDone;
    /** The stubs a file that does not compile falls back to ({@link OwnStubs}), found at the first check. */
    private Optional<Path> ownStubs;

    /**
     * @param work the engine's work folder for these runs
     */
    WatchLoop(CourseEnv env, Manifest manifest, Engine engine, Style style, Path work, BlockingQueue<Event> events) {
        this.env = env;
        this.manifest = manifest;
        this.engine = engine;
        this.style = style;
        this.work = work;
        this.events = events;
    }

    /**
     * Watches {@code start}, or without it the first exercise not done (after checking every exercise once),
     * until {@code q}; returns the exit code.
     */
    int run(Optional<Exercise> start) throws InterruptedException {
        if (start.isPresent()) {
            current = start.get();
            check(List.of(current.id()), "Watching from " + current.id());
        } else {
            current = manifest.exercises().get(0);
            check(allIds(), "Checked the whole course to find where you are", report -> current = report
                    .exercises().stream().filter(e -> e.status() != ExerciseStatus.DONE).findFirst()
                    .map(ExerciseResult::exercise).orElse(manifest.exercises().get(manifest.exercises().size() - 1)));
        }
        boolean keyboard = true;
        while (true) {
            Event event = events.take();
            if (event instanceof Saved saved) {
                Set<Path> files = new LinkedHashSet<>(saved.files());
                while (events.peek() instanceof Saved more) {
                    events.poll();
                    files.addAll(more.files());
                }
                check(List.of(current.id()), "Saved " + describe(files));
            } else if (event instanceof InputEnded) {
                if (keyboard) {
                    keyboard = false;
                    say("(No keyboard input: saves are still checked; stop with Ctrl-C.)");
                }
            } else if (event instanceof Key key) {
                char c = Character.toLowerCase(key.key());
                if (c == 'q') {
                    say("Stopped watching.");
                    return 0;
                }
                onKey(c);
            }
        }
    }

    private void onKey(char c) {
        switch (c) {
            case 'n' -> next();
            case 'h' -> hint();
            case 'l' -> {
                Course.commandLine(env).execute("list");
                footer();
            }
            case 'c' -> check(allIds(), "Checked every exercise (press n or save a file to go on with "
                    + current.id() + ")");
            case '\n', '\r', ' ', '\t' -> {
                // Enter after a key where the terminal sends whole lines.
            }
            default -> {
                say("No key '" + printable(c) + "'. " + KEYS);
            }
        }
    }

    private void next() {
        List<Exercise> all = manifest.exercises();
        int i = all.indexOf(current);
        if (i + 1 >= all.size()) {
            say(current.id() + " is the last exercise. Press c to check them all.");
            footer();
            return;
        }
        current = all.get(i + 1);
        currentDone = false;
        check(List.of(current.id()), "Next exercise: " + current.id() + " " + current.title());
    }

    /**
     * Each press of {@code h} goes one level further: the first shows level 1 of every topic (as
     * {@code course hint ID} does), the next level 2 of every topic that has one, and so on up to the last.
     */
    private void hint() {
        Hints hints = current.hints();
        int deepest = hints.topics().stream().mapToInt(t -> t.levels().size()).max().orElse(0);
        int level = Math.min(hintLevels.getOrDefault(current.id(), 0) + 1, Math.max(deepest, 1));
        hintLevels.put(current.id(), level);
        if (level == 1 || !hints.named()) {
            Course.commandLine(env).execute("hint", current.id(), "--level", String.valueOf(level));
        } else {
            for (HintTopic topic : hints.topics()) {
                if (topic.levels().size() >= level) {
                    Course.commandLine(env).execute("hint", current.id(), "--topic", topic.name(), "--level",
                            String.valueOf(level));
                }
            }
        }
        footer();
    }

    private void check(List<String> ids, String why) {
        check(ids, why, report -> { });
    }

    /**
     * Runs the exercises, redraws the board with {@code why} above it, lets {@code then} see the report
     * (before the footer names the watched exercise), and gets the next run ready.
     */
    private void check(List<String> ids, String why, Consumer<GradeReport> then) {
        long start = System.nanoTime();
        if (env.terminal()) {
            env.out().println(style.dim("Checking " + (ids.size() == 1 ? ids.get(0) : "every exercise") + "..."));
            env.out().flush();
        }
        Map<String, Origin> origins = new HashMap<>();
        manifest.exercises().forEach(e -> origins.put(e.id(), Origin.SUBMISSION));
        GradeReport report;
        try {
            if (ownStubs == null) {
                ownStubs = OwnStubs.of(env.kitRoot(), manifest);
            }
            report = engine.run(new RunRequest(env.kitRoot(), env.kitRoot(), ids, origins, Optional.empty(), work,
                    ownStubs));
            report = Untouched.applyTo(report, env.kitRoot());
        } catch (RuntimeException e) {
            env.out().println("The check itself failed (" + e + "). This is not your code's fault; save again to "
                    + "retry, or run " + Course.COMMAND + " check " + current.id() + " for the details.");
            footer();
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (env.terminal()) {
            env.out().print(CLEAR);
        }
        env.out().println(style.dim(why + String.format(Locale.ROOT, " (checked in %.2f s)", seconds)));
        env.out().println();
        env.out().print(new Board(Course.COMMAND).render(manifest, report, style));
        then.accept(report);
        report.exercises().stream().filter(r -> r.exercise().equals(current)).findFirst()
                .ifPresent(r -> currentDone = r.status() == ExerciseStatus.DONE);
        footer();
        try {
            engine.prepareNextRun();
        } catch (UncheckedIOException | IllegalStateException e) {
            // The next run starts its own test JVM.
        }
    }

    private void footer() {
        env.out().println();
        List<Exercise> all = manifest.exercises();
        int i = all.indexOf(current);
        if (currentDone && i + 1 < all.size()) {
            Exercise next = all.get(i + 1);
            env.out().println(style.green(current.id() + " is done.") + " Press n for the next exercise, "
                    + next.id() + " " + next.title() + ".");
        }
        env.out().println(style.bold(FOOTER + current.id() + " " + current.title())
                + ": save a file to check it again.");
        env.out().println(KEYS);
        env.out().flush();
    }

    private void say(String line) {
        env.out().println(line);
        env.out().flush();
    }

    private List<String> allIds() {
        return manifest.exercises().stream().map(Exercise::id).toList();
    }

    private String describe(Set<Path> files) {
        List<String> names = new ArrayList<>();
        for (Path f : files) {
            Path p = f.isAbsolute() && f.startsWith(env.kitRoot()) ? env.kitRoot().relativize(f) : f;
            names.add(p.toString().replace('\\', '/'));
        }
        if (names.size() > 3) {
            int more = names.size() - 3;
            names = new ArrayList<>(names.subList(0, 3));
            names.add("and " + more + " more");
        }
        return String.join(", ", names);
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7F ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c);
    }
}
