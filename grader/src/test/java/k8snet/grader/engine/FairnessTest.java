package k8snet.grader.engine;

import static k8snet.grader.engine.EngineHarness.ALL;
import static k8snet.grader.engine.EngineHarness.count;
import static k8snet.grader.engine.EngineHarness.exercise;
import static k8snet.grader.engine.SyntheticKit.ADDER;
import static k8snet.grader.engine.SyntheticKit.ADDER_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.ECHO;
import static k8snet.grader.engine.SyntheticKit.ECHO_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.MODULE;
import static k8snet.grader.engine.SyntheticKit.REPEAT;
import static k8snet.grader.engine.SyntheticKit.REPEAT_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.SHOUTER;
import static k8snet.grader.engine.SyntheticKit.SHOUTER_SOLUTION;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A fault costs only its own exercise: loops, a hang and a compile error, in default mode. */
@DisplayName("The forking engine is fair")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FairnessTest {

    @TempDir
    static Path shared;

    private EngineHarness h;

    @BeforeAll
    void writeKit() {
        h = new EngineHarness(shared);
    }

    /** Every exercise solved, with {@code changes} on top. */
    private static Map<String, String> solvedBut(Map<String, String> changes) {
        Map<String, String> all = new HashMap<>(Map.of(ADDER, ADDER_SOLUTION, SHOUTER, SHOUTER_SOLUTION,
                ECHO, ECHO_SOLUTION, REPEAT, REPEAT_SOLUTION));
        all.putAll(changes);
        return all;
    }

    @Test
    @DisplayName("a loop in the first exercise's file costs the later exercises nothing")
    void loopInFirst() {
        GradeReport report = h.submit(solvedBut(Map.of(ADDER, SyntheticKit.adderWhen("true",
                "while (true) { Thread.onSpinWait(); }"))), ALL);

        ExerciseResult adder = exercise(report, "1.1");
        assertThat(count(adder, TestStatus.TIMED_OUT)).isEqualTo(1);
        assertThat(adder.tests()).as("the first test to run loops; the rest of 1.1 is skipped at once")
                .filteredOn(t -> t.status() != TestStatus.TIMED_OUT)
                .allSatisfy(t -> assertThat(t.status()).isEqualTo(TestStatus.NOT_RUN));
        assertThat(adder.score()).isZero();
        assertThat(exercise(report, "1.2").score()).isEqualTo(20);
        assertThat(exercise(report, "1.3").score()).isEqualTo(10);
        assertThat(report.score()).isEqualTo(30);
        // A hang would take 3 x 60 s (every exercise's budget); one loop takes one 2 s test timeout.
        assertThat(report.seconds()).as("well within 3 exercises x 60 s").isLessThan(3 * 60);
    }

    @Test
    @DisplayName("a loop in the last exercise's file costs the earlier exercises nothing")
    void loopInLast() {
        GradeReport report = h.submit(solvedBut(Map.of(REPEAT, SyntheticKit.repeat(
                "while (n == 0) { Thread.onSpinWait(); }"))), ALL);

        assertThat(exercise(report, "1.1").score()).isEqualTo(10);
        assertThat(exercise(report, "1.2").score()).isEqualTo(20);
        ExerciseResult echo = exercise(report, "1.3");
        assertThat(count(echo, TestStatus.TIMED_OUT)).isEqualTo(1);
        assertThat(echo.status()).isEqualTo(ExerciseStatus.IN_PROGRESS);
        assertThat(report.seconds()).as("well within 3 exercises x 60 s").isLessThan(3 * 60);
    }

    @Test
    @DisplayName("an exercise that hangs where no timeout reaches uses up its own budget only, in manifest order")
    void budget() {
        // ShouterTest's constructor never returns, the stall backstop is pushed far out: only 1.2's budget ends
        // the fork. 1.1 runs before it with a budget of its own, 1.3 after it in a fresh fork.
        Path kit2 = h.fresh("kit-hang");
        SyntheticKit.copy(h.kit, kit2);
        SyntheticKit.put(kit2, MODULE + "/src/test/java/k8snet/text/ShouterTest.java",
                SyntheticKit.SHOUTER_TEST_SOURCE.replace("class ShouterTest {",
                        "class ShouterTest {\n    private final String warm = Shouter.shout(\"warm\");"));
        String hang = SHOUTER_SOLUTION.replace("public static String shout(String text) {", """
                public static String shout(String text) {
                        while ("warm".equals(text)) {
                            Thread.onSpinWait();
                        }
                """);
        Path submission = SyntheticKit.submission(kit2, h.fresh("submission"), solvedBut(Map.of(SHOUTER, hang)));
        ForkingEngine strict = new ForkingEngine(h.engine.options().withExerciseBudget(Duration.ofSeconds(10))
                .withStallGrace(Duration.ofMinutes(10)));
        GradeReport report = h.run(strict, kit2, submission, EngineHarness.all(Origin.SUBMISSION), ALL);

        ExerciseResult adder = exercise(report, "1.1");
        assertThat(adder.tests()).hasSize(6).allSatisfy(t -> assertThat(t.status()).isEqualTo(TestStatus.PASSED));
        ExerciseResult shouter = exercise(report, "1.2");
        assertThat(shouter.tests()).hasSize(3);
        assertThat(shouter.tests().get(0).status()).isEqualTo(TestStatus.TIMED_OUT);
        assertThat(shouter.tests().get(0).message()).isEqualTo("exercise 1.2 used up its time budget of 10 s while "
                + "the test was being prepared (constructor, field initialisers or @BeforeAll)");
        assertThat(shouter.tests().subList(1, 3)).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TestStatus.NOT_RUN);
            assertThat(t.message()).isEqualTo("not run: exercise 1.2 used up its time budget of 10 s");
        });
        assertThat(exercise(report, "1.3").score()).as("1.3 calls Shouter only with other words").isEqualTo(10);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("used up its time budget of 10 s"));
    }

    @Test
    @DisplayName("a file that does not compile falls back to its stub alone: the exercise's other file is graded")
    void compileErrorInOneFile() {
        String broken = ECHO_SOLUTION.replace("Shouter.shout(text);", "Shouter.shout(text)");
        GradeReport report = h.submit(solvedBut(Map.of(ECHO, broken)), ALL);

        ExerciseResult echo = exercise(report, "1.3");
        assertThat(echo.status()).isEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
        assertThat(echo.compilerMessages()).isNotEmpty().allSatisfy(m -> assertThat(m).startsWith(ECHO + ":"));
        assertThat(echo.tests()).filteredOn(t -> t.testClass().equals("k8snet.text.RepeatTest"))
                .hasSize(2).allSatisfy(t -> assertThat(t.status()).isEqualTo(TestStatus.PASSED));
        assertThat(echo.tests()).filteredOn(t -> t.testClass().equals("k8snet.text.EchoTest"))
                .hasSize(2).allSatisfy(t -> {
                    assertThat(t.status()).isEqualTo(TestStatus.FAILED);
                    assertThat(t.message()).contains("Exercise 1.3: echo");
                });
        assertThat(echo.score()).as("Repeat's two of four shares").isEqualTo(5);
        assertThat(exercise(report, "1.1").score()).isEqualTo(10);
        assertThat(exercise(report, "1.2").score()).isEqualTo(20);
    }

    @Test
    @DisplayName("an exercise graded alone, with the reference for the others (what --isolated asks), loses "
            + "nothing to a broken exercise it depends on")
    void isolated() {
        Map<String, String> changes = solvedBut(Map.of(SHOUTER, SHOUTER_SOLUTION.replace("+ \"!\";", "+ \"!\"")));
        GradeReport together = h.submit(changes, ALL);
        assertThat(exercise(together, "1.2").status()).isEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
        assertThat(exercise(together, "1.3").score()).as("Echo shouts through 1.2's stub").isEqualTo(5);

        Map<String, Origin> origins = new HashMap<>(EngineHarness.all(Origin.SOLUTION));
        origins.put("1.3", Origin.SUBMISSION);
        GradeReport alone = h.run(h.engine, h.kit, h.submission(changes), origins, List.of("1.3"));
        assertThat(exercise(alone, "1.3").score()).isEqualTo(10);
        assertThat(exercise(alone, "1.3").status()).isEqualTo(ExerciseStatus.DONE);
    }
}
