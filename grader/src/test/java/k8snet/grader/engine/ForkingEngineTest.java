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

    private EngineHarness harness;
    private Path kit;
    private ForkingEngine engine;

    @BeforeAll
    void writeKit() {
        harness = new EngineHarness(shared);
        kit = harness.kit;
        engine = harness.engine;
    }

    private GradeReport run(Path submission, Origin origin, List<String> ids) {
        return harness.run(submission, origin, ids);
    }

    private GradeReport submit(Map<String, String> changes, List<String> ids) {
        return harness.submit(changes, ids);
    }

    private static ExerciseResult exercise(GradeReport report, String id) {
        return EngineHarness.exercise(report, id);
    }

    private static TestResult test(ExerciseResult exercise, String nameEnd) {
        return EngineHarness.test(exercise, nameEnd);
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
        @DisplayName("re-runs an unchanged request without compiling, and rebuilds a tampered entry whatever its digest file says")
        void cache() throws java.io.IOException {
            run(kit, Origin.SOLUTION, List.of("1.1"));
            Map<String, String> cache = SyntheticKit.snapshot(shared.resolve("cache"));
            GradeReport second = run(kit, Origin.SOLUTION, List.of("1.1"));

            assertThat(second.score()).isEqualTo(10);
            assertThat(SyntheticKit.snapshot(shared.resolve("cache"))).as("nothing was compiled again").isEqualTo(cache);

            // What test code could do with the grader's permissions: rewrite a cached class, and the digests too.
            List<Path> adders;
            try (var walk = java.nio.file.Files.walk(shared.resolve("cache"))) {
                adders = walk.filter(p -> p.endsWith(Path.of("k8snet/calc/Adder.class"))).toList();
            }
            assertThat(adders).isNotEmpty();
            for (Path p : adders) {
                java.nio.file.Files.writeString(p, "not a class file");
            }
            try (var walk = java.nio.file.Files.list(shared.resolve("cache").resolve("digests"))) {
                for (Path p : walk.toList()) {
                    java.nio.file.Files.writeString(p, "forged digest");
                }
            }
            assertThat(run(kit, Origin.SOLUTION, List.of("1.1")).score()).as("the entry it uses was rebuilt")
                    .isEqualTo(10);
            assertThat(adders).as("the solution's entry holds a class file again")
                    .anySatisfy(p -> assertThat(java.nio.file.Files.readAllBytes(p))
                            .startsWith((byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE));
        }

        @Test
        @DisplayName("refuses a work dir inside the submission")
        void workDirInsideSubmission() {
            Path submission = SyntheticKit.submission(kit, harness.fresh("submission"),
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
        @DisplayName("removes a student class named like a java.lang type, which would shadow it in graded tests")
        void javaLangShadows() {
            String shadowing = SyntheticKit.ADDER_SOLUTION + """

                    class Math {
                        static int abs(int x) {
                            return 42;
                        }
                    }

                    class Exception extends RuntimeException {
                    }
                    """;
            GradeReport report = submit(Map.of(ADDER, shadowing), List.of("1.1"));

            assertThat(exercise(report, "1.1").status()).as("the solution itself still passes")
                    .isEqualTo(ExerciseStatus.DONE);
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith("ignored class k8snet.calc.Math")
                    .contains("it would shadow java.lang.Math for every class of its package, the graded tests included"));
            assertThat(report.warnings()).anySatisfy(w -> assertThat(w).startsWith("ignored class k8snet.calc.Exception")
                    .contains("shadow java.lang.Exception"));
            assertThat(report.tamperedFiles()).as("for summary.csv").contains(MODULE + ": class k8snet.calc.Math",
                    MODULE + ": class k8snet.calc.Exception");
        }

        @Test
        @DisplayName("runs each exercise in its own class loader when there are hidden tests, so none of theirs leaks")
        void hiddenTestsDoNotLeak() {
            Path hidden = harness.fresh("hidden");
            SyntheticKit.put(hidden, "k8snet/calc/AdderSecretTest.java", """
                    package k8snet.calc;

                    import static org.assertj.core.api.Assertions.assertThat;

                    import org.junit.jupiter.api.Test;

                    class AdderSecretTest {
                        @Test
                        void secretInput() {
                            assertThat(Adder.add(4242, 1)).isEqualTo(4243);
                        }
                    }
                    """);
            String spyingAdder = """
                    package k8snet.calc;

                    public final class Adder {
                        public static String seen = "";

                        private Adder() {
                        }

                        public static int add(int a, int b) {
                            if (a == 4242) {
                                seen = "a hidden test asked for 4242";
                            }
                            return a + b;
                        }
                    }
                    """;
            String tellingShouter = SyntheticKit.SHOUTER_SOLUTION.replace("public static String shout(String text) {",
                    "public static String shout(String text) {\n"
                            + "        if (!k8snet.calc.Adder.seen.isEmpty()) {\n"
                            + "            throw new IllegalStateException(\"LEAKED: \" + k8snet.calc.Adder.seen);\n"
                            + "        }");
            assertThat(tellingShouter).contains("LEAKED");
            Path submission = harness.submission(Map.of(ADDER, spyingAdder, SyntheticKit.SHOUTER, tellingShouter));
            GradeReport report = engine.run(new RunRequest(kit, submission, List.of("1.1", "1.2"),
                    Map.of("1.1", Origin.SUBMISSION, "1.2", Origin.SUBMISSION), Optional.of(hidden), harness.fresh("work")));

            assertThat(exercise(report, "1.1").tests()).filteredOn(t -> t.testClass().equals("k8snet.calc.AdderSecretTest"))
                    .singleElement().satisfies(t -> assertThat(t.status()).isEqualTo(TestStatus.PASSED));
            assertThat(exercise(report, "1.2").status())
                    .as("1.2's classes are fresh ones: Adder.seen, set by 1.1's hidden test, is empty again there, so "
                            + "Shouter has nothing to tell and every test of 1.2 passes")
                    .isEqualTo(ExerciseStatus.DONE);
            assertThat(report.exercises()).flatExtracting(ExerciseResult::tests)
                    .noneSatisfy(t -> assertThat(t.message()).contains("LEAKED"));
        }

        @Test
        @DisplayName("counts hidden tests towards the exercise of their package")
        void hiddenTests() {
            Path hidden = harness.fresh("hidden");
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
                    Optional.of(hidden), harness.fresh("work")));

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
            Path hidden = harness.fresh("hidden");
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
                    harness.fresh("work")));

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
}
