package k8snet.grader.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where things live in the kit, and the few facts about source files that the grader and the
 * manifest check ({@link ManifestCheck}) both need; how a source reads to javac is {@link SourceText}'s.
 *
 * <pre>{@code
 * <kit>/<module>/src/main/java/<file>              provided code and stubs
 * <kit>/<module>/src/test/java/<pkg>/<Class>.java  graded tests and test support
 * <kit>/solutions/<module>/src/main/java/<file>    reference versions of the stubbed files
 * }</pre>
 */
public final class KitLayout {

    /** A JUnit Jupiter annotation that makes a method a test (or a source of tests). */
    private static final Pattern TEST_ANNOTATION = Pattern.compile(
            "@(?:org\\.junit\\.jupiter\\.api\\.|org\\.junit\\.jupiter\\.params\\.)?"
                    + "(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate)\\b(?!\\w)");

    /**
     * The JUnit tag of a test class that is deliberately not graded: it tests the kit's provided code (such as
     * module 4's scenario runner, {@code k8snet.scenario}) rather than an exercise. Such a class is listed in no
     * exercise, so the grader never compiles or runs it and {@code ./course} never shows it; Maven runs it in
     * the reference and self-check builds, and skips it in the student build (the parent pom's
     * {@code kit.test.excludedGroups}).
     */
    public static final String UNGRADED_TAG = "ungraded";

    /** {@code @Tag("ungraded")}, also fully qualified or as {@code value = "ungraded"}. */
    private static final Pattern UNGRADED_ANNOTATION = Pattern.compile(
            "@(?:org\\.junit\\.jupiter\\.api\\.)?Tag\\s*\\(\\s*(?:value\\s*=\\s*)?\"" + UNGRADED_TAG + "\"\\s*\\)");

    private KitLayout() {
    }

    public static Path mainSources(Path root, String module) {
        return root.resolve(module).resolve("src/main/java");
    }

    public static Path testSources(Path root, String module) {
        return root.resolve(module).resolve("src/test/java");
    }

    public static Path solutionSources(Path kitRoot, String module) {
        return kitRoot.resolve("solutions").resolve(module).resolve("src/main/java");
    }

    /**
     * The kit-relative paths ({@code /}-separated) of every file a student edits, in manifest order:
     * {@code <module>/src/main/java/<file>} for each file of each exercise.
     */
    public static List<String> studentFiles(Manifest manifest) {
        List<String> files = new ArrayList<>();
        for (Exercise e : manifest.exercises()) {
            for (String f : e.files()) {
                files.add(e.module() + "/src/main/java/" + f);
            }
        }
        return List.copyOf(files);
    }

    /** Every {@code .java} file under {@code root}, sorted; empty when {@code root} does not exist. */
    public static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".java"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the sources under " + root, e);
        }
    }

    /** The class a source file declares by its place: {@code k8snet/ip/Ipv4Address.java -> k8snet.ip.Ipv4Address}. */
    public static String className(Path root, Path file) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
    }

    /** The source file of a class: {@code k8snet.ip.Ipv4AddressTest -> k8snet/ip/Ipv4AddressTest.java}. */
    public static String sourcePath(String className) {
        return className.replace('.', '/') + ".java";
    }

    /** True when the source declares at least one Jupiter test (comments and string literals are ignored). */
    public static boolean hasTests(String source) {
        return TEST_ANNOTATION.matcher(SourceText.codeOnly(source)).find();
    }

    /**
     * True when the source carries the JUnit tag {@value #UNGRADED_TAG} ({@code @Tag("ungraded")}, outside
     * comments): its tests are not graded (see {@link #UNGRADED_TAG}).
     */
    public static boolean isUngraded(String source) {
        return UNGRADED_ANNOTATION.matcher(SourceText.stripComments(source)).find();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
