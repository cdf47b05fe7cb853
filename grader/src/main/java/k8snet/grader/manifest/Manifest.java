package k8snet.grader.manifest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The course manifest, {@code course.yaml} at the kit's root: modules in dependency order and
 * exercises in board order.
 *
 * <p>{@link #load} reads the YAML with Jackson and validates it (unique ids, known modules, positive
 * points, at least one file, test and hint per exercise); messages name the bad entry.
 * {@link #verifyAgainst} compares a valid manifest with the kit's files.
 */
public record Manifest(String course, List<CourseModule> modules, List<Exercise> exercises) {

    /** The manifest's file name at the kit's root. */
    public static final String FILE_NAME = "course.yaml";

    public Manifest {
        modules = List.copyOf(modules);
        exercises = List.copyOf(exercises);
    }

    /** Reads {@code kitRoot/course.yaml}. @throws IllegalArgumentException naming what is wrong */
    public static Manifest load(Path kitRoot) {
        if (kitRoot == null) {
            throw new IllegalArgumentException("Kit root must not be null");
        }
        Path file = kitRoot.resolve(FILE_NAME);
        try {
            return ManifestReader.read(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the course manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses manifest text (as in {@code course.yaml}). @throws IllegalArgumentException naming what is wrong */
    public static Manifest parse(String yaml) {
        if (yaml == null) {
            throw new IllegalArgumentException("Manifest text must not be null");
        }
        return ManifestReader.parse(yaml, FILE_NAME);
    }

    /**
     * Compares this manifest with the kit's files and returns every mismatch as a sentence (empty when
     * the kit matches): listed files missing as stub or solution, listed test classes missing or tagged
     * {@value KitLayout#UNGRADED_TAG}, test classes with tests that no exercise lists and that are not tagged
     * {@value KitLayout#UNGRADED_TAG}, solution files no exercise lists.
     */
    public List<String> verifyAgainst(Path kitRoot) {
        if (kitRoot == null) {
            throw new IllegalArgumentException("Kit root must not be null");
        }
        return ManifestCheck.verify(this, kitRoot);
    }

    /** The exercise with this id. */
    public Optional<Exercise> exercise(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The exercises of one module, in board order. */
    public List<Exercise> exercisesOf(String moduleId) {
        return exercises.stream().filter(e -> e.module().equals(moduleId)).toList();
    }

    /** The module with this id. */
    public Optional<CourseModule> module(String id) {
        return modules.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The exercise that lists this graded test class (fully qualified). */
    public Optional<Exercise> exerciseOfTest(String testClass) {
        return exercises.stream().filter(e -> e.tests().contains(testClass)).findFirst();
    }
}
