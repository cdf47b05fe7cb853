package k8snet.grader.engine;

import static k8snet.grader.engine.SyntheticKit.ADDER;
import static k8snet.grader.engine.SyntheticKit.ADDER_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.MODULE;
import static k8snet.grader.engine.SyntheticKit.SHOUTER;
import static k8snet.grader.engine.SyntheticKit.SHOUTER_SOLUTION;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.guard.GuardOptions;
import k8snet.grader.guard.SandboxMode;
import k8snet.grader.guard.UserDrop;

/**
 * The engine with the bytecode allowlist on: a student class that uses what exercises may not is a
 * compile error of its file, that exercise falls back to its stub, and the others are graded as usual;
 * provided code is not checked.
 */
@DisplayName("The engine's allowlist check")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllowlistGateTest {

    /** Provided code of the synthetic kit that uses java.nio: the kit's own code is not checked. */
    private static final String PROVIDED_NIO = """
            package k8snet;

            public final class Paths {
                private Paths() {
                }

                public static String home() {
                    return java.nio.file.Path.of("/").toString();
                }
            }
            """;

    @TempDir
    static Path shared;

    private Path kit;
    private ForkingEngine engine;
    private int runs;

    @BeforeAll
    void writeKit() {
        kit = SyntheticKit.write(shared.resolve("kit"));
        SyntheticKit.put(kit, MODULE + "/src/main/java/k8snet/Paths.java", PROVIDED_NIO);
        engine = new ForkingEngine(EngineOptions.defaults().withTestTimeout(Duration.ofSeconds(5))
                .withExerciseBudget(Duration.ofSeconds(60)).withCacheDir(shared.resolve("cache"))
                .withGuard(GuardOptions.defaults().withSandbox(SandboxMode.NONE)));
    }

    private GradeReport submit(Map<String, String> changes) {
        runs++;
        Path submission = SyntheticKit.submission(kit, shared.resolve("submission-" + runs), changes);
        return engine.run(new RunRequest(kit, submission, List.of("1.1", "1.2"),
                Map.of("1.1", Origin.SUBMISSION, "1.2", Origin.SUBMISSION), Optional.empty(),
                shared.resolve("work-" + runs)));
    }

    private static ExerciseResult exercise(GradeReport report, String id) {
        return report.exercises().stream().filter(e -> e.exercise().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("makes a use in an anonymous class a compile error of its file; the other exercise scores in full")
    void exerciseFile() {
        String adder = """
                package k8snet.calc;

                public final class Adder {
                    private Adder() {
                    }

                    public static int add(int a, int b) {
                        Runnable peek = new Runnable() {
                            @Override
                            public void run() {
                                try {
                                    java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname"));
                                } catch (java.io.IOException e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        };
                        peek.run();
                        return a + b;
                    }
                }
                """;
        GradeReport report = submit(Map.of(ADDER, adder, SHOUTER, SHOUTER_SOLUTION));

        ExerciseResult adding = exercise(report, "1.1");
        assertThat(adding.status()).isEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
        assertThat(adding.score()).isZero();
        // The caught exception's type is in the method's exception table, which has no line: it gets the
        // method's first.
        assertThat(adding.compilerMessages()).containsExactly(
                ADDER + ":12: add uses java.io.IOException, which exercises may not use (no files, processes, "
                        + "reflection or network)",
                ADDER + ":12: add uses java.nio.file.Path, which exercises may not use (no files, processes, "
                        + "reflection or network)",
                ADDER + ":12: add uses java.nio.file.Files, which exercises may not use (no files, processes, "
                        + "reflection or network)");
        assertThat(adding.tests()).hasSize(1).allMatch(t -> t.status() == TestStatus.COMPILE_ERROR);
        ExerciseResult shouting = exercise(report, "1.2");
        assertThat(shouting.status()).isEqualTo(ExerciseStatus.DONE);
        assertThat(shouting.score()).isEqualTo(20);
        assertThat(report.score()).isEqualTo(20);
        // Run as root, the harness's folders (closed to others) keep the JVM root's: see RootDropTest.
        assertThat(report.sandbox()).isEqualTo(UserDrop.root() ? "none (as root)" : "none");
    }

    @Test
    @DisplayName("checks the new files a submission adds, for the exercise whose folder they are in")
    void newFile() {
        String loud = """
                package k8snet.text;

                final class Loud {
                    private Loud() {
                    }

                    static String volume() {
                        return System.getenv("VOLUME");
                    }
                }
                """;
        String shouter = SHOUTER_SOLUTION.replace("+ \"!\";", "+ \"!\" + (Loud.volume() == null ? \"\" : \"\");");
        GradeReport report = submit(Map.of(ADDER, ADDER_SOLUTION, SHOUTER, shouter,
                MODULE + "/src/main/java/k8snet/text/Loud.java", loud));

        assertThat(exercise(report, "1.2").status()).isEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
        // Per-file fallback: Loud.java is left out first, then Shouter.java, which needs it, falls back too.
        assertThat(exercise(report, "1.2").compilerMessages()).hasSize(2);
        assertThat(exercise(report, "1.2").compilerMessages().get(0)).isEqualTo(MODULE
                + "/src/main/java/k8snet/text/Loud.java:8: volume uses java.lang.System.getenv, which exercises may "
                + "not use (no exiting, environment, system properties or replacing the console)");
        assertThat(exercise(report, "1.2").compilerMessages().get(1))
                .startsWith(MODULE + "/src/main/java/k8snet/text/Shouter.java:12: cannot find symbol");
        assertThat(exercise(report, "1.1").status()).isEqualTo(ExerciseStatus.DONE);
        assertThat(report.score()).isEqualTo(10);
    }

    @Test
    @DisplayName("passes the reference solutions beside provided code that uses java.nio")
    void reference() {
        GradeReport report = submit(Map.of(ADDER, ADDER_SOLUTION, SHOUTER, SHOUTER_SOLUTION));

        assertThat(report.exercises()).extracting(ExerciseResult::status)
                .containsExactly(ExerciseStatus.DONE, ExerciseStatus.DONE);
        assertThat(report.score()).isEqualTo(30);
    }
}
