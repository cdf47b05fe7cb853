package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import k8snet.grader.guard.SandboxMode;

/**
 * Where a run's first test JVM comes from. By default each run starts its own (it warms up while the
 * sources compile) and ends it if no test ran. Once {@link #prepare} was called, as {@code course watch}
 * does after each run, one started test JVM is kept ready for the next run, so that run neither waits
 * for a JVM to start nor shares the processor with one that is loading JUnit.
 *
 * <p>A ready JVM lives in its own folder ({@code <work>/warm}), apart from the run's {@code forks}
 * folder, which each run empties. Thread-safe: {@code grade --jobs} shares one engine between threads.
 */
final class WarmForks {

    private final EngineOptions options;
    /** The jail of a JVM kept ready: none (see {@link #take}). */
    private static final ForkJail UNSANDBOXED = ForkJail.none();

    private boolean keep;
    private boolean keepable;
    private boolean archiveAsked;
    private WarmFork ready;

    WarmForks(EngineOptions options) {
        this.options = options;
    }

    /** A started test JVM for a run whose forks live in {@code forks}: the ready one, or a new one. */
    synchronized WarmFork take(Path forks, ForkJail jail) throws IOException {
        archiveOnce();
        if (ready != null) {
            WarmFork fork = ready;
            ready = null;
            if (fork.alive()) {
                return fork;
            }
            fork.discard();
        }
        // A sandboxed JVM sees the run's forks folder as it was when it started; each run makes that folder
        // anew, so only an unsandboxed JVM may be kept for the next run (and one left root's, as the kept one is).
        keepable = jail.mode() == SandboxMode.NONE && jail.sandbox().drop().isEmpty();
        return WarmFork.start(forks, forks.resolve("console-warm.log"), options.consoleCap(), jail, true, null);
    }

    /** A JVM the run did not need (nothing was tested): kept for the next run when one is being prepared. */
    synchronized void unused(WarmFork fork) {
        if (keep && keepable && ready == null && fork.alive()) {
            ready = fork;
        } else {
            fork.discard();
        }
    }

    /**
     * Starts the JVM for the next run now, in {@code work}/warm, unless one is ready. With {@code earlierSpec}
     * (a clean run's spec), its warm-up also runs that run's tests once more.
     */
    synchronized void prepare(Path work, Path earlierSpec) {
        keep = true;
        archiveOnce();
        if (!keepable) {
            return;
        }
        if (ready != null && ready.alive()) {
            return;
        }
        Path dir = work.resolve("warm");
        try {
            Compiler.deleteTree(dir);
            ready = WarmFork.start(dir, dir.resolve("console-warm.log"), options.consoleCap(), UNSANDBOXED, true,
                    earlierSpec);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a test JVM in " + dir, e);
        }
    }

    /** Has the test JVMs' class data archive made, once per engine, if it is missing or stale. */
    private void archiveOnce() {
        if (!archiveAsked) {
            archiveAsked = true;
            ForkArchive.createIfMissing(ForkCommand.java(), ForkCommand.JVM_FLAGS, GraderClasspath.entries());
        }
    }

    /** Ends the ready JVM, if any; the next run starts its own. */
    synchronized void close() {
        keep = false;
        if (ready != null) {
            ready.discard();
            ready = null;
        }
    }
}
