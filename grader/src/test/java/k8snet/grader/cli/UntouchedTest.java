package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Manifest;

@DisplayName("An exercise whose files are all still their stubs is not started")
class UntouchedTest {

    private static final String IPV4 = "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java";
    private static final String DNS = "module-01-basics/src/main/java/k8snet/dns/Hostname.java";
    private static final List<k8snet.grader.manifest.Exercise> BOTH = List.of(Fixtures.IPV4, Fixtures.DNS);

    @TempDir
    Path kit;

    private void write(String rel, String text) throws IOException {
        Path p = kit.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("from the kit's stubs/ copies")
    class Copies {

        @Test
        @DisplayName("a file equal to its copy byte for byte is untouched; one changed byte (a line ending) is not")
        void byteForByte() throws IOException {
            write("stubs/" + IPV4, "class Ipv4Address {}\n");
            write(IPV4, "class Ipv4Address {}\n");
            write("stubs/" + DNS, "class Hostname {}\n");
            write(DNS, "class Hostname {}\r\n");
            assertThat(Untouched.of(kit, BOTH)).containsExactly("1.1");
            write(DNS, "class Hostname {}\n");
            assertThat(Untouched.of(kit, BOTH)).containsExactlyInAnyOrder("1.1", "1.2");
        }

        @Test
        @DisplayName("a deleted student file is not untouched")
        void deleted() throws IOException {
            write("stubs/" + IPV4, "class Ipv4Address {}\n");
            assertThat(Untouched.of(kit, List.of(Fixtures.IPV4))).isEmpty();
        }
    }

    @Nested
    @DisplayName("from git's HEAD, in a clone of the course")
    class FromGit {

        private void git(String... args) throws Exception {
            List<String> command = new java.util.ArrayList<>(List.of("git", "-C", kit.toString(), "-c",
                    "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
        }

        @Test
        @DisplayName("committed files are untouched until edited; a new uncommitted file counts as changed")
        void committed() throws Exception {
            write(IPV4, "class Ipv4Address {}\n");
            git("init", "-q");
            git("add", "-A");
            git("commit", "-q", "-m", "stubs");
            write(DNS, "class Hostname {}\n");
            assertThat(Untouched.of(kit, BOTH)).containsExactly("1.1");
            write(IPV4, "class Ipv4Address { int bits; }\n");
            assertThat(Untouched.of(kit, BOTH)).isEmpty();
        }

        @Test
        @DisplayName("with stub-blobs.txt, work committed since the stubs is changed, and a file back at its stub is not")
        void committedWorkAgainstTheBlobList() throws Exception {
            write(IPV4, "class Ipv4Address {}\n");
            write(DNS, "class Hostname {}\n");
            git("init", "-q");
            assertThat(StubBlobsCheck.write(kit, new Manifest("A course", List.of(
                    new CourseModule("module-01-basics", "Basics", "module-01-basics/README.md")),
                    BOTH))).isEqualTo(2);
            git("add", "-A");
            git("commit", "-q", "-m", "stubs");
            assertThat(Untouched.of(kit, BOTH)).containsExactlyInAnyOrder("1.1", "1.2");
            write(IPV4, "class Ipv4Address { int bits; }\n");
            git("commit", "-q", "-am", "my 1.1");
            assertThat(Untouched.of(kit, BOTH)).as("1.1 is committed, but it is not the stub").containsExactly("1.2");
            write(IPV4, "class Ipv4Address {}\n");
            assertThat(Untouched.of(kit, BOTH)).as("1.1 is its stub again, though HEAD differs")
                    .containsExactlyInAnyOrder("1.1", "1.2");
        }

        @Test
        @DisplayName("a kit that is neither a clone nor has stubs/ has no untouched exercise")
        void neither() throws IOException {
            write(IPV4, "class Ipv4Address {}\n");
            assertThat(Untouched.of(kit, BOTH)).isEmpty();
        }
    }

    @Nested
    @DisplayName("what it changes in a report")
    class Apply {

        @Test
        @DisplayName("in progress with nothing passed becomes not started; scores and other statuses stay")
        void onlyInProgressWithNothingPassed() {
            GradeReport report = Fixtures.report(
                    Fixtures.result(Fixtures.IPV4, ExerciseStatus.IN_PROGRESS,
                            Fixtures.failed(Fixtures.IPV4, "a", "expected an IllegalArgumentException")),
                    Fixtures.result(Fixtures.DNS, ExerciseStatus.IN_PROGRESS, Fixtures.passed(Fixtures.DNS, "a"),
                            Fixtures.failed(Fixtures.DNS, "b", "expected 2")),
                    Fixtures.result(Fixtures.IPAM, ExerciseStatus.IN_PROGRESS,
                            Fixtures.failed(Fixtures.IPAM, "a", "expected /24")));
            GradeReport after = Untouched.apply(report, Set.of("1.1", "1.2"));
            assertThat(after.exercises()).extracting(ExerciseResult::status).containsExactly(
                    ExerciseStatus.NOT_STARTED, ExerciseStatus.IN_PROGRESS, ExerciseStatus.IN_PROGRESS);
            assertThat(after.exercises()).extracting(ExerciseResult::score)
                    .containsExactlyElementsOf(report.exercises().stream().map(ExerciseResult::score).toList());
            assertThat(after.score()).isEqualTo(report.score());
            assertThat(after.exercises().get(0).tests()).isEqualTo(report.exercises().get(0).tests());
        }

        @Test
        @DisplayName("looks only at exercises with nothing passed: a kit without stubs is never read for the others")
        void onlyCandidatesAreLookedAt() throws IOException {
            write("stubs/" + IPV4, "class Ipv4Address {}\n");
            write(IPV4, "class Ipv4Address {}\n");
            // 1.2 has no stub copy and no file: looking at it would make it "changed", never an error.
            GradeReport report = Fixtures.report(
                    Fixtures.result(Fixtures.IPV4, ExerciseStatus.IN_PROGRESS,
                            Fixtures.failed(Fixtures.IPV4, "a", "expected an IllegalArgumentException")),
                    Fixtures.result(Fixtures.DNS, ExerciseStatus.IN_PROGRESS, Fixtures.passed(Fixtures.DNS, "a"),
                            Fixtures.failed(Fixtures.DNS, "b", "expected 2")));
            assertThat(Untouched.applyTo(report, kit).exercises()).extracting(ExerciseResult::status)
                    .containsExactly(ExerciseStatus.NOT_STARTED, ExerciseStatus.IN_PROGRESS);
            GradeReport started = Fixtures.report(Fixtures.result(Fixtures.DNS, ExerciseStatus.IN_PROGRESS,
                    Fixtures.passed(Fixtures.DNS, "a"), Fixtures.failed(Fixtures.DNS, "b", "expected 2")));
            assertThat(Untouched.applyTo(started, kit)).as("nothing to look at: the same report").isSameAs(started);
        }

        @Test
        @DisplayName("does not compile stays does not compile, untouched or not")
        void compileErrorsStay() {
            GradeReport report = Fixtures.report(Fixtures.doesNotCompile(Fixtures.IPV4,
                    List.of("module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java:3: error")));
            assertThat(Untouched.apply(report, Set.of("1.1")).exercises().get(0).status())
                    .isEqualTo(ExerciseStatus.DOES_NOT_COMPILE);
        }

        @Test
        @DisplayName("null arguments are refused by name")
        void nulls() {
            assertThatThrownBy(() -> Untouched.apply(null, Set.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Report");
            assertThatThrownBy(() -> Untouched.of(null, BOTH)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Kit");
        }
    }
}
