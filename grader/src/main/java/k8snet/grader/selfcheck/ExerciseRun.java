package k8snet.grader.selfcheck;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.RunRequest;
import k8snet.grader.manifest.Exercise;

/** One exercise graded in the kit itself with the origins a check chooses, in the self-check's work folder. */
final class ExerciseRun {

    private ExerciseRun() {
    }

    /** The result of {@code x}, with every exercise's files taken from {@code origins}; empty if none came back. */
    static Optional<ExerciseResult> grade(Engine engine, Path kitRoot, Exercise x, Map<String, Origin> origins) {
        RunRequest request = new RunRequest(kitRoot, kitRoot, List.of(x.id()), origins, Optional.empty(),
                kitRoot.resolve(".course").resolve("work").resolve("selfcheck"));
        return engine.run(request).exercises().stream().filter(r -> r.exercise().id().equals(x.id())).findFirst();
    }
}
