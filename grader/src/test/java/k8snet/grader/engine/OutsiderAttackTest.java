package k8snet.grader.engine;

import static k8snet.grader.engine.EngineHarness.count;
import static k8snet.grader.engine.EngineHarness.exercise;
import static k8snet.grader.engine.EngineHarness.test;
import static k8snet.grader.engine.SyntheticKit.ADDER;
import static k8snet.grader.engine.SyntheticKit.adder;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks written by someone who did not write the grader (issue 10), each a submission built in code.
 * docs/OUTSIDER-ATTACKS.md lists every attack, what it did per
 * sandbox mode, and the fix suggested for each one that succeeded. A test of an attack that succeeds
 * asserts the defended outcome and is disabled until it is fixed.
 */
@DisplayName("Attacks by an outsider, on the forking engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutsiderAttackTest {

    @TempDir
    static Path shared;

    private EngineHarness h;

    @BeforeAll
    void writeKit() {
        h = new EngineHarness(shared);
    }

    @Test
    @DisplayName("outsider attack 7: an exception whose getMessage, getLocalizedMessage and toString throw fails its test, nothing more")
    void exceptionThatCannotBePrinted() {
        GradeReport report = h.submit(Map.of(ADDER, adder("""
                class Liar extends IllegalArgumentException {
                    @Override public String getMessage() { throw new IllegalStateException("no message"); }
                    @Override public String getLocalizedMessage() { throw new IllegalStateException("no message"); }
                    @Override public String toString() { throw new IllegalStateException("no toString"); }
                }
                throw new Liar();""")), List.of("1.1"));

        ExerciseResult adder = exercise(report, "1.1");
        assertThat(test(adder, "adds zeros").status()).isEqualTo(TestStatus.FAILED);
        assertThat(count(adder, TestStatus.PASSED)).as("the tests that never reach a == 0").isEqualTo(5);
        assertThat(count(adder, TestStatus.CRASHED)).isZero();
    }

    @Test
    @DisplayName("outsider attack 8: a message of 30 million characters is cut short and costs only its test")
    void hugeMessage() {
        GradeReport report = h.submit(Map.of(ADDER, adder("throw new IllegalArgumentException(\"x\".repeat(30_000_000));")),
                List.of("1.1"));

        ExerciseResult adder = exercise(report, "1.1");
        TestResult zeros = test(adder, "adds zeros");
        assertThat(zeros.passed()).isFalse();
        assertThat(zeros.message().length()).as("the message is cut to a readable size").isLessThan(20_000);
        assertThat(count(adder, TestStatus.PASSED)).isEqualTo(5);
    }

    @Test
    @DisplayName("outsider finding 3: an endless cause chain fails its own test, without crashing the test JVM")
    void endlessCauseChain() {
        GradeReport report = h.submit(Map.of(ADDER, adder("""
                class Loop extends IllegalArgumentException {
                    Loop() { super("looping cause"); }
                    @Override public synchronized Throwable getCause() { return new Loop(); }
                }
                throw new Loop();""")), List.of("1.1"));

        ExerciseResult adder = exercise(report, "1.1");
        TestResult zeros = test(adder, "adds zeros");
        assertThat(zeros.status()).as("a failed assertion of the student's, not a crash of the grader's runner")
                .isEqualTo(TestStatus.FAILED);
        assertThat(zeros.message()).contains("looping cause");
        assertThat(count(adder, TestStatus.PASSED)).isEqualTo(5);
        assertThat(count(adder, TestStatus.CRASHED)).isZero();
    }

    @Test
    @DisplayName("outsider finding 4: ANSI escape sequences in a message never reach a report raw")
    void ansiEscapes() {
        GradeReport report = h.submit(Map.of(ADDER, adder(
                "throw new IllegalArgumentException(\"\\u001b]0;pwned\\u0007\\u001b[2J\\u001b[32mALL PASSED\\u001b[0m\");")),
                List.of("1.1"));

        TestResult zeros = test(exercise(report, "1.1"), "adds zeros");
        assertThat(zeros.message()).contains("ALL PASSED").doesNotContain("\u001b").doesNotContain("\u0007");
    }
}
