package k8snet.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Git for the grader's tests: a folder committed as a course repository would be. */
public final class TestGit {

    private TestGit() {
    }

    /** Runs {@code git args} in {@code dir} as an instructor would, and fails the test if git fails. */
    public static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Instructor",
                "-c", "user.email=instructor@example.org", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                "-c", "core.autocrlf=false", "-C", dir.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        try {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("git %s: %s", List.of(args), output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Makes {@code dir} a repository with everything in it committed; returns the commit. */
    public static String commitAll(Path dir) {
        git(dir, "init", "-q");
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "the course");
        return git(dir, "rev-parse", "HEAD").strip();
    }
}
