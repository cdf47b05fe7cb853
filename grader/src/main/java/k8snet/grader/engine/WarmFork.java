package k8snet.grader.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import k8snet.grader.runner.RunnerMain;

/**
 * A test JVM started before it is needed. The runner loads the JUnit Platform and AssertJ while the
 * engine still compiles, then waits on stdin for the run's spec; so starting a JVM costs little of a
 * {@code check}'s wall time.
 *
 * <p>The protocol on the fork's stdin: line 1 the run's token (sent at once), line 2 the path of the
 * spec file (sent by {@link #go}); then stdin is closed. The fork's console (stdout and stderr) is
 * drained into a log file, capped.
 */
final class WarmFork {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The options of every test JVM (and of the one that makes their class data archive). */
    static final List<String> JVM_OPTIONS = List.of(
            "-Xmx256m", "-Xss1m", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
            "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8",
            // Test runs are short: a quick start matters more than peak speed, and one GC thread
            // leaves the cores to the tests.
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Process process;
    private final OutputStream stdin;
    private final Thread drain;
    private final String token;
    private final Path console;

    private WarmFork(Process process, Thread drain, String token, Path console) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.drain = drain;
        this.token = token;
        this.console = console;
    }

    /**
     * Starts a runner JVM whose working directory is {@code dir}, logging its console to {@code console}.
     * The JVM's own argument file is written next to the console log. The JVM starts inside {@code jail}.
     */
    static WarmFork start(Path dir, Path console, int consoleCap, ForkJail jail) throws IOException {
        return start(dir, console, consoleCap, jail, false);
    }

    /**
     * As {@link #start(Path, Path, int, ForkJail)}; with {@code warmUp} the runner also runs its warm-up workload
     * ({@code k8snet.grader.runner.WarmUp}) before it reads the spec: worth it for a JVM started well ahead.
     */
    static WarmFork start(Path dir, Path console, int consoleCap, ForkJail jail, boolean warmUp)
            throws IOException {
        return start(dir, console, consoleCap, jail, warmUp, null);
    }

    /**
     * As {@link #start(Path, Path, int, ForkJail, boolean)}; {@code earlierSpec}, when not null, names the spec of an earlier
     * clean run whose tests the warm-up runs once more (see {@code RunnerMain.WARM_UP_SPEC_PROPERTY}).
     */
    static WarmFork start(Path dir, Path console, int consoleCap, ForkJail jail, boolean warmUp,
            Path earlierSpec) throws IOException {
        Files.createDirectories(dir);
        Files.createDirectories(console.getParent());
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = HexFormat.of().formatHex(secret);
        Path argsFile = console.resolveSibling(console.getFileName() + ".args");
        List<Path> classpath = GraderClasspath.entries();
        List<String> args = new ArrayList<>(JVM_OPTIONS);
        args.addAll(ForkArchive.useOptions(classpath));
        if (warmUp && earlierSpec != null) {
            args.add(quote("-D" + RunnerMain.WARM_UP_SPEC_PROPERTY + "=" + earlierSpec.toAbsolutePath()));
        }
        args.addAll(List.of("-D" + RunnerMain.WARM_UP_PROPERTY + "=" + warmUp,
                "-cp", quote(Compiler.join(classpath)), RunnerMain.class.getName()));
        Files.writeString(argsFile, String.join("\n", args) + "\n");
        Path java = java();
        Process process = new ProcessBuilder(jail.wrap(List.of(java.toString(), "@" + argsFile.toAbsolutePath())))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        Thread drain = drain(process.getInputStream(), console, consoleCap);
        WarmFork fork = new WarmFork(process, drain, token, console);
        fork.send(token);
        return fork;
    }

    /** The java launcher of the JDK the grader runs on. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name", "").toLowerCase().startsWith("windows") ? "java.exe" : "java");
    }

    String token() {
        return token;
    }

    Process process() {
        return process;
    }

    Path console() {
        return console;
    }

    /** Hands the fork its spec; from here on it runs tests. */
    void go(Path spec) {
        send(spec.toAbsolutePath().toString());
        try {
            stdin.close();
        } catch (IOException ignored) {
            // The fork is already gone: its exit code tells the story.
        }
    }

    /** Waits (briefly) until the console is fully drained. */
    void awaitConsole() throws InterruptedException {
        drain.join(2000);
    }

    /** Ends a fork that will not be used, with everything it started. */
    void discard() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // Gone already.
        }
        killTree(process);
    }

    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException ignored) {
            // The fork died at once; its exit code tells the story.
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

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
