package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.report.GradedSubmission;

@DisplayName("The reference's verdict")
class ReferenceCheckTest {

    private static final String SECRET = "k8snet.dns.SecretTest";
    private final StringWriter out = new StringWriter();

    private int verdict(GradeReport report, boolean hiddenTests) {
        return ReferenceCheck.verdict(new PrintWriter(out), GradedSubmission.of("reference", report), hiddenTests);
    }

    @Test
    @DisplayName("is 0 and says nothing when every test passes")
    void allPass() {
        assertThat(verdict(Fixtures.report(Fixtures.result(Fixtures.IPV4, ExerciseStatus.DONE,
                Fixtures.passed(Fixtures.IPV4, "parses"))), true)).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    @DisplayName("names failing hidden tests before failing graded ones, with status and first message line")
    void hiddenFirst() {
        GradeReport report = Fixtures.report(
                Fixtures.result(Fixtures.IPV4, ExerciseStatus.IN_PROGRESS,
                        Fixtures.failed(Fixtures.IPV4, "parses", "expected 10.0.0.1\nbut was null")),
                Fixtures.withHidden(Fixtures.DNS, ExerciseStatus.IN_PROGRESS, java.util.Set.of(SECRET),
                        List.of(Fixtures.entry(Fixtures.DNS, SECRET, 400)),
                        Fixtures.passed(Fixtures.DNS, "drops the dot"),
                        Fixtures.hidden(Fixtures.DNS, SECRET, "rejectsUnderscore", false, "expected an error")));
        assertThat(verdict(report, true)).isEqualTo(1);
        assertThat(out.toString().lines().toList()).containsExactly(
                "  FAILS ON THE REFERENCE: hidden test 1.2 " + SECRET + ": rejectsUnderscore (failed: expected an error)",
                "  FAILS ON THE REFERENCE: graded test 1.1 " + Fixtures.IPV4.tests().get(0)
                        + ": parses (failed: expected 10.0.0.1)",
                "The reference solutions must pass every test: 1 hidden and 1 graded test(s) fail on them; "
                        + "fix them before grading students.");
    }

    @Test
    @DisplayName("counts a warning about hidden tests only when hidden tests were given")
    void hiddenWarnings() {
        GradeReport report = Fixtures.report(List.of("hidden test class k8snet.Nope matches no exercise"),
                Fixtures.result(Fixtures.IPV4, ExerciseStatus.DONE, Fixtures.passed(Fixtures.IPV4, "parses")));
        assertThat(verdict(report, false)).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(verdict(report, true)).isEqualTo(1);
        assertThat(out.toString().lines().toList()).containsExactly(
                "  HIDDEN TESTS: hidden test class k8snet.Nope matches no exercise",
                "The reference solutions must pass every test: 0 hidden and 0 graded test(s) fail on them, "
                        + "and 1 hidden test warning(s); fix them before grading students.");
    }
}
