package k8snet.grader.engine;

import static k8snet.grader.engine.EngineHarness.count;
import static k8snet.grader.engine.EngineHarness.exercise;
import static k8snet.grader.engine.EngineHarness.test;
import static k8snet.grader.engine.SyntheticKit.ADDER;
import static k8snet.grader.engine.SyntheticKit.MODULE;
import static k8snet.grader.engine.SyntheticKit.SHOUTER;
import static k8snet.grader.engine.SyntheticKit.SHOUTER_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.adder;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The forking engine on hostile code")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCodeTest {

    private static final List<String> BOTH = List.of("1.1", "1.2");

    @TempDir
    static Path shared;

    private EngineHarness h;

    @BeforeAll
    void writeKit() {
        h = new EngineHarness(shared);
    }

    private GradeReport submit(Map<String, String> changes, List<String> ids) {
        return h.submit(changes, ids);
    }

    /**
     * Checks the rule for a test that timed out: the tests of the exercise before it ran as usual, it is
     * TIMED_OUT in plain words, and every test after it is NOT_RUN naming it.
     */
    static void stoppedAfter(ExerciseResult exercise, String timedOut, String seconds) {
        List<TestResult> tests = exercise.tests();
        int at = tests.indexOf(test(exercise, timedOut));
        TestResult loop = tests.get(at);
        assertThat(loop.status()).isEqualTo(TestStatus.TIMED_OUT);
        assertThat(loop.message()).startsWith("timed out: this test did not finish within " + seconds
                + ", so the grader stopped it").doesNotContain("()");
        assertThat(tests.subList(0, at)).allSatisfy(t -> assertThat(t.status()).isEqualTo(TestStatus.PASSED));
        String id = exercise.exercise().id();
        assertThat(tests.subList(at + 1, tests.size())).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TestStatus.NOT_RUN);
            assertThat(t.message()).isEqualTo("not run: test \"" + loop.name() + "\" of exercise " + id
                    + " timed out after " + seconds + ", so the rest of " + id + " was skipped");
        });
    }

    @Test
    @DisplayName("times out an infinite loop, and skips the rest of that exercise at once")
    void infiniteLoop() {
        GradeReport report = submit(Map.of(ADDER, adder("while (true) { Thread.onSpinWait(); }")), List.of("1.1"));

        ExerciseResult adder = exercise(report, "1.1");
        stoppedAfter(adder, "adds zeros", "2 s");
        assertThat(test(adder, "adds zeros").message())
                .as("the watchdog says where the test's thread was: in the loop, called from the test")
                .contains("; when stopped, it was at Adder.add(Adder.java:9), called from AdderTest.");
        // Jupiter's method order is fixed (if not obvious): the first test and the table's three rows, then zeros.
        assertThat(count(adder, TestStatus.PASSED)).isEqualTo(4);
        assertThat(count(adder, TestStatus.NOT_RUN)).isEqualTo(1);
        assertThat(count(adder, TestStatus.TIMED_OUT)).isEqualTo(1);
        assertThat(adder.score()).as("the exact shares of the tests that passed").isEqualTo(adder.tests().stream()
                .filter(TestResult::passed).mapToDouble(TestResult::points).sum());
        assertThat(adder.status()).isEqualTo(ExerciseStatus.IN_PROGRESS);
        assertThat(report.warnings()).as("the spinning thread's JVM is replaced, and the report says so")
                .anyMatch(w -> w.contains("1 test(s) timed out") && w.contains("replaced the test JVM"));
    }

    @Test
    @DisplayName("times out a sleep that ignores interrupts")
    void sleepForever() {
        GradeReport report = submit(Map.of(ADDER, adder(
                "while (true) { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } }")),
                List.of("1.1"));

        stoppedAfter(exercise(report, "1.1"), "adds zeros", "2 s");
    }

    @Test
    @DisplayName("costs a System.exit one test: the others run after a restart")
    void systemExit() {
        GradeReport report = submit(Map.of(ADDER, adder("System.exit(0);"), SHOUTER, SHOUTER_SOLUTION), BOTH);

        ExerciseResult adder = exercise(report, "1.1");
        TestResult zeros = test(adder, "adds zeros");
        assertThat(zeros.status()).isEqualTo(TestStatus.CRASHED);
        assertThat(zeros.message()).contains("exited with code 0");
        assertThat(count(adder, TestStatus.PASSED)).isEqualTo(5);
        assertThat(exercise(report, "1.2").status()).isEqualTo(ExerciseStatus.DONE);
    }

    @Test
    @DisplayName("continues a table after the row whose code exited")
    void exitInTableRow() {
        GradeReport report = submit(Map.of(ADDER, SyntheticKit.adderWhen("a == 2", "System.exit(1);")),
                List.of("1.1"));

        ExerciseResult adder = exercise(report, "1.1");
        assertThat(test(adder, "2 + 3 = 5").status()).isEqualTo(TestStatus.CRASHED);
        assertThat(test(adder, "10 + 20 = 30").status()).isEqualTo(TestStatus.PASSED);
        assertThat(adder.tests()).hasSize(6);
        assertThat(count(adder, TestStatus.PASSED)).isEqualTo(5);
    }

    @Test
    @DisplayName("fails unbounded recursion with a StackOverflowError")
    void recursion() {
        GradeReport report = submit(Map.of(ADDER, adder("return add(a, b) + 1;")), List.of("1.1"));

        ExerciseResult adder = exercise(report, "1.1");
        TestResult zeros = test(adder, "adds zeros");
        assertThat(zeros.status()).isEqualTo(TestStatus.FAILED);
        assertThat(zeros.message()).contains("StackOverflowError");
        assertThat(count(adder, TestStatus.PASSED)).isEqualTo(5);
    }

    @Test
    @DisplayName("reports running out of memory as a crash and grades the rest")
    void outOfMemory() {
        // One array twice the test JVM's heap (256 MB): out of memory at once, at any speed. A heap filled step by
        // step takes the collector a while near the limit (0.6 s on an idle machine), and on a loaded one that
        // outlasted this harness's 2 s test timeout: then the test had rightly timed out before it ran out.
        GradeReport report = submit(Map.of(ADDER, adder(
                "long[] hog = new long[64 << 20]; hog[hog.length - 1] = a;")),
                List.of("1.1"));

        ExerciseResult adder = exercise(report, "1.1");
        TestResult zeros = test(adder, "adds zeros");
        assertThat(zeros.status()).isEqualTo(TestStatus.CRASHED);
        assertThat(zeros.message()).contains("out of memory");
        assertThat(count(adder, TestStatus.PASSED)).isEqualTo(5);
    }

    @Test
    @DisplayName("caps 10 MB of output and finishes although threads are left running, scoring honestly")
    void floodAndStrayThreads() {
        GradeReport report = submit(Map.of(ADDER, adder("""
                String line = "x".repeat(1023);
                for (int i = 0; i < 10 * 1024; i++) {
                    System.out.println(line);
                }
                Thread t = new Thread(() -> {
                    while (true) {
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            // keep running
                        }
                    }
                });
                t.setDaemon(false);
                t.start();
                """)), List.of("1.1"));

        ExerciseResult adder = exercise(report, "1.1");
        TestResult zeros = test(adder, "adds zeros");
        assertThat(zeros.status()).isEqualTo(TestStatus.PASSED);
        assertThat(zeros.output()).hasSizeLessThan(17 * 1024).contains("more bytes of output dropped");
        assertThat(adder.score()).isEqualTo(10);
    }

    @Test
    @DisplayName("kills a fork that hangs where the per-test timeout does not reach: a test's constructor")
    void hangInConstructor() {
        Path kit2 = h.fresh("kit-constructor");
        SyntheticKit.copy(h.kit, kit2);
        SyntheticKit.put(kit2, MODULE + "/src/test/java/k8snet/text/ShouterTest.java",
                SyntheticKit.SHOUTER_TEST_SOURCE.replace("class ShouterTest {",
                        "class ShouterTest {\n    private final String warm = Shouter.shout(\"warm\");"));
        String hangOnce = SHOUTER_SOLUTION.replace("public static String shout(String text) {", """
                public static String shout(String text) {
                        java.nio.file.Path marker = java.nio.file.Path.of("hung-once");
                        if ("warm".equals(text) && java.nio.file.Files.notExists(marker)) {
                            try {
                                java.nio.file.Files.createFile(marker);
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            while (true) {
                                Thread.onSpinWait();
                            }
                        }
                """);
        Path submission = SyntheticKit.submission(kit2, h.fresh("submission"),
                Map.of(SHOUTER, hangOnce));
        ForkingEngine quick = new ForkingEngine(h.engine.options().withStallGrace(Duration.ofSeconds(1)));
        GradeReport report = h.run(quick, kit2, submission, EngineHarness.all(Origin.SUBMISSION), List.of("1.2"));

        ExerciseResult shouter = exercise(report, "1.2");
        assertThat(shouter.tests()).hasSize(3);
        TestResult hung = shouter.tests().get(0);
        assertThat(hung.status()).isEqualTo(TestStatus.TIMED_OUT);
        assertThat(hung.message()).contains("no result for 3 s", "being prepared");
        assertThat(shouter.tests().subList(1, 3)).as("the rest of 1.2 is skipped once one of its tests hung")
                .allSatisfy(t -> {
                    assertThat(t.status()).isEqualTo(TestStatus.NOT_RUN);
                    assertThat(t.message()).isEqualTo("not run: test \"" + hung.name() + "\" of exercise 1.2 hung "
                            + "where the per-test timeout could not stop it, so the rest of 1.2 was skipped");
                });
    }
}
