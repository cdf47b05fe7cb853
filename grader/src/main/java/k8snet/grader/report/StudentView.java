package k8snet.grader.report;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Points;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.Visibility;

/**
 * What students may see of a graded submission now. Unless the hidden tests are {@link Visibility#VISIBLE},
 * their names, messages, output and results are kept apart: an exercise's visible part is scored over its
 * visible tests only (its status too), and warnings or errors that name a hidden test class are left out.
 */
final class StudentView {

    /**
     * One exercise split into what students see now and the hidden part (empty when nothing is secret).
     * Scores are in hundredths; the two parts add up to the exercise's score and maximum.
     */
    record Exercise(ExerciseResult result, List<TestResult> visible, List<TestResult> hidden, long visibleScore,
                    long visibleMax, long hiddenScore, long hiddenMax, ExerciseStatus visibleStatus) {
    }

    private final Visibility visibility;
    private final Set<String> hiddenNames = new HashSet<>();

    StudentView(GradeReport report, Visibility visibility) {
        this.visibility = visibility;
        for (ExerciseResult r : report.exercises()) {
            for (TestResult t : r.tests()) {
                if (t.hidden() && !t.testClass().isEmpty()) {
                    hiddenNames.add(t.testClass());
                    hiddenNames.add(t.testClass().substring(t.testClass().lastIndexOf('.') + 1));
                }
            }
        }
    }

    /** Whether hidden tests are kept from students now. */
    boolean secret() {
        return visibility.secret();
    }

    Visibility visibility() {
        return visibility;
    }

    Exercise exercise(ExerciseResult r) {
        List<TestResult> hidden = secret() ? r.tests().stream().filter(TestResult::hidden).toList() : List.of();
        List<TestResult> visible = secret() ? r.tests().stream().filter(t -> !t.hidden()).toList() : r.tests();
        long hiddenMax = hidden.stream().mapToLong(t -> Points.hundredths(t.points())).sum();
        long hiddenScore = hidden.stream().filter(TestResult::passed).mapToLong(t -> Points.hundredths(t.points()))
                .sum();
        long visibleMax = Points.hundredths(r.maxScore()) - hiddenMax;
        long visibleScore = Points.hundredths(r.score()) - hiddenScore;
        return new Exercise(r, visible, hidden, visibleScore, visibleMax, hiddenScore, hiddenMax,
                hidden.isEmpty() ? r.status() : visibleStatus(r.status(), visible));
    }

    private static ExerciseStatus visibleStatus(ExerciseStatus all, List<TestResult> visible) {
        if (all == ExerciseStatus.DOES_NOT_COMPILE || all == ExerciseStatus.NOT_STARTED) {
            return all;
        }
        return !visible.isEmpty() && visible.stream().allMatch(TestResult::passed) ? ExerciseStatus.DONE
                : ExerciseStatus.IN_PROGRESS;
    }

    /** The warnings students may read. */
    List<String> warnings(GradeReport report) {
        return report.warnings().stream().filter(w -> !namesHidden(w)).toList();
    }

    /** The grader's error as students may read it. */
    Optional<String> error(GradedSubmission graded) {
        return graded.error().map(e -> namesHidden(e)
                ? "the grader failed on a hidden test (the details are in report.json, for the instructor)" : e);
    }

    private boolean namesHidden(String text) {
        if (!secret()) {
            return false;
        }
        if (text.toLowerCase(java.util.Locale.ROOT).contains("hidden")) {
            return true;
        }
        return hiddenNames.stream().anyMatch(text::contains);
    }
}
