package k8snet.grader.manifest;

import static k8snet.grader.manifest.KitLayout.UNGRADED_TAG;
import static k8snet.grader.manifest.KitLayout.className;
import static k8snet.grader.manifest.KitLayout.hasTests;
import static k8snet.grader.manifest.KitLayout.isUngraded;
import static k8snet.grader.manifest.KitLayout.javaFiles;
import static k8snet.grader.manifest.KitLayout.mainSources;
import static k8snet.grader.manifest.KitLayout.read;
import static k8snet.grader.manifest.KitLayout.solutionSources;
import static k8snet.grader.manifest.KitLayout.sourcePath;
import static k8snet.grader.manifest.KitLayout.testSources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The check that a course manifest matches the kit's code: every exercise's stubs, solutions and graded
 * test classes exist (and no graded test is tagged {@value KitLayout#UNGRADED_TAG}), every test class with
 * tests belongs to an exercise or is tagged ungraded, a graded test class's display name names no other
 * exercise than its own, and every solution file and module folder under {@code solutions/} is listed. Each
 * problem is one sentence naming the file.
 */
final class ManifestCheck {

    private ManifestCheck() {
    }

    /** The problems found, in manifest order; empty when the manifest matches. */
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
                    continue;
                }
                String text = read(source);
                if (isUngraded(text)) {
                    problems.add("exercise " + e.id() + ": the graded test " + test + " is tagged \""
                            + UNGRADED_TAG + "\", which Maven's student build skips; graded tests carry no such tag");
                } else {
                    namedExercises(text, test.substring(test.lastIndexOf('.') + 1)).stream()
                            .filter(id -> !id.equals(e.id())).distinct()
                            .forEach(id -> problems.add("exercise " + e.id() + ": the graded test " + test
                                    + " is shown on the board as a test of exercise " + id
                                    + " (its class's @DisplayName), but " + Manifest.FILE_NAME + " lists it under "
                                    + e.id()));
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

    /**
     * The exercise ids ("Exercise 4.5", "exercise 4.5") in the {@code @DisplayName} of the top-level class
     * {@code simpleName} of {@code source}: the board shows that name as the heading of the class's tests.
     * A name built by concatenation is not read (no ids).
     */
    static List<String> namedExercises(String source, String simpleName) {
        Matcher m = DISPLAY_NAME.matcher(source);
        while (m.find()) {
            if (m.group(2).equals(simpleName)) {
                List<String> ids = new ArrayList<>();
                Matcher id = EXERCISE.matcher(m.group(1));
                while (id.find()) {
                    ids.add(id.group(1));
                }
                return ids;
            }
        }
        return List.of();
    }

    /** A {@code @DisplayName("...")} (group 1), other annotations, and the class it names (group 2). */
    private static final Pattern DISPLAY_NAME = Pattern.compile("@DisplayName\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)"
            + "\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*(?:(?:public|final|abstract|static)\\s+)*class\\s+(\\w+)");

    private static final Pattern EXERCISE = Pattern.compile("[Ee]xercise (\\d+\\.\\d+)");
}
