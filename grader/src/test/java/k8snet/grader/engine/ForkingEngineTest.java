package k8snet.grader.engine;

import static k8snet.grader.engine.SyntheticKit.ADDER;
import static k8snet.grader.engine.SyntheticKit.ADDER_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.ADDER_TEST;
import static k8snet.grader.engine.SyntheticKit.MODULE;
import static k8snet.grader.engine.SyntheticKit.SHOUTER;
import static k8snet.grader.engine.SyntheticKit.SHOUTER_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.adder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.guard.GuardOptions;

@DisplayName("The forking engine")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForkingEngineTest {

    private static final List<String> BOTH = List.of("1.1", "1.2");

    @TempDir
    static Path shared;

    private Path kit;
    private ForkingEngine engine;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeAll
    void writeKit() {
        kit = SyntheticKit.write(shared.resolve("kit"));
        engine = new ForkingEngine(EngineOptions.defaults()
                .withTestTimeout(Duration.ofSeconds(2))
                .withModuleDeadline(Duration.ofSeconds(60))
                .withCacheDir(shared.resolve("cache"))
                // These tests reach the engine's limits with code the bytecode allowlist would refuse
                // (System.exit, threads, files): AllowlistGateTest covers the check.
                .withGuard(GuardOptions.defaults().withCheckBytecode(false)));
    }

    private GradeReport run(Path submission, Origin origin, List<String> ids) {
        Map<String, Origin> origins = new HashMap<>();
        BOTH.forEach(id -> origins.put(id, origin));
        return engine.run(new RunRequest(kit, submission, ids, origins, Optional.empty(),
                shared.resolve("work-" + runs.incrementAndGet())));
    }

    /** Grades a submission made of the kit with {@code changes}, and checks nothing was written into it. */
    private GradeReport submit(Map<String, String> changes, List<String> ids) {
        Path submission = SyntheticKit.submission(kit, shared.resolve("submission-" + runs.incrementAndGet()), changes);
        Map<String, String> before = SyntheticKit.snapshot(submission);
        GradeReport report = run(submission, Origin.SUBMISSION, ids);
        assertThat(SyntheticKit.snapshot(submission)).as("the submission folder is never written to").isEqualTo(before);
        return report;
    }

    private static ExerciseResult exercise(GradeReport report, String id) {
        return report.exercises().stream().filter(e -> e.exercise().id().equals(id)).findFirst().orElseThrow();
    }

    private static TestResult test(ExerciseResult exercise, String nameEnd) {
        return exercise.tests().stream().filter(t -> t.name().endsWith(nameEnd)).findFirst()
                .orElseThrow(() -> new AssertionError("no test named ..." + nameEnd + " in " + exercise.tests()));
    }

    private static long count(ExerciseResult exercise, TestStatus status) {
        return exercise.tests().stream().filter(t -> t.status() == status).count();
    }

    @Nested
    @DisplayName("on the kit's own code")
    class OwnCode {

        @Test
        @DisplayName("scores the stubs 0 and calls them not started")
        void stubs() {
            GradeReport report = run(kit, Origin.STUB, BOTH);

            assertThat(report.score()).isZero();
            assertThat(report.maxScore()).isEqualTo(30);
            assertThat(report.exercises()).extracting(ExerciseResult::status)
                    .containsExactly(ExerciseStatus.NOT_STARTED, ExerciseStatus.NOT_STARTED);
            assertThat(exercise(report, "1.1").tests()).hasSize(6).allMatch(t -> t.status() == TestStatus.FAILED);
            assertThat(exercise(report, "1.2").tests()).hasSize(3);
            assertThat(test(exercise(report, "1.1"), "adds zeros").message()).contains("Exercise 1.1");
            assertThat(report.warnings()).isEmpty();
        }

        @Test
        @DisplayName("scores the reference solutions in full, with readable test names")
        void reference() {
            GradeReport report = run(kit, Origin.SOLUTION, BOTH);

            assertThat(report.score()).isEqualTo(30);
            assertThat(report.exercises()).extracting(ExerciseResult::status)
                    .containsExactly(ExerciseStatus.DONE, ExerciseStatus.DONE);
            assertThat(exercise(report, "1.1").tests()).extracting(TestResult::name)
                    .contains("Adder > adds zeros", "Adder > adds the rows of a table > 2 + 3 = 5");
            assertThat(exercise(report, "1.2").tests()).extracting(TestResult::name)
                    .contains("Shouter > a sentence > is shouted whole");
            assertThat(exercise(report, "1.2").tests()).allSatisfy(t -> {
                assertThat(t.testClass()).isEqualTo("k8snet.text.ShouterTest");
                assertThat(t.exerciseId()).isEqualTo("1.2");
                assertThat(t.uniqueId()).startsWith("[engine:junit-jupiter]");
            });
        }

        @Test
        @DisplayName("re-runs an unchanged request without compiling, and rebuilds tampered classes")
        void cache() throws java.io.IOException {
            run(kit, Origin.SOLUTION, List.of("1.1"));
            GradeReport second = run(kit, Origin.SOLUTION, List.of("1.1"));

            assertThat(second.score()).isEqualTo(10);
            System.out.printf("second run of one exercise (cached compile): %.2f s%n", second.seconds());
            assertThat(second.seconds()).as("a cached re-run only forks the test JVM").isLessThan(15);

            try (var walk = java.nio.file.Files.walk(shared.resolve("cache"))) {
                for (Path p : walk.filter(p -> p.endsWith(Path.of("k8snet/calc/Adder.class"))).toList()) {
                    java.nio.file.Files.writeString(p, "not a class file");
                }
            }
            assertThat(run(kit, Origin.SOLUTION, List.of("1.1")).score()).isEqualTo(10);
        }

        @Test
        @DisplayName("refuses a work dir inside the submission")
        void workDirInsideSubmission() {
            Path submission = SyntheticKit.submission(kit, shared.resolve("submission-" + runs.incrementAndGet()),
                    Map.of());
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> engine.run(new RunRequest(kit, submission, List.of("1.1"), Map.of(),
                            Optional.empty(), submission.resolve("target/work"))))
                    .withMessageContaining("must not be inside the submission");
        }

        @Test
        @DisplayName("refuses an exercise id the manifest does not have")
        void unknownExercise() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> run(kit, Origin.STUB, List.of("9.9")))
                    .withMessageContaining("Unknown exercise '9.9'");
        }
    }

    @Nested
    @DisplayName("on a submission")
    class Submissions {

        @Test
        @DisplayName("gives one solved exercise exactly its points")
        void oneSolved() {
            GradeReport report = submit(Map.of(ADDER, ADDER_SOLUTION), BOTH);

            assertThat(report.score()).isEqualTo(10);
            assertThat(exercise(report, "1.1").status()).isEqualTo(ExerciseStatus.DONE);
            assertThat(exercise(report, "1.2").status()).isEqualTo(ExerciseStatus.NOT_STARTED);
        }

        @Test
        @DisplayName("grades one exercise that does not compile as such, and the other one still")
        void compileError() {
            String broken = ADDER_SOLUTION.replace("return a + b;", "return a + b");
            GradeReport report = submit(Map.of(ADDER, broken, SHOUTER, SHOUTER_SOLUTION), BOTH);

            ExerciseResult adder = exercise(report, "1.1");
            assertThat(adder.status()).isEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
            assertThat(adder.score()).isZero();
            assertThat(adder.compilerMessages()).isNotEmpty()
                    .first().asString().startsWith(ADDER + ":11: ");
            assertThat(adder.tests()).allMatch(t -> t.status() == TestStatus.COMPILE_ERROR);
            assertThat(exercise(report, "1.2").status()).isEqualTo(ExerciseStatus.DONE);
            assertThat(report.score()).isEqualTo(20);
        }

        @Test
        @DisplayName("reports graded tests that no longer compile against a changed API, with the test's file, "
                + "and still runs the other exercise's tests")
        void changedApi() {
            String changed = """
                    package k8snet.calc;

                    public final class Adder {
                        public static int add(String a, String b) {
                            return Integer.parseInt(a) + Integer.parseInt(b);
                        }
                    }
                    """;
            // Both exercises: their tests are first compiled in one javac call, which fails; then one by one.
            GradeReport report = submit(Map.of(ADDER, changed), BOTH);

            ExerciseResult adder = exercise(report, "1.1");
            assertThat(adder.status()).isEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
            assertThat(adder.compilerMessages()).isNotEmpty()
                    .allSatisfy(m -> assertThat(m).startsWith(ADDER_TEST + ":"));
            ExerciseResult shouter = exercise(report, "1.2");
            assertThat(shouter.status()).as("the stub of 1.2 is graded although 1.1's tests do not compile")
                    .isEqualTo(ExerciseStatus.NOT_STARTED);
            assertThat(shouter.tests()).isNotEmpty().allMatch(t -> t.status() == TestStatus.FAILED);
        }

        @Test
        @DisplayName("takes a new helper beside the student's file, and ignores new files elsewhere or in a false package")
        void newFiles() {
            String helper = """
                    package k8snet.calc;

                    final class Plus {
                        static int of(int a, int b) {
                            return a + b;
                        }
                    }
                    """;
            String adder = ADDER_SOLUTION.replace("return a + b;", "return Plus.of(a, b);");
            String elsewhere = MODULE + "/src/main/java/k8snet/extra/Helper.java";
            String liar = MODULE + "/src/main/java/k8snet/calc/Liar.java";
            GradeReport report = submit(Map.of(ADDER, adder, MODULE + "/src/main/java/k8snet/calc/Plus.java", helper,
                    elsewhere, "package k8snet.extra;\nclass Helper {}\n",
                    liar, "package k8snet.testkit;\nclass Liar {}\n"), List.of("1.1"));

            assertThat(report.score()).isEqualTo(10);
            assertThat(report.warnings()).hasSize(2);
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w)
                    .startsWith("ignored " + elsewhere + ": new files are only taken from the folders of your "
                            + "exercise files"));
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w)
                    .startsWith("ignored " + liar + ": it declares package 'k8snet.testkit'"));
        }

        @Test
        @DisplayName("uses the pristine graded test whatever the submission does to it: edits, shadows, second classes")
        void pristineTests() {
            String cheat = """
                    package k8snet.calc;

                    import org.junit.jupiter.api.Test;

                    class AdderTest {
                        @Test
                        void fine() {
                        }
                    }
                    """;
            String shadowFile = MODULE + "/src/main/java/k8snet/calc/AdderTest.java";
            String sneakyStub = SyntheticKit.ADDER_STUB + """

                    class AdderTest {
                    }
                    """;
            GradeReport report = submit(Map.of(ADDER_TEST, cheat, shadowFile, cheat, ADDER, sneakyStub),
                    List.of("1.1"));

            assertThat(report.score()).isZero();
            assertThat(exercise(report, "1.1").tests()).hasSize(6);
            assertThat(exercise(report, "1.1").status()).isEqualTo(ExerciseStatus.NOT_STARTED);
            assertThat(report.warnings()).contains(
                    "ignored " + shadowFile + ": it would shadow the graded test k8snet.calc.AdderTest");
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith("ignored " + ADDER_TEST));
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w)
                    .startsWith("ignored class k8snet.calc.AdderTest").contains("shadow the graded test"));
            assertThat(report.tamperedFiles()).as("for summary.csv").containsExactlyInAnyOrder(ADDER_TEST, shadowFile,
                    MODULE + ": class k8snet.calc.AdderTest");
        }

        @Test
        @DisplayName("counts hidden tests towards the exercise of their package")
        void hiddenTests() {
            Path hidden = shared.resolve("hidden-" + runs.incrementAndGet());
            SyntheticKit.put(hidden, "k8snet/calc/AdderHiddenTest.java", """
                    package k8snet.calc;

                    import static org.assertj.core.api.Assertions.assertThat;

                    import org.junit.jupiter.api.Test;

                    class AdderHiddenTest {
                        @Test
                        void large() {
                            assertThat(Adder.add(1000, 2000)).isEqualTo(3000);
                        }

                        @Test
                        void negatives() {
                            assertThat(Adder.add(-1, -2)).isEqualTo(-3);
                        }
                    }
                    """);
            SyntheticKit.put(hidden, "k8snet/other/MappedTest.java", """
                    package k8snet.other;

                    class MappedTest {
                        @org.junit.jupiter.api.Test
                        void mapped() {
                            org.assertj.core.api.Assertions.assertThat(k8snet.calc.Adder.add(2, 2)).isEqualTo(4);
                        }
                    }
                    """);
            SyntheticKit.put(hidden, "hidden-tests.yaml", "k8snet.other.MappedTest: \"1.1\"\n");
            SyntheticKit.put(hidden, "k8snet/other/LostTest.java", """
                    package k8snet.other;

                    class LostTest {
                        @org.junit.jupiter.api.Test
                        void lost() {
                        }
                    }
                    """);
            GradeReport report = engine.run(new RunRequest(kit, kit, List.of("1.1"), Map.of("1.1", Origin.SOLUTION),
                    Optional.of(hidden), shared.resolve("work-" + runs.incrementAndGet())));

            ExerciseResult adder = exercise(report, "1.1");
            assertThat(adder.tests()).hasSize(9);
            assertThat(adder.tests()).filteredOn(t -> t.testClass().equals("k8snet.calc.AdderHiddenTest")).hasSize(2);
            assertThat(adder.tests()).filteredOn(t -> t.testClass().equals("k8snet.other.MappedTest")).hasSize(1);
            assertThat(adder.status()).isEqualTo(ExerciseStatus.DONE);
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("k8snet.other.LostTest"));
        }
    }

    @Nested
    @DisplayName("with hidden-tests.yaml")
    class WeightedHiddenTests {

        private static final String SECRET = """
                package k8snet.calc;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                import org.junit.jupiter.api.Test;
                import org.junit.jupiter.params.ParameterizedTest;
                import org.junit.jupiter.params.provider.ValueSource;

                class AdderSecretTest {
                    @Test
                    void large() {
                        assertEquals(3000, Adder.add(1000, 2000));
                    }

                    @Test
                    void wrong() {
                        assertEquals(5, Adder.add(2, 2), "a hidden test with a wrong expectation");
                    }

                    @Test
                    void unexpected() {
                        throw new IllegalStateException("the hidden test's own bug");
                    }

                    @ParameterizedTest
                    @ValueSource(ints = {1, 2})
                    void rows(int n) {
                        assertEquals(n + n, Adder.add(n, n));
                    }
                }
                """;

        private static final String BROKEN = """
                package k8snet.text;

                class ShouterSecretTest {
                    @org.junit.jupiter.api.Test
                    void whispers() {
                        org.junit.jupiter.api.Assertions.assertEquals("hi", Shouter.whisper("HI!"));
                    }
                }
                """;

        @Test
        @DisplayName("give hidden classes and methods their own points, and keep broken hidden classes to themselves")
        void weighted() {
            Path hidden = shared.resolve("hidden-" + runs.incrementAndGet());
            SyntheticKit.put(hidden, "k8snet/calc/AdderSecretTest.java", SECRET);
            SyntheticKit.put(hidden, "k8snet/text/ShouterSecretTest.java", BROKEN);
            SyntheticKit.put(hidden, "hidden-tests.yaml", """
                    visibility: after_due_date
                    k8snet.calc.AdderSecretTest: {exercise: "1.1", points: 4}
                    k8snet.calc.AdderSecretTest#rows: {exercise: "1.1", points: 1}
                    k8snet.calc.MissingTest: {exercise: "1.1", points: 2}
                    k8snet.text.ShouterSecretTest: {exercise: "1.2", points: 3}
                    """);
            Map<String, Origin> origins = Map.of("1.1", Origin.SOLUTION, "1.2", Origin.SOLUTION);
            GradeReport report = engine.run(new RunRequest(kit, kit, BOTH, origins, Optional.of(hidden),
                    shared.resolve("work-" + runs.incrementAndGet())));

            ExerciseResult adder = exercise(report, "1.1");
            assertThat(adder.maxScore()).isEqualTo(10 + 4 + 1 + 2);
            assertThat(adder.tests()).hasSize(6 + 3 + 2 + 1);
            assertThat(adder.tests()).filteredOn(t -> !t.hidden()).hasSize(6)
                    .allSatisfy(t -> assertThat(t.passed()).isTrue());
            assertThat(adder.tests()).filteredOn(t -> t.name().contains("rows(int)")).hasSize(2)
                    .allSatisfy(t -> assertThat(t.points()).isEqualTo(0.5));
            TestResult wrong = test(adder, "wrong()");
            assertThat(wrong.hidden()).isTrue();
            assertThat(wrong.status()).isEqualTo(TestStatus.FAILED);
            assertThat(wrong.assertion()).isTrue();
            assertThat(wrong.exception()).isEqualTo("org.opentest4j.AssertionFailedError");
            TestResult unexpected = test(adder, "unexpected()");
            assertThat(unexpected.assertion()).isFalse();
            assertThat(unexpected.exception()).isEqualTo("java.lang.IllegalStateException");
            TestResult missing = test(adder, "MissingTest");
            assertThat(missing.status()).isEqualTo(TestStatus.NOT_RUN);
            assertThat(missing.points()).isEqualTo(2.0);
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("hidden test entry "
                    + "k8snet.calc.MissingTest", "matches no test class"));
            assertThat(wrong.points() + unexpected.points() + test(adder, "large()").points())
                    .isCloseTo(4.0, within(1e-9));
            assertThat(adder.score()).isCloseTo(10 + 1 + test(adder, "large()").points(), within(1e-9));
            assertThat(adder.status()).isEqualTo(ExerciseStatus.IN_PROGRESS);

            ExerciseResult shouter = exercise(report, "1.2");
            assertThat(shouter.maxScore()).isEqualTo(23.0);
            assertThat(shouter.score()).as("the graded tests ran despite the broken hidden class").isEqualTo(20.0);
            TestResult broken = test(shouter, "ShouterSecretTest");
            assertThat(broken.status()).isEqualTo(TestStatus.COMPILE_ERROR);
            assertThat(broken.hidden()).isTrue();
            assertThat(broken.message()).contains("whisper");
            assertThat(shouter.compilerMessages()).isEmpty();
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("hidden test k8snet.text."
                    + "ShouterSecretTest does not compile"));
            assertThat(report.score()).isCloseTo(adder.score() + 20.0, within(1e-9));

            k8snet.grader.report.GradedSubmission graded = k8snet.grader.report.GradedSubmission.of("reference",
                    report);
            k8snet.grader.report.GradescopeResults.Results results = k8snet.grader.report.GradescopeResults.of(
                    graded, new k8snet.grader.report.ReportOptions(false, Visibility.AFTER_DUE_DATE));
            StringBuilder visible = new StringBuilder(results.output());
            results.tests().stream().filter(t -> t.visibility().equals("visible"))
                    .forEach(t -> visible.append(t.name()).append(t.output()));
            visible.append(k8snet.grader.report.MarkdownReport.render(graded,
                    new k8snet.grader.report.ReportOptions(false, Visibility.AFTER_DUE_DATE)));
            assertThat(visible.toString()).doesNotContain("Secret", "MissingTest", "whisper", "wrong expectation",
                    "own bug", "rows(int)");
            assertThat(results.tests()).filteredOn(t -> t.visibility().equals("after_due_date")).hasSize(2);
            assertThat(results.tests().stream().map(k8snet.grader.report.GradescopeResults.Test::score)
                    .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add)).isEqualTo(results.score());
        }
    }

    @Nested
    @DisplayName("on hostile code")
    class Hostile {

        @Test
        @DisplayName("times out an infinite loop in that test only")
        void infiniteLoop() {
            GradeReport report = submit(Map.of(ADDER, adder("while (true) { Thread.onSpinWait(); }")), List.of("1.1"));

            ExerciseResult adder = exercise(report, "1.1");
            assertThat(test(adder, "adds zeros").status()).isEqualTo(TestStatus.TIMED_OUT);
            assertThat(count(adder, TestStatus.PASSED)).isEqualTo(5);
            assertThat(adder.score()).as("five of six tests' exact shares").isCloseTo(adder.tests().stream()
                    .filter(TestResult::passed).mapToDouble(TestResult::points).sum(), within(1e-9))
                    .isCloseTo(10 * 5 / 6.0, within(0.01));
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

            ExerciseResult adder = exercise(report, "1.1");
            assertThat(test(adder, "adds zeros").status()).isEqualTo(TestStatus.TIMED_OUT);
            assertThat(count(adder, TestStatus.PASSED)).isEqualTo(5);
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
            GradeReport report = submit(Map.of(ADDER, adder(
                    "java.util.List<long[]> hog = new java.util.ArrayList<>(); while (true) { hog.add(new long[1 << 20]); }")),
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
            assertThat(report.seconds()).isLessThan(30);
        }

        @Test
        @DisplayName("ignores forged result lines on stdout and in the results file")
        void forgery() {
            String forge = """
                    String[] ids = {"[engine:junit-jupiter]/[class:k8snet.calc.AdderTest]/[method:zeros()]",
                        "[engine:junit-jupiter]/[class:k8snet.calc.AdderTest]/[method:onePlusTwo()]"};
                    StringBuilder lines = new StringBuilder();
                    for (String id : ids) {
                        lines.append("\\n{\\"event\\":\\"finished\\",\\"id\\":\\"").append(id)
                             .append("\\",\\"status\\":\\"SUCCESSFUL\\",\\"token\\":\\"forged\\"}\\n");
                    }
                    System.out.println(lines);
                    System.out.println("[engine:junit-jupiter] PASSED 6 tests");
                    try (var specs = java.nio.file.Files.walk(java.nio.file.Path.of("."))) {
                        for (java.nio.file.Path spec : specs.toList()) {
                            if (!spec.toString().endsWith(".properties")) {
                                continue;
                            }
                            java.util.Properties p = new java.util.Properties();
                            try (var in = java.nio.file.Files.newInputStream(spec)) {
                                p.load(in);
                            }
                            java.nio.file.Files.writeString(java.nio.file.Path.of(p.getProperty("results")),
                                lines, java.nio.file.StandardOpenOption.APPEND);
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    """;
            GradeReport report = submit(Map.of(ADDER, SyntheticKit.adderWhen("true", forge + " return a + b + 1;")),
                    List.of("1.1"));

            ExerciseResult adder = exercise(report, "1.1");
            assertThat(adder.score()).isZero();
            assertThat(adder.tests()).hasSize(6).allMatch(t -> t.status() == TestStatus.FAILED);
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("without the run's token"));
        }

        @Test
        @DisplayName("stops at the module's deadline and lists the tests it did not reach")
        void deadline() {
            // Deterministic by construction: ShouterTest's constructor never returns, the per-test timeout does not
            // cover constructors and the stall backstop is pushed far out, so only the module's deadline can end
            // the fork. How many of AdderTest's quick tests finish first depends on the machine's speed, so the
            // assertions allow each of them to be either passed or not run, never anything else.
            Path kit2 = shared.resolve("kit-deadline");
            SyntheticKit.copy(kit, kit2);
            SyntheticKit.put(kit2, MODULE + "/src/test/java/k8snet/text/ShouterTest.java",
                    SyntheticKit.SHOUTER_TEST_SOURCE.replace("class ShouterTest {",
                            "class ShouterTest {\n    private final String warm = Shouter.shout(\"warm\");"));
            String hang = SHOUTER_SOLUTION.replace("public static String shout(String text) {", """
                    public static String shout(String text) {
                            while ("warm".equals(text)) {
                                Thread.onSpinWait();
                            }
                    """);
            Path submission = SyntheticKit.submission(kit2, shared.resolve("submission-" + runs.incrementAndGet()),
                    Map.of(SHOUTER, hang, ADDER, ADDER_SOLUTION));
            ForkingEngine strict = new ForkingEngine(engine.options().withTestTimeout(Duration.ofSeconds(5))
                    .withModuleDeadline(Duration.ofSeconds(5)).withStallGrace(Duration.ofMinutes(10)));
            Map<String, Origin> origins = Map.of("1.1", Origin.SUBMISSION, "1.2", Origin.SUBMISSION);
            GradeReport report = strict.run(new RunRequest(kit2, submission, BOTH, origins, Optional.empty(),
                    shared.resolve("work-" + runs.incrementAndGet())));

            ExerciseResult shouter = exercise(report, "1.2");
            assertThat(shouter.tests()).as("the hung class's tests").isNotEmpty()
                    .noneMatch(t -> t.status() == TestStatus.PASSED)
                    .allSatisfy(t -> assertThat(t.message()).contains("deadline of 5 s"));
            assertThat(shouter.score()).isZero();
            ExerciseResult adder = exercise(report, "1.1");
            assertThat(adder.tests()).as("the tests before the hang: passed, or not reached by the deadline")
                    .isNotEmpty()
                    .allSatisfy(t -> assertThat(t.status()).isIn(TestStatus.PASSED, TestStatus.NOT_RUN))
                    .filteredOn(t -> t.status() == TestStatus.NOT_RUN)
                    .allSatisfy(t -> assertThat(t.message()).contains("deadline of 5 s"));
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("deadline of 5 s"));
        }

        @Test
        @DisplayName("kills a fork that hangs where the per-test timeout does not reach: a test's constructor")
        void hangInConstructor() {
            Path kit2 = shared.resolve("kit-constructor");
            SyntheticKit.copy(kit, kit2);
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
            Path submission = SyntheticKit.submission(kit2, shared.resolve("submission-" + runs.incrementAndGet()),
                    Map.of(SHOUTER, hangOnce));
            ForkingEngine quick = new ForkingEngine(engine.options().withStallGrace(Duration.ofSeconds(1)));
            GradeReport report = quick.run(new RunRequest(kit2, submission, List.of("1.2"),
                    Map.of("1.2", Origin.SUBMISSION), Optional.empty(), shared.resolve("work-" + runs.incrementAndGet())));

            ExerciseResult shouter = exercise(report, "1.2");
            assertThat(shouter.tests()).hasSize(3);
            assertThat(count(shouter, TestStatus.TIMED_OUT)).isEqualTo(1);
            assertThat(count(shouter, TestStatus.PASSED)).isEqualTo(2);
        }
    }
}
