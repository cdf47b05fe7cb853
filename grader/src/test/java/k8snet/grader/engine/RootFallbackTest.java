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
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import k8snet.grader.guard.RootGrader;
import k8snet.grader.guard.Sandbox;
import k8snet.grader.guard.SandboxMode;
import k8snet.grader.report.GradedSubmission;
import k8snet.grader.report.ReportWriter;
import k8snet.grader.report.SummaryCsv;

/**
 * A grader running as root (simulated through {@link RootGrader}, so this runs for any user) whose
 * {@code setpriv} is missing, fails or only runs the command: grading goes on and scores what the code earns,
 * every report names the sandbox with {@code (as root)} where the JVM stayed root's, and a working
 * {@code setpriv} starts every test JVM with exactly the drop's words.
 */
@DisplayName("A root grader")
class RootFallbackTest {

    private static final String PREFIX = "--reuid=65534 --regid=65534 --clear-groups --no-new-privs --inh-caps=-all "
            + "--bounding-set=-all --";

    @TempDir
    Path dir;

    private GradeReport grade(Sandbox sandbox) {
        Path kit = SyntheticKit.write(dir.resolve("kit"));
        Path submission = SyntheticKit.submission(kit, dir.resolve("alice"),
                Map.of(SyntheticKit.ADDER, SyntheticKit.ADDER_SOLUTION));
        ForkingEngine engine = new ForkingEngine(EngineOptions.defaults().withTestTimeout(Duration.ofSeconds(10))
                .withExerciseBudget(Duration.ofSeconds(90)).withCacheDir(dir.resolve("cache")), () -> sandbox);
        GradeReport report = engine.run(new RunRequest(kit, submission, List.of("1.1"),
                Map.of("1.1", Origin.SUBMISSION, "1.2", Origin.SOLUTION), Optional.empty(), dir.resolve("work")));
        assertThat(report.exercises().get(0).tests()).as("%s", report.warnings()).hasSize(6)
                .allSatisfy(t -> assertThat(t.status()).isEqualTo(TestStatus.PASSED));
        assertThat(report.score()).isEqualTo(10);
        return report;
    }

    /** Writes the reports and a one-row summary, and checks that each names {@code sandbox}. */
    private void reportsSay(GradeReport report, String sandbox) throws IOException {
        GradedSubmission graded = GradedSubmission.of("alice", report);
        Path out = dir.resolve("out");
        ReportWriter.writeAll(graded, out.resolve("alice"));
        SummaryCsv.write(out.resolve("summary.csv"), List.of("1.1", "1.2", "1.3"), List.of(graded), false);
        assertThat(new ObjectMapper().readTree(out.resolve("alice/report.json").toFile()).get("sandbox").asText())
                .isEqualTo(sandbox);
        assertThat(Files.readAllLines(out.resolve("alice/report.md")).get(2)).endsWith("; sandbox: " + sandbox + ")");
        assertThat(Files.readString(out.resolve("alice/results.json"))).contains("** (sandbox: " + sandbox + ")");
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        int column = List.of(summary.get(0).split(",")).indexOf("sandbox");
        assertThat(column).isPositive();
        assertThat(summary.get(1).split(",")[column]).isEqualTo(sandbox);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SandboxMode.class)
    @DisplayName("without setpriv still grades, and every report and the summary say (as root)")
    void noSetpriv(SandboxMode mode) throws IOException {
        Optional<String> missing = Sandbox.unavailable(mode);
        Assumptions.assumeTrue(missing.isEmpty(), () -> "sandbox " + mode.label() + " not available: " + missing);
        GradeReport report = grade(RootGrader.sandbox(mode, Optional.empty()));
        assertThat(report.sandbox()).isEqualTo(mode.label() + " (as root)");
        reportsSay(report, mode.label() + " (as root)");
    }

    @Test
    @DisplayName("with a setpriv that fails grades as root, labelled so, instead of failing every test")
    void failingSetpriv() throws IOException {
        Path setpriv = RootGrader.fakeSetpriv(dir.resolve("bin"), RootGrader.REFUSING);
        GradeReport report = grade(RootGrader.sandbox(SandboxMode.NONE, Optional.of(setpriv.toString())));
        assertThat(report.sandbox()).isEqualTo("none (as root)");
        reportsSay(report, "none (as root)");
    }

    @Test
    @DisplayName("with a setpriv that works starts every test JVM through it, with exactly the drop's words")
    void workingSetpriv() throws IOException {
        // Without a sandbox uid 65534 reads the run's folders where they are: open the way to them for others.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path setpriv = RootGrader.fakeSetpriv(dir.resolve("bin"), RootGrader.RUNNING);
        GradeReport report = grade(RootGrader.sandbox(SandboxMode.NONE, Optional.of(setpriv.toString())));
        assertThat(report.sandbox()).isEqualTo("none");
        reportsSay(report, "none");
        List<String> calls = Files.readAllLines(Path.of(setpriv + ".log"));
        String java = ForkCommand.java().toString();
        assertThat(calls.get(0)).as("the one try of the drop").isEqualTo(PREFIX + " " + java + " -Xshare:auto -version");
        assertThat(calls.subList(1, calls.size())).as("the test JVMs").isNotEmpty()
                .allSatisfy(c -> assertThat(c).matches(Pattern.quote(PREFIX + " " + java + " @")
                        + "/\\S+"));
    }
}
