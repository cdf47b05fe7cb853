package k8snet.grader.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;

import k8snet.grader.engine.Engine;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;
import k8snet.grader.watch.SourceWatcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code course watch [ID]}: checks an exercise again each time a file under a module's
 * {@code src/main/java} is saved, and redraws the board, with single keys to move on. The grader's JVM stays
 * up between runs (javac stays loaded and compiled), and a test JVM is started for the next run while the
 * student edits. Its scratch space is {@code .course/watch}, apart from {@code check}'s.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        header = "Checks an exercise again each time you save a file.",
        description = "Checks an exercise again each time you save a file, and shows the board. Without an ID: "
                + "checks every exercise once, then watches the first one that is not done. Keys: n next "
                + "exercise, h hint (again for the next one), l list, c check all, q quit (where the terminal "
                + "cannot send single keys, type the key and Enter).")
final class WatchCommand implements Callable<Integer> {

    /** System property: {@code true} to watch by polling only (as {@code --poll}). */
    static final String POLL_PROPERTY = "course.watch.poll";
    static final Duration POLL_INTERVAL = Duration.ofMillis(300);
    static final Duration QUIET = Duration.ofMillis(25);

    @ParentCommand
    Course parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID",
            description = "The exercise to watch, such as 1.2 (default: the first one not done).")
    String id;

    @Option(names = "--poll", description = "Look for saved files every 0.3 s instead of relying on the "
            + "operating system's file events (network drives, WSL's /mnt folders). Also -D" + POLL_PROPERTY
            + "=true.")
    boolean poll;

    @Option(names = "--no-color", description = "Plain text, no colours (also when NO_COLOR is set or piped).")
    boolean noColor;

    @Override
    public Integer call() throws InterruptedException {
        CourseEnv env = parent.env();
        Manifest manifest = Manifests.load(env);
        Optional<Exercise> start = Optional.ofNullable(id).map(i -> Manifests.exercise(manifest, i));
        if (manifest.exercises().isEmpty()) {
            throw new CourseException(Course.USAGE, "the course manifest lists no exercises");
        }
        BlockingQueue<WatchLoop.Event> events = new LinkedBlockingQueue<>();
        List<Path> roots = manifest.modules().stream().map(CourseModule::id)
                .map(m -> KitLayout.mainSources(env.kitRoot(), m)).toList();
        boolean polling = poll || Boolean.getBoolean(POLL_PROPERTY);
        boolean keyboard = env.in() == System.in && Course.stdinIsTerminal();
        try (Engine engine = env.engine().get();
             RawTerminal terminal = RawTerminal.enter(keyboard);
             SourceWatcher watcher = SourceWatcher.start(roots, name -> name.endsWith(".java"), POLL_INTERVAL, QUIET,
                     !polling, files -> events.add(new WatchLoop.Saved(files)))) {
            readKeys(env.in(), events);
            WatchLoop loop = new WatchLoop(env, manifest, engine, env.style(noColor),
                    env.kitRoot().resolve(".course").resolve("watch"), events);
            return loop.run(start);
        }
    }

    /** Reads keys on a daemon thread (it may block in read() until the process ends). */
    private static void readKeys(InputStream in, BlockingQueue<WatchLoop.Event> events) {
        Thread keys = new Thread(() -> {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    events.add(new WatchLoop.Key((char) b));
                }
            } catch (IOException e) {
                // Standard input is gone: the same as its end.
            }
            events.add(new WatchLoop.InputEnded());
        }, "course-watch-keys");
        keys.setDaemon(true);
        keys.start();
    }
}
