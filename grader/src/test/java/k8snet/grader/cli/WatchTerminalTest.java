package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.engine.SyntheticKits;

/**
 * {@code course watch} in a real terminal: a pseudo-terminal made by util-linux's {@code script}, the
 * grader's real engine, on the synthetic kit. Keys are sent without Enter, so the test also proves the
 * terminal is in single-key mode. No time is asserted; the bounds only catch a hang.
 */
@DisplayName("course watch in a terminal")
class WatchTerminalTest {

    private static final long HANG_SECONDS = 180;

    @TempDir
    Path tmp;

    /** What the terminal showed, and a way to wait for text in it. */
    private static final class Screen {
        private final StringBuilder text = new StringBuilder();

        synchronized void add(String s) {
            text.append(s);
            notifyAll();
        }

        /** Waits until {@code wanted} appears after {@code from}; returns where it ends. */
        synchronized int await(String wanted, int from) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_SECONDS);
            int at;
            while ((at = text.indexOf(wanted, from)) < 0) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("'%s' on the screen; it shows:%n%s", wanted, text).isPositive();
                wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
            return at + wanted.length();
        }

        synchronized String all() {
            return text.toString();
        }
    }

    @Test
    @DisplayName("redraws the board with the new score when a file is saved, and ends with exit code 0 on q")
    void session() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")) && !System.getProperty("os.name").startsWith("Windows"),
                "needs util-linux's script(1) for a pseudo-terminal");
        Path kit = SyntheticKits.write(tmp.resolve("kit"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String command = String.join(" ", List.of(quote(java.toString()), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", quote(System.getProperty("java.class.path")), "-Dcourse.kit=" + quote(kit.toString()),
                "-Dcourse.tty=true", "k8snet.grader.cli.Course", "watch", "1.1"));
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-q", "-f", "-e", "-c", command, "/dev/null")
                .redirectErrorStream(true);
        pb.environment().put("TERM", "xterm");
        pb.environment().remove("NO_COLOR");
        Process p = pb.start();
        Screen screen = new Screen();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[4096];
            try (InputStream in = p.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    screen.add(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // The terminal closed.
            }
        }, "terminal-reader");
        reader.setDaemon(true);
        reader.start();
        try (OutputStream keys = p.getOutputStream()) {
            int at = screen.await("Watching 1.1 Adding", 0);
            assertThat(screen.all()).contains("0/10 points", "not started");

            Files.writeString(kit.resolve(SyntheticKits.ADDER), SyntheticKits.ADDER_SOLUTION);
            at = screen.await("Saved module-01-basics/src/main/java/k8snet/calc/Adder.java", at);
            at = screen.await("10/10 points", at);
            at = screen.await("Watching 1.1 Adding", at);
            assertThat(screen.all().substring(at - 400 < 0 ? 0 : at - 400)).contains("1.1 is done.");

            keys.write('q'); // no Enter: single-key mode
            keys.flush();
            screen.await("Stopped watching.", at);
            assertThat(p.waitFor(HANG_SECONDS, TimeUnit.SECONDS)).as("watch ended after q").isTrue();
            assertThat(p.exitValue()).as("exit code; the screen showed:%n%s", screen.all()).isZero();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
