package k8snet.grader.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where things live in the kit, and the few facts about source files that the grader and the
 * manifest check both need.
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
        return TEST_ANNOTATION.matcher(codeOnly(source)).find();
    }

    /**
     * True when the source carries the JUnit tag {@value #UNGRADED_TAG} ({@code @Tag("ungraded")}, outside
     * comments): its tests are not graded (see {@link #UNGRADED_TAG}).
     */
    public static boolean isUngraded(String source) {
        return UNGRADED_ANNOTATION.matcher(stripComments(source)).find();
    }

    /** The source with comments and string, text-block and char literals blanked (line breaks kept). */
    public static String codeOnly(String source) {
        String code = stripComments(source);
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                boolean block = c == '"' && code.startsWith("\"\"\"", i);
                int end = block ? skipTextBlock(code, i) : skipLiteral(code, i, c);
                for (int k = i; k < end; k++) {
                    out.append(code.charAt(k) == '\n' ? '\n' : ' ');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * The source with its Unicode escapes translated and its comments blanked out (string literals are kept, so
     * the offsets of code stay put in a file without escapes).
     */
    public static String stripComments(String raw) {
        String source = translateUnicodeEscapes(raw);
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                boolean block = c == '"' && source.startsWith("\"\"\"", i);
                int end = block ? skipTextBlock(source, i) : skipLiteral(source, i, c);
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    out.append(source.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int skipLiteral(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote || c == '\n') {
                return i + 1;
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int skipTextBlock(String s, int start) {
        int end = s.indexOf("\"\"\"", start + 3);
        while (end > 0 && s.charAt(end - 1) == '\\') {
            end = s.indexOf("\"\"\"", end + 1);
        }
        return end < 0 ? s.length() : end + 3;
    }

    static List<String> verify(Manifest manifest, Path kitRoot) {
        List<String> problems = new ArrayList<>();
        Set<String> listedTests = new HashSet<>();
        Set<String> listedFiles = new HashSet<>();
        for (Exercise e : manifest.exercises()) {
            for (String file : e.files()) {
                listedFiles.add(e.module() + "/" + file);
                Path stub = mainSources(kitRoot, e.module()).resolve(file);
                if (!Files.isRegularFile(stub)) {
                    problems.add("exercise " + e.id() + ": the stub " + kitRoot.relativize(stub) + " does not exist");
                }
                Path solution = solutionSources(kitRoot, e.module()).resolve(file);
                if (!Files.isRegularFile(solution)) {
                    problems.add("exercise " + e.id() + ": the solution " + kitRoot.relativize(solution)
                            + " does not exist");
                }
            }
            for (String test : e.tests()) {
                listedTests.add(test);
                Path source = testSources(kitRoot, e.module()).resolve(sourcePath(test));
                if (!Files.isRegularFile(source)) {
                    problems.add("exercise " + e.id() + ": the graded test " + test + " does not exist at "
                            + kitRoot.relativize(source));
                } else if (isUngraded(read(source))) {
                    problems.add("exercise " + e.id() + ": the graded test " + test + " is tagged \""
                            + UNGRADED_TAG + "\", which Maven's student build skips; graded tests carry no such tag");
                }
            }
        }
        for (CourseModule module : manifest.modules()) {
            Path tests = testSources(kitRoot, module.id());
            for (Path file : javaFiles(tests)) {
                String name = className(tests, file);
                String source = read(file);
                if (!listedTests.contains(name) && hasTests(source) && !isUngraded(source)) {
                    problems.add("module " + module.id() + ": the test class " + name
                            + " has tests but no exercise lists it in " + Manifest.FILE_NAME
                            + " (tag it @Tag(\"" + UNGRADED_TAG + "\") if it is not meant to be graded)");
                }
            }
            Path solutions = solutionSources(kitRoot, module.id());
            for (Path file : javaFiles(solutions)) {
                String rel = solutions.relativize(file).toString().replace('\\', '/');
                if (!listedFiles.contains(module.id() + "/" + rel)) {
                    problems.add("module " + module.id() + ": the solution file " + kitRoot.relativize(file)
                            + " is not listed as a file of any exercise");
                }
            }
        }
        Path solutionsRoot = kitRoot.resolve("solutions");
        if (Files.isDirectory(solutionsRoot)) {
            try (Stream<Path> dirs = Files.list(solutionsRoot)) {
                dirs.filter(Files::isDirectory)
                        .map(d -> d.getFileName().toString())
                        .filter(d -> manifest.module(d).isEmpty())
                        .sorted()
                        .forEach(d -> problems.add("solutions/" + d + " is not a module of " + Manifest.FILE_NAME));
            } catch (IOException e) {
                problems.add("cannot list " + solutionsRoot + ": " + e.getMessage());
            }
        }
        return List.copyOf(problems);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * The text as javac reads it after its first step (JLS 17, section 3.3): each Unicode escape, a backslash that
     * is not itself escaped (an even number of backslashes before it), one or more {@code u} and four hex digits,
     * becomes the character it stands for. Without this, the escapes of a slash and a star would look like text to
     * a scanner and open a comment for javac, and a file could declare one package to the grader and another to
     * the compiler. A malformed escape is left as it is (javac refuses the file).
     */
    public static String translateUnicodeEscapes(String source) {
        if (source.indexOf("\\u") < 0) {
            return source;
        }
        StringBuilder out = new StringBuilder(source.length());
        int n = source.length();
        int backslashes = 0;
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '\\' && backslashes % 2 == 0 && i + 1 < n && source.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < n && source.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= n && isHex(source, j)) {
                    out.append((char) Integer.parseInt(source.substring(j, j + 4), 16));
                    i = j + 4;
                    backslashes = 0;
                    continue;
                }
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from) {
        for (int k = from; k < from + 4; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
