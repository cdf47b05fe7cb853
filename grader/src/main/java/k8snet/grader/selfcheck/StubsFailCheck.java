package k8snet.grader.selfcheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

/**
 * The self-check that stubs give no free points: for every exercise, with its own files as the stubs and
 * every other exercise's as the solution, the stubs compile and every one of its graded tests fails.
 */
final class StubsFailCheck {

    static final String NAME = "stubs fail";

    private final Path kitRoot;
    private final Manifest manifest;
    private final Engine engine;

    StubsFailCheck(Path kitRoot, Manifest manifest, Engine engine) {
        this.kitRoot = kitRoot;
        this.manifest = manifest;
        this.engine = engine;
    }

    SelfCheck.Check run() {
        List<String> problems = new ArrayList<>();
        int tests = 0;
        for (Exercise x : manifest.exercises()) {
            Map<String, Origin> origins = new LinkedHashMap<>();
            manifest.exercises().forEach(o -> origins.put(o.id(),
                    o.id().equals(x.id()) ? Origin.STUB : Origin.SOLUTION));
            Optional<ExerciseResult> result = ExerciseRun.grade(engine, kitRoot, x, origins);
            if (result.isEmpty() || result.get().tests().isEmpty()
                    && result.get().status() != ExerciseStatus.DOES_NOT_COMPILE) {
                problems.add(x.id() + ": no graded test ran on the stub");
                continue;
            }
            ExerciseResult r = result.get();
            if (r.status() == ExerciseStatus.DOES_NOT_COMPILE
                    || r.tests().stream().anyMatch(t -> t.status() == TestStatus.COMPILE_ERROR)) {
                problems.add(x.id() + ": the stub does not compile"
                        + r.compilerMessages().stream().findFirst().map(m -> ": " + m).orElse(""));
                continue;
            }
            tests += r.tests().size();
            for (TestResult t : r.tests()) {
                if (t.status() == TestStatus.PASSED) {
                    problems.add(x.id() + " " + t.name() + " passes with the stub: free points");
                }
            }
        }
        int n = manifest.exercises().size();
        return problems.isEmpty()
                ? new SelfCheck.Check(NAME, true, n + " exercises, " + tests
                        + " graded tests: the stubs compile and every test fails on them", problems)
                : new SelfCheck.Check(NAME, false, problems.size() + " problem(s) in " + n + " exercises ("
                        + tests + " tests ran)", problems);
    }
}
