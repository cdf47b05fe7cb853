package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import k8snet.grader.guard.GuardOptions;
import k8snet.grader.guard.Sandbox;
import k8snet.grader.guard.SandboxMode;
import k8snet.grader.guard.UserDrop;

/**
 * Graded tests that attack the machine from inside the test JVM, in a synthetic kit whose exercise 1.1 is
 * graded by them: each passes only when its attack fails. Inside bubblewrap or unshare every one passes;
 * without a sandbox the same tests fail, which proves they attack for real. A mode the machine lacks is
 * skipped, naming what is missing.
 */
@DisplayName("A sandboxed test JVM")
class SandboxedGradingTest {

    /** A marker in the command line of the process a test leaves behind, to find it afterwards. */
    private static final String MARKER = "617.25";

    private static final String ATTACKS = """
            package k8snet.calc;

            import static org.assertj.core.api.Assertions.assertThat;
            import static org.assertj.core.api.Assertions.assertThatThrownBy;

            import java.io.IOException;
            import java.net.Socket;
            import java.nio.file.Files;
            import java.nio.file.Path;

            import org.junit.jupiter.api.Test;

            class AdderTest {

                @Test
                void cannotWriteIntoTheKit() {
                    assertThatThrownBy(() -> Files.writeString(Path.of("%1$s", "pwned.txt"), "x"))
                            .isInstanceOf(IOException.class);
                }

                @Test
                void cannotReadTheSolutions() {
                    assertThatThrownBy(() -> Files.readString(Path.of("%2$s"))).isInstanceOf(IOException.class);
                }

                @Test
                void cannotConnect() {
                    assertThatThrownBy(() -> new Socket("127.0.0.1", %3$d).close()).isInstanceOf(IOException.class);
                }

                @Test
                void cannotSeeTheGrader() {
                    assertThat(Files.exists(Path.of("/proc/%4$d"))).isFalse();
                    assertThat(ProcessHandle.of(%4$dL)).isEmpty();
                }

                @Test
                void runsAsNobody() throws IOException {
                    assertThat(Files.getAttribute(Path.of("/proc/self"), "unix:uid")).isEqualTo(65534);
                }

                @Test
                void hasAPrivateTemp() throws IOException {
                    Path file = Files.createTempFile("probe", ".txt");
                    Files.writeString(file, "mine");
                    assertThat(Files.readString(file)).isEqualTo("mine");
                }

                @Test
                void leavesAProcessBehind() throws Exception {
                    Process p = new ProcessBuilder("/bin/sh", "-c", "(sleep %5$s &) ; echo started").start();
                    assertThat(p.waitFor()).isZero();
                }
            }
            """;

    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        // destroyForcibly only sends the signal: wait until each is gone, so the next test does not see it.
        leftovers().forEach(ProcessHandle::destroyForcibly);
        survivorsAfter(Duration.ofSeconds(30));
    }

    /**
     * The leftover processes still alive once each has had {@code grace} to end. A sandbox's PID namespace
     * ends its processes when its first process ends, but the kernel does that after the fork's exit is
     * seen, so a check at that very moment could still list one that is on its way out; a real survivor
     * sleeps for ten minutes and outlasts any grace.
     */
    private static List<ProcessHandle> survivorsAfter(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : leftovers()) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        return leftovers();
    }

    private static List<ProcessHandle> leftovers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep " + MARKER)).toList();
    }

    /** Grades the attacking kit's exercise 1.1 (the reference) under {@code mode}. */
    private GradeReport grade(SandboxMode mode) throws IOException {
        Path kit = SyntheticKit.write(dir.resolve("kit"));
        Path solution = kit.resolve("solutions/" + SyntheticKit.ADDER);
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SyntheticKit.put(kit, SyntheticKit.ADDER_TEST, ATTACKS.formatted(kit, solution, listening.getLocalPort(),
                    ProcessHandle.current().pid(), MARKER));
            Map<String, String> before = SyntheticKit.snapshot(kit);
            ForkingEngine engine = new ForkingEngine(EngineOptions.defaults().withTestTimeout(Duration.ofSeconds(10))
                    .withExerciseBudget(Duration.ofSeconds(90)).withCacheDir(dir.resolve("cache"))
                    .withGuard(GuardOptions.defaults().withSandbox(mode)));
            GradeReport report = engine.run(new RunRequest(kit, kit, List.of("1.1"), Map.of("1.1", Origin.SOLUTION,
                    "1.2", Origin.SOLUTION), Optional.empty(), dir.resolve("work")));
            if (mode != SandboxMode.NONE) {
                assertThat(SyntheticKit.snapshot(kit)).as("the kit is unchanged").isEqualTo(before);
            }
            return report;
        }
    }

    private static TestStatus status(GradeReport report, String test) {
        return report.exercises().get(0).tests().stream().filter(t -> t.name().contains(test)).findFirst()
                .orElseThrow(() -> new AssertionError("no test " + test + " in " + report.exercises().get(0).tests()))
                .status();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SandboxMode.class, names = {"BUBBLEWRAP", "UNSHARE"})
    @DisplayName("cannot write the kit, read the solutions, connect, see the grader or leave a process behind")
    void attacksFail(SandboxMode mode) throws IOException {
        Optional<String> missing = Sandbox.unavailable(mode);
        Assumptions.assumeTrue(missing.isEmpty(), () -> "sandbox " + mode.label() + " not available here: "
                + missing.orElse(""));

        GradeReport report = grade(mode);

        assertThat(report.exercises().get(0).tests()).extracting(TestResult::name, TestResult::status)
                .as("every attack failed, so every test passed: %s %s", report.exercises().get(0).tests(),
                        report.warnings())
                .allMatch(t -> t.toList().get(1) == TestStatus.PASSED).hasSize(7);
        assertThat(report.sandbox()).isEqualTo(mode.label());
        assertThat(report.score()).isEqualTo(10);
        assertThat(survivorsAfter(Duration.ofSeconds(30))).as("no process outlives the sandbox").isEmpty();
    }

    @Test
    @DisplayName("without a sandbox, the same attacks succeed (so the tests above attack for real)")
    void attacksSucceedWithout() throws IOException {
        GradeReport report = grade(SandboxMode.NONE);

        // Run as root, the harness's folders (closed to others) keep the JVM root's: see RootDropTest.
        assertThat(report.sandbox()).isEqualTo(UserDrop.root() ? "none (as root)" : "none");
        for (String attack : List.of("cannotWriteIntoTheKit", "cannotReadTheSolutions", "cannotConnect",
                "cannotSeeTheGrader")) {
            assertThat(status(report, attack)).as(attack).isEqualTo(TestStatus.FAILED);
        }
        assertThat(status(report, "hasAPrivateTemp")).isEqualTo(TestStatus.PASSED);
    }
}
