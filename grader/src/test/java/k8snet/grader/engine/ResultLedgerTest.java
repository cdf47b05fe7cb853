package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The results state machine, driven with events as the runner would write them, no JVM forked. Two
 * exercises: 1.1 with class A (tests one, two and a parameterized test rows), 1.2 with class B (test one).
 */
@DisplayName("The results ledger")
class ResultLedgerTest {

    private static final String ROOT = "[engine:junit-jupiter]";
    private static final String A = ROOT + "/[class:k8snet.A]";
    private static final String A1 = A + "/[method:one()]";
    private static final String A2 = A + "/[method:two()]";
    private static final String ROWS = A + "/[test-template:rows(int)]";
    private static final String ROW1 = ROWS + "/[test-template-invocation:#1]";
    private static final String ROW2 = ROWS + "/[test-template-invocation:#2]";
    private static final String B = ROOT + "/[class:k8snet.B]";
    private static final String B1 = B + "/[method:one()]";
    private static final long S = 1_000_000_000L;

    private ResultLedger ledger;
    private long now;

    @BeforeEach
    void plan() {
        ledger = ledger(EngineOptions.defaults().withTestTimeout(Duration.ofSeconds(10))
                .withExerciseBudget(Duration.ofSeconds(60)).withMaxRestarts(1));
    }

    private ResultLedger ledger(EngineOptions options) {
        ResultLedger l = new ResultLedger("module-01", Map.of("k8snet.A", "1.1", "k8snet.B", "1.2"),
                List.of("1.1", "1.2"), options);
        l.forkStarted(List.of("1.1", "1.2"), Set.of(), true);
        for (RunnerEvent e : List.of(node(ROOT, "", false, false, ""), node(A, ROOT, false, false, "k8snet.A"),
                node(A1, A, true, true, "k8snet.A"), node(A2, A, true, true, "k8snet.A"),
                node(ROWS, A, false, true, "k8snet.A"), node(B, ROOT, false, false, "k8snet.B"),
                node(B1, B, true, true, "k8snet.B"))) {
            assertThat(l.accept(e, now)).as("plan line %s", e).isTrue();
        }
        return l;
    }

    private static RunnerEvent.Plan node(String id, String parent, boolean test, boolean method, String cls) {
        return new RunnerEvent.Plan(id, parent, test, method, "name of " + id.substring(id.lastIndexOf('/') + 1), cls);
    }

    private static RunnerEvent.Started start(String id, String parent) {
        return new RunnerEvent.Started(id, parent, !id.equals(ROOT) && !id.equals(A) && !id.equals(B)
                && !id.equals(ROWS), "Rows > " + id.substring(id.lastIndexOf('/') + 1), "", 0);
    }

    private static RunnerEvent.Finished ok(String id) {
        return new RunnerEvent.Finished(id, "SUCCESSFUL", "", "", "", false, false, false, 0);
    }

    private static RunnerEvent.Finished failed(String id, String message) {
        return new RunnerEvent.Finished(id, "FAILED", message, "", "org.opentest4j.AssertionFailedError", true, false,
                false, 0);
    }

    private static RunnerEvent.Finished timedOut(String id) {
        return new RunnerEvent.Finished(id, "FAILED", "one() timed out after 10 seconds", "",
                "java.util.concurrent.TimeoutException", false, true, false, 0);
    }

    /** Feeds events that must all be admitted. */
    private void feed(RunnerEvent... events) {
        for (RunnerEvent e : events) {
            assertThat(ledger.accept(e, now)).as("admitted: %s", e).isTrue();
        }
    }

    /** Runs exercise 1.1 with A1 passing, A2 failing and both rows passing. */
    private void honest11() {
        feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A1, A), ok(A1), start(A2, A),
                failed(A2, "expected 2"), start(ROWS, A), start(ROW1, ROWS), ok(ROW1), start(ROW2, ROWS), ok(ROW2),
                ok(ROWS), ok(A), ok(ROOT));
    }

    private void honest12() {
        feed(new RunnerEvent.Group("1.2"), start(ROOT, ""), start(B, ROOT), start(B1, B), ok(B1), ok(B), ok(ROOT));
    }

    private TestResult result(String id) {
        return ledger.outcome().results().stream().filter(r -> r.uniqueId().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError("no result for " + id + " in " + ledger.outcome().results()));
    }

    @Test
    @DisplayName("accepts an honest run: every test once, in run order, with no warning")
    void honest() {
        honest11();
        honest12();
        feed(new RunnerEvent.End());

        assertThat(ledger.forkEnded(ForkEnding.COMPLETED, 0, "", now)).isTrue();
        ResultLedger.Outcome o = ledger.outcome();
        assertThat(o.results()).extracting(TestResult::uniqueId).containsExactly(A1, A2, ROW1, ROW2, B1);
        assertThat(o.results()).extracting(TestResult::status).containsExactly(TestStatus.PASSED, TestStatus.FAILED,
                TestStatus.PASSED, TestStatus.PASSED, TestStatus.PASSED);
        assertThat(o.results()).extracting(TestResult::exerciseId).containsExactly("1.1", "1.1", "1.1", "1.1", "1.2");
        assertThat(result(A2).message()).isEqualTo("expected 2");
        assertThat(result(ROW1).name()).isEqualTo("Rows > [test-template-invocation:#1]");
        assertThat(o.warnings()).isEmpty();
        assertThat(ledger.pending()).isEmpty();
    }

    @Test
    @DisplayName("counts a test JUnit skipped on its own as not run, never as gone, and ignores the rows it was told to skip")
    void skipped() {
        feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A1, A), ok(A1), start(ROWS, A),
                start(ROW1, ROWS));
        ledger.forkEnded(ForkEnding.EXITED, 1, "", now);
        ledger.forkStarted(List.of("1.1", "1.2"), ledger.graded(), false);
        feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), new RunnerEvent.Skipped(A2, "@Disabled"),
                start(ROWS, A), new RunnerEvent.Skipped(ROW1, "already graded before the test JVM restarted"),
                start(ROW2, ROWS), ok(ROW2), ok(ROWS), ok(A), ok(ROOT));

        assertThat(result(A2).status()).isEqualTo(TestStatus.NOT_RUN);
        assertThat(result(A2).message()).isEqualTo("not run: JUnit skipped it (@Disabled)");
        assertThat(result(ROW1).status()).as("the row that crashed keeps its result").isEqualTo(TestStatus.CRASHED);
        assertThat(result(ROW2).status()).isEqualTo(TestStatus.PASSED);
        assertThat(ledger.pending()).extracting(RunOrder.Pending::exerciseId).containsExactly("1.2");
    }

    @Test
    @DisplayName("counts each row a table's plan line gives as a test not run when a time-out stops the exercise first")
    void rowsNotReached() {
        ResultLedger l = new ResultLedger("module-01", Map.of("k8snet.A", "1.1", "k8snet.B", "1.2"),
                List.of("1.1", "1.2"), EngineOptions.defaults().withTestTimeout(Duration.ofSeconds(10)));
        l.forkStarted(List.of("1.1", "1.2"), Set.of(), true);
        String other = A + "/[test-template:other(int)]";
        for (RunnerEvent e : List.of(node(ROOT, "", false, false, ""), node(A, ROOT, false, false, "k8snet.A"),
                node(A1, A, true, true, "k8snet.A"),
                new RunnerEvent.Plan(ROWS, A, false, true, "A > rows", "k8snet.A", 4),
                new RunnerEvent.Plan(other, A, false, true, "A > other", "k8snet.A", 3),
                node(A2, A, true, true, "k8snet.A"))) {
            assertThat(l.accept(e, now)).as("plan line %s", e).isTrue();
        }
        for (RunnerEvent e : List.of(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A1, A),
                ok(A1), start(ROWS, A), start(ROW1, ROWS), ok(ROW1), start(ROW2, ROWS), timedOut(ROW2))) {
            assertThat(l.accept(e, now)).as("admitted: %s", e).isTrue();
        }
        assertThat(l.progress("1.1")).as("[done, total]: three results, and 2 + 3 + 1 tests still to come")
                .containsExactly(3, 9);
        l.forkEnded(ForkEnding.RECYCLED, 75, "", now);

        List<TestResult> results = l.outcome().results().stream().filter(r -> r.exerciseId().equals("1.1")).toList();
        assertThat(results).extracting(TestResult::uniqueId).as("rows 3 and 4 of rows, all 3 of other, then two()")
                .containsExactly(A1, ROW1, ROW2, ROWS + "/[test-template-invocation:#3]",
                        ROWS + "/[test-template-invocation:#4]", other + "/[test-template-invocation:#1]",
                        other + "/[test-template-invocation:#2]", other + "/[test-template-invocation:#3]", A2);
        assertThat(results).extracting(TestResult::status).containsExactly(TestStatus.PASSED, TestStatus.PASSED,
                TestStatus.TIMED_OUT, TestStatus.NOT_RUN, TestStatus.NOT_RUN, TestStatus.NOT_RUN, TestStatus.NOT_RUN,
                TestStatus.NOT_RUN, TestStatus.NOT_RUN);
        assertThat(results.get(3).name()).isEqualTo("A > rows > [3] (not reached)");
        assertThat(results.get(3).message()).startsWith("not run: test ").contains("timed out");
    }

    @Nested
    @DisplayName("rejects, warns about and ignores")
    class Rejects {

        private void rejected(RunnerEvent e, String why) {
            assertThat(ledger.accept(e, now)).as("rejected: %s", e).isFalse();
            assertThat(ledger.outcome().warnings()).anySatisfy(w -> assertThat(w)
                    .startsWith("module-01: ignored 1 result line(s) that broke the runner's protocol (tampering?), "
                            + "first: " + why));
        }

        @Test
        @DisplayName("a start of an id not in the plan, even inside a class")
        void unknownId() {
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT));
            rejected(start(A + "/[method:forged()]", A), "a start of " + A + "/[method:forged()], which is not in the plan");
            feed(ok(A), ok(ROOT));
            assertThat(ledger.outcome().results()).extracting(TestResult::uniqueId)
                    .doesNotContain(A + "/[method:forged()]");
        }

        @Test
        @DisplayName("a finish of a test that never started")
        void finishBeforeStart() {
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT));
            rejected(ok(A1), "a finish of " + A1 + " without its start");
            feed(start(A1, A), failed(A1, "expected 1"));
            assertThat(result(A1).status()).as("the real finish counts, and a tainted test cannot pass")
                    .isEqualTo(TestStatus.FAILED);
            assertThat(result(A1).message()).isEqualTo("expected 1");
        }

        @Test
        @DisplayName("a second finish: the test cannot pass then, whichever came first")
        void duplicateFinish() {
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A1, A), ok(A1));
            rejected(failed(A1, "the real one"), "a second finish of " + A1);
            assertThat(result(A1).status()).isEqualTo(TestStatus.FAILED);
            assertThat(result(A1).message()).contains("tampered with");
            assertThat(ledger.outcome().warnings()).anySatisfy(w -> assertThat(w)
                    .endsWith("the tests they named cannot pass: " + A1));
        }

        @Test
        @DisplayName("a second start of a test, in the same fork or a later one")
        void duplicateStart() {
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A1, A), ok(A1));
            rejected(start(A1, A), "a second start of the test " + A1);
        }

        @Test
        @DisplayName("a test of another exercise inside this exercise's group")
        void otherExercise() {
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""));
            rejected(start(B, ROOT), "a start of " + B + " during the tests of exercise 1.1");
        }

        @Test
        @DisplayName("a group out of turn, and a plan line once the tests run")
        void outOfTurn() {
            rejected(new RunnerEvent.Group("1.2"), "exercise 1.2 started out of turn (expected 1.1)");
            feed(new RunnerEvent.Group("1.1"));
            assertThat(ledger.accept(node(A + "/[method:late()]", A, true, true, "k8snet.A"), now)).isFalse();
        }

        @Test
        @DisplayName("anything after the run's end line")
        void afterEnd() {
            honest11();
            honest12();
            feed(new RunnerEvent.End());
            rejected(start(ROOT, ""), "a line after the run's end line");
        }

        @Test
        @DisplayName("an end line before every exercise ran")
        void earlyEnd() {
            honest11();
            rejected(new RunnerEvent.End(), "the end line before every exercise's tests ran");
        }
    }

    @Nested
    @DisplayName("stops an exercise, and only that exercise,")
    class Stops {

        @Test
        @DisplayName("after its first time-out: the rest of it is not run, with the reason")
        void timeout() {
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A1, A), timedOut(A1));
            assertThat(ledger.forkEnded(ForkEnding.RECYCLED, 75, "", now)).isTrue();

            assertThat(ledger.pending()).extracting(RunOrder.Pending::exerciseId).containsExactly("1.2");
            assertThat(result(A1).status()).isEqualTo(TestStatus.TIMED_OUT);
            assertThat(result(A1).message()).startsWith("timed out: this test did not finish within 10 s");
            assertThat(result(A2).status()).isEqualTo(TestStatus.NOT_RUN);
            assertThat(result(A2).message()).isEqualTo("not run: test \"name of [method:one()]\" of exercise 1.1 "
                    + "timed out after 10 s, so the rest of 1.1 was skipped");
            assertThat(ledger.outcome().warnings()).noneMatch(w -> w.contains("tampering"));
        }

        @Test
        @DisplayName("when it uses up its budget, counted across forks and not counting a JVM's start")
        void budget() {
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A1, A));
            now = 30 * S;
            assertThat(ledger.overBudget(now)).isEmpty();
            assertThat(ledger.forkEnded(ForkEnding.EXITED, 1, "", now)).isTrue();
            assertThat(result(A1).status()).isEqualTo(TestStatus.CRASHED);

            now = 100 * S;
            ledger.forkStarted(List.of("1.1", "1.2"), ledger.graded(), false);
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A2, A));
            assertThat(ledger.overBudget(now + 30 * S)).as("30 s + 30 s is the budget, not over it").isEmpty();
            assertThat(ledger.overBudget(now + 31 * S)).contains("1.1");
            assertThat(ledger.forkEnded(ForkEnding.OVER_BUDGET, -1, "", now + 31 * S)).isTrue();

            assertThat(result(A2).status()).isEqualTo(TestStatus.TIMED_OUT);
            assertThat(result(A2).message()).startsWith("exercise 1.1 used up its time budget of 60 s");
            assertThat(result(ROWS).status()).isEqualTo(TestStatus.NOT_RUN);
            assertThat(result(ROWS).message()).isEqualTo("not run: exercise 1.1 used up its time budget of 60 s");
            assertThat(ledger.pending()).extracting(RunOrder.Pending::exerciseId).containsExactly("1.2");
        }

        @Test
        @DisplayName("after more deaths than restarts allowed (here 1)")
        void restarts() {
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A1, A));
            assertThat(ledger.forkEnded(ForkEnding.EXITED, 0, "", now)).isTrue();
            ledger.forkStarted(List.of("1.1", "1.2"), ledger.graded(), false);
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A2, A));
            assertThat(ledger.forkEnded(ForkEnding.EXITED, 0, "", now)).isTrue();

            assertThat(result(A1).status()).isEqualTo(TestStatus.CRASHED);
            assertThat(result(A2).status()).isEqualTo(TestStatus.CRASHED);
            assertThat(result(ROWS).message()).isEqualTo("not run: the test JVM died 2 times during exercise 1.1, so "
                    + "the grader stopped restarting it");
            assertThat(ledger.pending()).extracting(RunOrder.Pending::exerciseId).containsExactly("1.2");
        }
    }

    @Nested
    @DisplayName("on a fork's death")
    class Deaths {

        @Test
        @DisplayName("blames the running test and resumes a table after the row that died")
        void crash() {
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A1, A), ok(A1), start(A2, A),
                    ok(A2), start(ROWS, A), start(ROW1, ROWS));
            assertThat(ledger.forkEnded(ForkEnding.EXITED, 0, "", now)).isTrue();

            assertThat(result(ROW1).status()).isEqualTo(TestStatus.CRASHED);
            assertThat(result(ROW1).message()).isEqualTo("the test JVM exited with code 0 (System.exit, Runtime.halt or "
                    + "a crash) while this test ran");
            assertThat(ledger.pending()).extracting(RunOrder.Pending::units)
                    .containsExactly(List.of(ROWS), List.of(B1));
            assertThat(ledger.graded()).containsExactlyInAnyOrder(A1, A2, ROW1);
        }

        @Test
        @DisplayName("treats the recycle exit code as a crash unless a test just timed out")
        void fakeRecycle() {
            feed(new RunnerEvent.Group("1.1"), start(ROOT, ""), start(A, ROOT), start(A1, A));
            ledger.forkEnded(ForkEnding.RECYCLED, 75, "", now);
            assertThat(result(A1).status()).isEqualTo(TestStatus.CRASHED);
        }

        @Test
        @DisplayName("gives up on the module when the JVM dies before any exercise started")
        void beforeAnyTest() {
            ResultLedger fresh = new ResultLedger("module-01", Map.of("k8snet.A", "1.1"), List.of("1.1"),
                    EngineOptions.defaults());
            fresh.forkStarted(List.of("1.1"), Set.of(), true);
            assertThat(fresh.forkEnded(ForkEnding.EXITED, 1, "Error: no JVM", now)).isFalse();
            assertThat(fresh.outcome().results()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(TestStatus.NOT_RUN);
                assertThat(r.testClass()).isEqualTo("k8snet.A");
                assertThat(r.message()).isEqualTo("not run: the test JVM died before it ran (the test JVM exited with "
                        + "code 1 (System.exit, Runtime.halt or a crash)); Error: no JVM");
            });
        }
    }
}
