package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A simulated Gradescope container for the grader's tests: a folder laid out as {@code /autograder}, the bundle
 * unpacked into its {@code source/}, and {@code run_autograder} run there with {@code AUTOGRADER_ROOT}. The kit's
 * {@code course} launcher is replaced by one that runs the course command under test from the test class path
 * (the real launcher would build {@code course.jar} with Maven first, as {@code setup.sh} does on Gradescope).
 */
final class Autograder {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path root;

    private Autograder(Path root) {
        this.root = root;
    }

    /** Unpacks {@code bundle} into {@code root/source}, as Gradescope does when it builds the image. */
    static Autograder unpack(Path bundle, Path root) {
        try (FileSystem zip = FileSystems.newFileSystem(bundle, Map.of("enablePosixFileAttributes", "true"))) {
            Path top = zip.getPath("/");
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path p : walk.toList()) {
                    Path to = root.resolve("source").resolve(top.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                        Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(p));
                    }
                }
            }
            Files.createDirectories(root.resolve("submission"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Autograder(root);
    }

    /** Puts the stand-in launcher at {@code source/course}. */
    Autograder launcher() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return launcher("exec \"" + java + "\" $COURSE_JAVA_OPTS -cp \"" + System.getProperty("java.class.path")
                + "\" -Dcourse.kit=\"$(cd \"$(dirname \"$0\")\" && pwd -P)\" -Dcourse.tty=false "
                + "k8snet.grader.cli.Course \"$@\"");
    }

    /** Puts a launcher that runs {@code script} (a shell body) instead, as a broken image would. */
    Autograder launcher(String script) {
        String body = script;
        Path launcher = root.resolve("source/course");
        try {
            Files.writeString(launcher, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Path submission() {
        return root.resolve("submission");
    }

    /** Runs {@code source/run_autograder} as Gradescope would; returns its console output. */
    String run() {
        Path log = root.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("source/run_autograder").toString())
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("AUTOGRADER_ROOT", root.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("COURSE_JAVA_OPTS");
        try {
            Process p = pb.start();
            // Only a hang exceeds this: one grading of the synthetic kit takes seconds.
            boolean done = p.waitFor(5, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(done).as("run_autograder finished; it printed:%n%s", output).isTrue();
            assertThat(p.exitValue()).as("run_autograder's exit code; it printed:%n%s", output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code results/results.json}, checked to have Gradescope's fields and rows that add up to its score. */
    JsonNode results() {
        JsonNode r;
        try {
            r = JSON.readTree(root.resolve("results/results.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(r.get("score").isNumber()).as("score is a number: %s", r).isTrue();
        assertThat(r.get("output").isTextual()).isTrue();
        assertThat(r.get("output_format").asText()).isEqualTo("md");
        assertThat(r.get("tests").isArray()).isTrue();
        long rows = 0;
        for (JsonNode t : r.get("tests")) {
            assertThat(t.fieldNames()).toIterable().contains("name", "score", "max_score", "status", "output");
            assertThat(List.of("passed", "failed")).contains(t.get("status").asText());
            rows += Math.round(t.get("score").asDouble() * 100);
        }
        if (r.get("tests").size() > 0) {
            assertThat(rows).as("the rows add up to the score").isEqualTo(Math.round(r.get("score").asDouble() * 100));
        }
        return r;
    }
}
