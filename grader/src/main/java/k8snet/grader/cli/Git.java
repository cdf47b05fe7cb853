package k8snet.grader.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs git in the kit's folder: that repository, never one that {@code GIT_*} variables in the
 * environment point to, never prompting, with a bound on how long it may take.
 */
final class Git {

    private static final long WAIT_SECONDS = 120;

    /** What git said: its exit code (-1 when it could not run), standard output as bytes, standard error. */
    record Result(int exitCode, byte[] output, String error) {

        String text() {
            return new String(output, StandardCharsets.UTF_8);
        }
    }

    private Git() {
    }

    static Result run(Path dir, List<String> args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "core.quotepath=off", "--no-pager", "-C",
                dir.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(-1, new byte[0], "git is not installed or not on the PATH (" + e.getMessage() + ")");
        }
        try {
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errors = new Thread(() -> copy(p.getErrorStream(), err), "git-stderr");
            errors.setDaemon(true);
            errors.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            copy(p.getInputStream(), out);
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, new byte[0], "git did not answer within " + WAIT_SECONDS + " s");
            }
            errors.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            return new Result(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, new byte[0], String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, new byte[0], "interrupted");
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // The process ended; what was read is kept.
        }
    }
}
