package k8snet.grader.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code git} in one folder and returns what it said: the few questions the commands ask the kit's own
 * repository (is a file the committed stub, which commit is checked out, where is it pushed). Variables such as
 * {@code GIT_DIR} are removed from git's environment, so the answer is always about the folder's own repository.
 */
final class Git {

    private static final long WAIT_SECONDS = 120;

    /** What git said: its exit code (-1 when it could not run), standard output as bytes, standard error. */
    record Result(int exitCode, byte[] output, String error) {

        boolean ok() {
            return exitCode == 0;
        }

        /** Standard output as UTF-8 text. */
        String text() {
            return new String(output, StandardCharsets.UTF_8);
        }

        /** The first line of the error output, or the exit code when there is none. */
        String firstErrorLine() {
            return error.strip().lines().findFirst().orElse("exit code " + exitCode);
        }
    }

    private Git() {
    }

    /** {@code git -C dir args...}, without a pager and with paths printed as they are. */
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

    /** The commit checked out in {@code dir} (40 hex digits), when it is a git checkout with a commit. */
    static Optional<String> head(Path dir) {
        Result r = run(dir, List.of("rev-parse", "--verify", "HEAD"));
        String sha = r.text().strip();
        return r.ok() && sha.matches("[0-9a-f]{40}") ? Optional.of(sha) : Optional.empty();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // The process ended; what was read is kept.
        }
    }
}
