package k8snet.grader.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One try of what the grader wraps test JVMs in (a sandbox tool, {@code setpriv}): a JVM started through it
 * must print its version and exit 0 in time. {@link Sandbox} and {@link UserDrop} try theirs this way.
 */
final class JvmTry {

    private JvmTry() {
    }

    /** {@code java -Xshare:auto -version} with the grader's own JDK: the command a try wraps. */
    static List<String> javaVersion() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto", "-version");
    }

    /**
     * Runs {@code command}, its output to {@code log}, in {@code dir} (null: the grader's own), for at most
     * {@code seconds}, then ends whatever is left of it.
     *
     * @param who how a failure names the wrapper ({@code bwrap}, the path of {@code setpriv})
     * @param as what the JVM was to run as, for a failure ({@code ""} or {@code " as uid 65534"})
     * @param quoted how much of the output a failure quotes
     * @return empty when the JVM printed its version, else why not
     */
    static Optional<String> run(List<String> command, Path log, Path dir, int seconds, String who, String as,
            int quoted) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (dir != null) {
                pb.directory(dir.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(seconds, TimeUnit.SECONDS);
                return Optional.of(who + " did not start a JVM" + as + " within " + seconds + " s");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || !output.contains("version")) {
                return Optional.of(who + " could not start a JVM" + as + " (exit code " + p.exitValue() + ")"
                        + (output.isEmpty() ? "" : ": " + output.substring(0, Math.min(quoted, output.length()))));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(who + " could not be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while trying " + who);
        }
    }
}
