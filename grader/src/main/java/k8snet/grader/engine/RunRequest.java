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
 */
public record RunRequest(Path kitRoot, Path submission, List<String> exerciseIds, Map<String, Origin> origins,
                         Optional<Path> hiddenTests, Path workDir) {

    public RunRequest {
        exerciseIds = List.copyOf(exerciseIds);
        origins = Map.copyOf(origins);
    }
}
