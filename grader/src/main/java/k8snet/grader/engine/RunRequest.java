package k8snet.grader.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to build and test.
 *
 * @param kitRoot the pristine kit (course.yaml, modules, graded tests, solutions/)
 * @param submission where SUBMISSION files come from: a submission folder laid out like the kit, or the kit
 *     itself for a student's own {@code check}
 * @param exerciseIds the exercises whose graded tests run, in manifest order
 * @param origins for every exercise of every module that gets compiled (tested or not), where its
 *     student files come from; modules up to the last tested one are compiled, in order
 * @param hiddenTests an optional folder of extra test classes (laid out by package) whose points count too
 * @param workDir scratch space for sources, classes and runner files; never inside the submission
 * @param ownStubs only for a student's own check (the submission is the kit): a folder laid out like the
 *     kit ({@code module-01-basics/src/main/java/...}) with the stubs as handed out, so that a student file
 *     that does not compile falls back to its stub there as it does in {@code grade}; empty: no fallback
 */
public record RunRequest(Path kitRoot, Path submission, List<String> exerciseIds, Map<String, Origin> origins,
                         Optional<Path> hiddenTests, Path workDir, Optional<Path> ownStubs) {

    public RunRequest {
        exerciseIds = List.copyOf(exerciseIds);
        origins = Map.copyOf(origins);
        if (ownStubs == null) {
            throw new IllegalArgumentException("ownStubs must be Optional.empty() rather than null");
        }
    }

    /** A request without stubs of its own (grading, or a check in a kit that has none). */
    public RunRequest(Path kitRoot, Path submission, List<String> exerciseIds, Map<String, Origin> origins,
                      Optional<Path> hiddenTests, Path workDir) {
        this(kitRoot, submission, exerciseIds, origins, hiddenTests, workDir, Optional.empty());
    }
}
