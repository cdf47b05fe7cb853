package k8snet.grader.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import k8snet.grader.engine.TestResult;
import k8snet.grader.report.GradedSubmission;

/**
 * {@code course grade --reference}'s verdict: the reference solutions must earn every point, so each test
 * that fails on them is named, hidden ones first (a wrong hidden test would cost every student its points),
 * and so is each warning about the hidden tests.
 */
final class ReferenceCheck {

    private ReferenceCheck() {
    }

    /**
     * Prints what is wrong with the graded reference to {@code out}; returns 1 when anything is, else 0.
     *
     * @param hiddenTests whether hidden tests were given (only then do hidden-test warnings count)
     */
    static int verdict(PrintWriter out, GradedSubmission graded, boolean hiddenTests) {
        List<TestResult> failing = new ArrayList<>();
        graded.report().exercises().forEach(r -> r.tests().stream().filter(t -> !t.passed()).forEach(failing::add));
        List<TestResult> ordered = new ArrayList<>(failing.stream().filter(TestResult::hidden).toList());
        ordered.addAll(failing.stream().filter(t -> !t.hidden()).toList());
        List<String> hiddenWarnings = !hiddenTests ? List.of() : graded.report().warnings().stream()
                .filter(w -> w.contains("hidden test")).toList();
        for (TestResult t : ordered) {
            String message = t.message().strip().lines().findFirst().orElse("");
            out.println("  FAILS ON THE REFERENCE: " + (t.hidden() ? "hidden test " : "graded test ")
                    + t.exerciseId() + " " + t.testClass() + ": " + t.name() + " ("
                    + t.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + (message.isEmpty() ? "" : ": " + message) + ")");
        }
        hiddenWarnings.forEach(w -> out.println("  HIDDEN TESTS: " + w));
        long hiddenFailing = ordered.stream().filter(TestResult::hidden).count();
        if (!ordered.isEmpty() || !hiddenWarnings.isEmpty()) {
            out.println("The reference solutions must pass every test: " + hiddenFailing + " hidden and "
                    + (ordered.size() - hiddenFailing) + " graded test(s) fail on them"
                    + (hiddenWarnings.isEmpty() ? "" : ", and " + hiddenWarnings.size() + " hidden test warning(s)")
                    + "; fix them before grading students.");
        }
        out.flush();
        return ordered.isEmpty() && hiddenWarnings.isEmpty() ? 0 : 1;
    }
}
