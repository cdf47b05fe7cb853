package k8snet.grader.engine;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The class path the forked test JVM starts with, and that graded tests compile against: the grader's
 * own {@code java.class.path} (course.jar, or the jars of a Maven run), plus the location of every
 * library the runner and the tests need, found through their classes. The second part matters when the
 * grader runs inside another tool's JVM (such as Maven's exec:java) whose class path is not the
 * grader's.
 */
final class GraderClasspath {

    private static final List<String> ANCHORS = List.of(
            "k8snet.grader.runner.RunnerMain",
            "org.junit.platform.launcher.Launcher",
            "org.junit.platform.engine.TestEngine",
            "org.junit.platform.commons.util.ReflectionUtils",
            "org.junit.jupiter.engine.JupiterTestEngine",
            "org.junit.jupiter.api.Test",
            "org.junit.jupiter.params.ParameterizedTest",
            "org.opentest4j.AssertionFailedError",
            "org.apiguardian.api.API",
            "org.assertj.core.api.Assertions",
            "net.bytebuddy.ByteBuddy",
            "org.quicktheories.QuickTheory");

    private GraderClasspath() {
    }

    static List<Path> entries() {
        Set<Path> out = new LinkedHashSet<>();
        Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().normalize())
                .forEach(out::add);
        ClassLoader loader = GraderClasspath.class.getClassLoader();
        for (String name : ANCHORS) {
            try {
                CodeSource source = Class.forName(name, false, loader).getProtectionDomain().getCodeSource();
                if (source != null && source.getLocation() != null
                        && "file".equals(source.getLocation().getProtocol())) {
                    out.add(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize());
                }
            } catch (ClassNotFoundException | URISyntaxException | SecurityException | IllegalArgumentException e) {
                // Not there (byte-buddy is optional for AssertJ) or not a file: java.class.path must do.
            }
        }
        return new ArrayList<>(out);
    }
}
