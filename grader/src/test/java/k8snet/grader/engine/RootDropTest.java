package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import k8snet.grader.guard.GuardOptions;
import k8snet.grader.guard.Sandbox;
import k8snet.grader.guard.SandboxMode;
import k8snet.grader.guard.UserDrop;

/**
 * A grader run as root starts the test JVM as the real uid and gid 65534, in every sandbox mode: the kit's
 * own test reads the JVM's credentials from {@code /proc/self/status} (and that its user namespace is the
 * machine's, so the uid is the kernel's, not a namespace's), and student code cannot read a root-owned
 * {@code 0600} file, even without a sandbox, where nothing but the uid stands in its way. Skipped where the
 * grader is not root (or {@code setpriv} is missing), and for a sandbox the machine lacks.
 */
@DisplayName("A root grader's test JVM")
class RootDropTest {

    private static final String KIT_TEST = """
            package k8snet.calc;

            import static org.assertj.core.api.Assertions.assertThat;

            import java.io.IOException;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.List;

            import org.junit.jupiter.api.Test;

            class AdderTest {

                private static String field(String name) throws IOException {
                    List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
                    return lines.stream().filter(l -> l.startsWith(name + ":")).findFirst().orElseThrow()
                            .substring(name.length() + 1).strip();
                }

                @Test
                void runsAsNobodyOutsideAnyUserNamespace() throws IOException {
                    assertThat(field("Uid").split("\\\\s+")).containsExactly("65534", "65534", "65534", "65534");
                    assertThat(field("Gid").split("\\\\s+")).containsExactly("65534", "65534", "65534", "65534");
                    assertThat(field("Groups")).isEmpty();
                    assertThat(field("CapEff")).isEqualTo("0000000000000000");
                    assertThat(field("CapBnd")).isEqualTo("0000000000000000");
                    assertThat(field("NoNewPrivs")).isEqualTo("1");
                    assertThat(Files.readString(Path.of("/proc/self/uid_map")).strip().split("\\\\s+"))
                            .as("the machine's own user namespace").containsExactly("0", "0", "4294967295");
                }

                @Test
                void adds() {
                    assertThat(Adder.add(2, 3)).isEqualTo(5);
                }
            }
            """;

    /** Adds only when reading the secret fails as {@code expected} (an IOException of that class). */
    private static String studentAdder(Path secret, String expected) {
        return """
                package k8snet.calc;

                public final class Adder {
                    private Adder() {
                    }

                    public static int add(int a, int b) {
                        try {
                            java.nio.file.Files.readString(java.nio.file.Path.of("%s"));
                            return -1;
                        } catch (%s e) {
                            return a + b;
                        } catch (java.io.IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                """.formatted(secret, expected);
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @EnumSource(SandboxMode.class)
    @DisplayName("runs as uid 65534 and cannot read root's 0600 file")
    void dropsRoot(SandboxMode mode) throws IOException {
        Assumptions.assumeTrue(UserDrop.here().isPresent(), "the grader is not root, or setpriv is missing");
        Optional<String> missing = Sandbox.unavailable(mode);
        Assumptions.assumeTrue(missing.isEmpty(), () -> "sandbox " + mode.label() + " not available: " + missing);
        // Without a sandbox the JVM reads the run's folders where they are: open the way to them for others.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path secret = dir.resolve("secrets/grades.txt");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "root only");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        assertThat(UserDrop.reachable(secret.getParent())).as("only the file's own mode keeps it in").isTrue();
        assertThat(UserDrop.reachable(secret)).isFalse();

        Path kit = SyntheticKit.write(dir.resolve("kit"));
        SyntheticKit.put(kit, SyntheticKit.ADDER_TEST, KIT_TEST);
        // In a sandbox the file is out of sight; without one, the uid is what refuses it.
        String refusal = mode == SandboxMode.NONE ? "java.nio.file.AccessDeniedException"
                : "java.nio.file.NoSuchFileException";
        Path submission = SyntheticKit.submission(kit, dir.resolve("submission"),
                Map.of(SyntheticKit.ADDER, studentAdder(secret, refusal)));
        ForkingEngine engine = new ForkingEngine(EngineOptions.defaults().withTestTimeout(Duration.ofSeconds(10))
                .withExerciseBudget(Duration.ofSeconds(90)).withCacheDir(dir.resolve("cache"))
                .withGuard(GuardOptions.defaults().withCheckBytecode(false).withSandbox(mode)));
        GradeReport report = engine.run(new RunRequest(kit, submission, List.of("1.1"),
                Map.of("1.1", Origin.SUBMISSION, "1.2", Origin.SOLUTION), Optional.empty(), dir.resolve("work")));

        assertThat(report.sandbox()).isEqualTo(mode.label());
        assertThat(report.exercises().get(0).tests()).extracting(TestResult::name, TestResult::status)
                .as("%s %s", report.exercises().get(0).tests(), report.warnings())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("AdderTest > runsAsNobodyOutsideAnyUserNamespace()",
                        TestStatus.PASSED), org.assertj.core.groups.Tuple.tuple("AdderTest > adds()", TestStatus.PASSED));
        assertThat(report.score()).isEqualTo(10);
        assertThat(Files.readString(secret)).isEqualTo("root only");
    }
}
