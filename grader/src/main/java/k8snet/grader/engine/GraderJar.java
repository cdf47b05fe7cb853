package k8snet.grader.engine;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/**
 * The grader jar ({@code grader/target/course.jar}) this code runs from, and its identity: its path, size and
 * modification time, so that a rebuilt grader counts as another build. Both are empty when the grader runs from
 * a folder of classes (a Maven run of its own tests).
 */
public final class GraderJar {

    private GraderJar() {
    }

    /** The jar this class was loaded from, or empty. */
    public static Optional<Path> path() {
        try {
            CodeSource source = GraderJar.class.getProtectionDomain().getCodeSource();
            Path jar = source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
            return jar != null && Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code <path>|<size>|<modified, ms>} of the jar, read now, or empty. */
    public static Optional<String> identity() {
        return path().flatMap(jar -> {
            try {
                return Optional.of(jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis());
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }
}
