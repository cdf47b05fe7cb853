package k8snet.grader.selfcheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

/**
 * The self-check that the course can be done in its order: for every exercise, with the solutions of it and
 * of every exercise before it in the manifest and the stubs of every exercise after it (a student who has just
 * finished it), every one of its graded tests passes. A graded test that calls a later exercise's stub (exercise
 * 4.5's tests once crashed a node, which needs 4.6's node lifecycle controller) would keep an exercise a student
 * has finished "in progress" until a later one is done.
 */
final class InOrderCheck {

    static final String NAME = "in order";

    private final Path kitRoot;
    private final Manifest manifest;
    private final Engine engine;

    InOrderCheck(Path kitRoot, Manifest manifest, Engine engine) {
        this.kitRoot = kitRoot;
        this.manifest = manifest;
        this.engine = engine;
    }

    SelfCheck.Check run() {
        List<String> problems = new ArrayList<>();
        List<Exercise> exercises = manifest.exercises();
        int tests = 0;
        for (int i = 0; i < exercises.size(); i++) {
            Exercise x = exercises.get(i);
            Map<String, Origin> origins = new LinkedHashMap<>();
            for (int j = 0; j < exercises.size(); j++) {
                origins.put(exercises.get(j).id(), j <= i ? Origin.SOLUTION : Origin.STUB);
            }
            Optional<ExerciseResult> result = ExerciseRun.grade(engine, kitRoot, x, origins);
            if (result.isEmpty() || result.get().tests().isEmpty()) {
                problems.add(x.id() + ": no graded test ran with the solutions up to it");
                continue;
            }
            String with = i + 1 < exercises.size() ? "with the stubs of " + exercises.get(i + 1).id() + " and later"
                    : "with every solution";
            for (TestResult t : result.get().tests()) {
                tests++;
                if (t.status() != TestStatus.PASSED) {
                    problems.add(x.id() + " " + t.name() + ": " + t.status() + " " + with + ": "
                            + firstLine(t.message()));
                }
            }
        }
        int n = exercises.size();
        return problems.isEmpty()
                ? new SelfCheck.Check(NAME, true, n + " exercises, " + tests + " graded tests: each exercise "
                        + "passes with the solutions up to it and the stubs after it", problems)
                : new SelfCheck.Check(NAME, false, problems.size() + " test(s) need a later exercise (" + n
                        + " exercises, " + tests + " tests ran)", problems);
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
