package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import k8snet.grader.guard.GuardOptions;
import k8snet.grader.guard.SandboxMode;

/**
 * The synthetic kit written once under a test class's temporary folder, an engine with a 2 s test timeout
 * and a shared compile cache, and the helpers the engine's tests share: grade a submission made of the kit
 * with some files changed (checking that nothing is written into it), and find exercises and tests in a
 * report.
 */
final class EngineHarness {

    static final List<String> ALL = List.of("1.1", "1.2", "1.3");

    final Path root;
    final Path kit;
    final ForkingEngine engine;
    private final AtomicInteger runs = new AtomicInteger();

    EngineHarness(Path root) {
        this.root = root;
        this.kit = SyntheticKit.write(root.resolve("kit"));
        this.engine = new ForkingEngine(EngineOptions.defaults()
                .withTestTimeout(Duration.ofSeconds(2))
                .withExerciseBudget(Duration.ofSeconds(60))
                .withCacheDir(root.resolve("cache"))
                // These tests reach the engine's limits with code the bytecode allowlist would refuse
                // (System.exit, threads, files), and test the engine's own defences where no sandbox helps
                // (a machine without one): AllowlistGateTest and SandboxedGradingTest cover those.
                .withGuard(GuardOptions.defaults().withCheckBytecode(false).withSandbox(SandboxMode.NONE)));
    }

    /** A fresh folder under the root. */
    Path fresh(String prefix) {
        return root.resolve(prefix + "-" + runs.incrementAndGet());
    }

    /** Every exercise from {@code origin}. */
    static Map<String, Origin> all(Origin origin) {
        Map<String, Origin> origins = new LinkedHashMap<>();
        ALL.forEach(id -> origins.put(id, origin));
        return origins;
    }

    GradeReport run(Path submission, Origin origin, List<String> ids) {
        return run(engine, kit, submission, all(origin), ids);
    }

    GradeReport run(ForkingEngine with, Path kitRoot, Path submission, Map<String, Origin> origins, List<String> ids) {
        return with.run(new RunRequest(kitRoot, submission, ids, origins, Optional.empty(), fresh("work")));
    }

    /** A submission made of the kit with {@code changes}. */
    Path submission(Map<String, String> changes) {
        return SyntheticKit.submission(kit, fresh("submission"), changes);
    }

    /** Grades a submission made of the kit with {@code changes}, and checks nothing was written into it. */
    GradeReport submit(Map<String, String> changes, List<String> ids) {
        return submit(engine, changes, ids);
    }

    GradeReport submit(ForkingEngine with, Map<String, String> changes, List<String> ids) {
        Path submission = submission(changes);
        Map<String, String> before = SyntheticKit.snapshot(submission);
        GradeReport report = run(with, kit, submission, all(Origin.SUBMISSION), ids);
        assertThat(SyntheticKit.snapshot(submission)).as("the submission folder is never written to").isEqualTo(before);
        return report;
    }

    static ExerciseResult exercise(GradeReport report, String id) {
        return report.exercises().stream().filter(e -> e.exercise().id().equals(id)).findFirst().orElseThrow();
    }

    static TestResult test(ExerciseResult exercise, String nameEnd) {
        return exercise.tests().stream().filter(t -> t.name().endsWith(nameEnd)).findFirst()
                .orElseThrow(() -> new AssertionError("no test named ..." + nameEnd + " in " + exercise.tests()));
    }

    static long count(ExerciseResult exercise, TestStatus status) {
        return exercise.tests().stream().filter(t -> t.status() == status).count();
    }
}
