package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student's own check (the submission is the kit) with one file that does not compile: with the request's
 * own stubs that file alone falls back and every other exercise is graded, as {@code grade} does; without
 * them the module stops, as before.
 */
@DisplayName("A student's own check with one broken file")
class OwnStubsFallbackTest {

    private static final String BROKEN = "package k8snet.text;\n\npublic final class Shouter {\n    oops\n}\n";

    @TempDir
    Path root;

    private GradeReport check(EngineHarness h, Optional<Path> stubs) {
        SyntheticKit.put(h.kit, SyntheticKit.ADDER, SyntheticKit.ADDER_SOLUTION);
        SyntheticKit.put(h.kit, SyntheticKit.SHOUTER, BROKEN);
        return h.engine.run(new RunRequest(h.kit, h.kit, List.of("1.1", "1.2"), EngineHarness.all(Origin.SUBMISSION),
                Optional.empty(), h.fresh("work"), stubs));
    }

    @Test
    @DisplayName("grades the other exercises when the broken file falls back to its stub from the stubs folder")
    void fallsBack() {
        EngineHarness h = new EngineHarness(root);
        Path stubs = root.resolve("stubs");
        SyntheticKit.put(stubs, SyntheticKit.SHOUTER, SyntheticKit.SHOUTER_STUB);
        SyntheticKit.put(stubs, SyntheticKit.ADDER, SyntheticKit.ADDER_STUB);

        GradeReport report = check(h, Optional.of(stubs));

        ExerciseResult adder = EngineHarness.exercise(report, "1.1");
        ExerciseResult shouter = EngineHarness.exercise(report, "1.2");
        assertThat(adder.status()).as("1.1 is the student's solution, graded as written").isEqualTo(ExerciseStatus.DONE);
        assertThat(adder.score()).isEqualTo(10);
        assertThat(shouter.status()).isEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
        assertThat(shouter.score()).isZero();
        assertThat(shouter.compilerMessages()).isNotEmpty()
                .allMatch(m -> m.startsWith(SyntheticKit.SHOUTER + ":4:"), "names the broken file and line");
        assertThat(adder.compilerMessages()).isEmpty();
        assertThat(report.warnings()).containsExactly("exercise 1.2: " + SyntheticKit.SHOUTER
                + " does not compile, so its stub stood in for it while the rest was graded");
    }

    @Test
    @DisplayName("without stubs the module does not compile and each exercise is told which file broke it")
    void withoutStubs() {
        EngineHarness h = new EngineHarness(root);

        GradeReport report = check(h, Optional.empty());

        assertThat(report.exercises()).extracting(ExerciseResult::status)
                .containsExactly(ExerciseStatus.DOES_NOT_COMPILE, ExerciseStatus.DOES_NOT_COMPILE);
        assertThat(EngineHarness.exercise(report, "1.1").compilerMessages()).singleElement().asString()
                .contains(SyntheticKit.SHOUTER + " (exercise 1.2) does not compile");
    }

    @Test
    @DisplayName("a stubs folder without the broken file's stub leaves the module stopped")
    void stubMissing() {
        EngineHarness h = new EngineHarness(root);
        Path stubs = root.resolve("stubs");
        SyntheticKit.put(stubs, SyntheticKit.ADDER, SyntheticKit.ADDER_STUB);

        GradeReport report = check(h, Optional.of(stubs));

        assertThat(report.exercises()).extracting(ExerciseResult::status)
                .containsExactly(ExerciseStatus.DOES_NOT_COMPILE, ExerciseStatus.DOES_NOT_COMPILE);
    }
}
