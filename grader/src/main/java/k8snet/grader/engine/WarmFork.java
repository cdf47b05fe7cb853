package k8snet.grader.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import k8snet.grader.runner.RunnerMain;

/**
 * One forked test JVM, started before it is needed: the runner loads the JUnit Platform and AssertJ while
 * the engine still compiles, then waits on stdin for the run's spec, so starting a JVM costs little of a
 * {@code check}'s wall time.
 *
 * <p>The token goes down stdin at once and the spec when {@link #go} is called; then stdin is closed
 * ({@link k8snet.grader.runner.Protocol}). The fork's stdout, the results pipe, is read line by line on a
 * thread of its own into a queue the supervisor polls; its stderr (the JVM's and the runner's own messages)
 * is drained into a capped log file. Every process the fork is seen to start is remembered, so that
 * {@link #end} can end them too, even once they no longer descend from it.
 */
final class WarmFork {

    /**
     * A line of the results pipe; the markers {@link #EOF} (the pipe is closed) and {@link #OVERLONG} (a line
     * too long to be the runner's was dropped) are compared by identity.
     */
    record Line(String text) {
        static final Line EOF = new Line(null);
        static final Line OVERLONG = new Line("");
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_LINE = 1 << 20;

    private final Process process;
    private final OutputStream stdin;
    private final Thread drain;
    private final String token;
    private final Path console;
    /** Bounded, so a fork flooding its stdout waits for the engine instead of filling the engine's memory. */
    private final BlockingQueue<Line> lines = new LinkedBlockingQueue<>(10_000);
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();
    private volatile boolean eof;
    private long remembered;

    private WarmFork(Process process, String token, Path console, int consoleCap) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.token = token;
        this.console = console;
        this.drain = drain(process.getErrorStream(), console, consoleCap);
        Thread reader = new Thread(this::readLines, "course-fork-results");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a runner JVM whose working directory is {@code dir}, inside {@code jail}, logging its stderr to {@code console}. */
    static WarmFork start(Path dir, Path console, int consoleCap, ForkJail jail) throws IOException {
        return start(dir, console, consoleCap, jail, false, null);
    }

    /**
     * As {@link #start(Path, Path, int, ForkJail)}; with {@code warmUp} the runner also runs its warm-up workload
     * ({@code k8snet.grader.runner.WarmUp}) before it reads the spec: worth it for a JVM started well ahead.
     * {@code earlierSpec}, when not null, names the warm-up file of an earlier clean run whose tests the
     * warm-up runs once more (see {@code RunnerMain.WARM_UP_SPEC_PROPERTY}).
     */
    static WarmFork start(Path dir, Path console, int consoleCap, ForkJail jail, boolean warmUp, Path earlierSpec)
            throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(console.getParent());
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        List<String> command = ForkCommand.command(console.resolveSibling(console.getFileName() + ".args"), jail,
                warmUp, earlierSpec);
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .start();
        WarmFork fork = new WarmFork(process, token, console, consoleCap);
        fork.send((token + "\n").getBytes(StandardCharsets.UTF_8));
        return fork;
    }

    String token() {
        return token;
    }

    /** Hands the fork its spec and closes its stdin; from here on it runs tests. */
    void go(Properties spec) {
        StringWriter text = new StringWriter();
        try {
            spec.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        send(text.toString().getBytes(StandardCharsets.UTF_8));
        closeStdin();
    }

    /** The next line of the results pipe, waiting at most {@code millis}; null when none came. */
    Line poll(long millis) throws InterruptedException {
        remember();
        return lines.poll(millis, TimeUnit.MILLISECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether the results pipe has been read to its end. */
    boolean drained() {
        return eof && lines.isEmpty();
    }

    /** The exit code, once the JVM has ended. */
    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The last kilobyte of the fork's stderr, for a note on why it died. */
    String consoleTail() {
        try {
            drain.join(2000);
            if (!Files.isRegularFile(console)) {
                return "";
            }
            String text = Files.readString(console, StandardCharsets.UTF_8);
            return text.length() <= 1000 ? text.strip() : "..." + text.substring(text.length() - 1000).strip();
        } catch (IOException | UncheckedIOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Kills the JVM now, with every process it started. */
    void kill() {
        if (process.isAlive()) {
            process.descendants().forEach(seen::add);
        }
        seen.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Ends the fork for good: waits for the JVM, then ends every process it was seen to start. */
    void end() {
        closeStdin();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            seen.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : seen) {
                h.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // A process that will not die in 5 s after SIGKILL is beyond what the grader can do.
        }
    }

    /** Ends a fork that will not be used, with everything it started. */
    void discard() {
        kill();
        end();
    }

    private void remember() {
        long now = System.nanoTime();
        // Listing descendants scans the process table: a few times a second is enough to see a child that
        // lives long enough to matter.
        if (process.isAlive() && now - remembered > 200_000_000L) {
            remembered = now;
            process.descendants().forEach(seen::add);
        }
    }

    private void send(byte[] bytes) {
        try {
            stdin.write(bytes);
            stdin.flush();
        } catch (IOException ignored) {
            // The fork died at once; its exit code tells the story.
        }
    }

    private void closeStdin() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // Gone already.
        }
    }

    private void readLines() {
        try (InputStream in = process.getInputStream()) {
            byte[] buf = new byte[64 * 1024];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean discarding = false;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        if (!discarding) {
                            lines.put(new Line(line.toString(StandardCharsets.UTF_8)));
                        }
                        line.reset();
                        discarding = false;
                    } else if (!discarding) {
                        line.write(buf[i]);
                        if (line.size() > MAX_LINE) {
                            line.reset();
                            discarding = true;
                            lines.put(Line.OVERLONG);
                        }
                    }
                }
            }
            if (line.size() > 0 && !discarding) {
                lines.put(new Line(line.toString(StandardCharsets.UTF_8)));
            }
        } catch (IOException ignored) {
            // The fork is gone; what was read is all there is.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            eof = true;
            lines.offer(Line.EOF);
        }
    }

    private static Thread drain(InputStream in, Path console, int cap) {
        Thread t = new Thread(() -> {
            try (in; OutputStream out = Files.newOutputStream(console)) {
                byte[] buf = new byte[8192];
                long kept = 0;
                long dropped = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    int take = (int) Math.max(0, Math.min(n, cap - kept));
                    out.write(buf, 0, take);
                    out.flush();
                    kept += take;
                    dropped += n - take;
                }
                if (dropped > 0) {
                    out.write(("\n... (" + dropped + " more bytes dropped)\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // The fork is gone; whatever was written is all there is.
            }
        }, "course-fork-console");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
