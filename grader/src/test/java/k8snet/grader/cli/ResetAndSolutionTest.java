package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.RunRequest;

@DisplayName("Resetting an exercise and showing its solution")
class ResetAndSolutionTest {

    private static final String FILE = "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java";
    /** A stub with a CRLF, a tab and a byte that is not UTF-8, so only a byte-for-byte copy matches. */
    private static final byte[] STUB = bytes("class Ipv4Address {\r\n\tthrow new UnsupportedOperationException(\"Exercise 1.1\");\n}\n",
            (byte) 0xE9);
    private static final byte[] MINE = "class Ipv4Address { int parsed; }\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path kit;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<RunRequest> requests = new ArrayList<>();

    private static byte[] bytes(String text, byte extra) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(t, t.length + 1);
        all[t.length] = extra;
        return all;
    }

    private int run(String stdin, ExerciseStatus status, String... args) {
        CourseEnv env = new CourseEnv(kit, k -> Fixtures.manifest(), () -> request -> {
            requests.add(request);
            return report(status);
        }, new PrintWriter(out), new PrintWriter(err), false, Map.of(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return Course.commandLine(env).execute(args);
    }

    private static GradeReport report(ExerciseStatus status) {
        return Fixtures.report(status == ExerciseStatus.DONE
                ? Fixtures.result(Fixtures.IPV4, status, Fixtures.passed(Fixtures.IPV4, "a"), Fixtures.passed(Fixtures.IPV4, "b"))
                : Fixtures.result(Fixtures.IPV4, status, Fixtures.passed(Fixtures.IPV4, "a"),
                        Fixtures.failed(Fixtures.IPV4, "b", "expected 10.0.0.1")));
    }

    private void write(String rel, byte[] content) throws IOException {
        Path p = kit.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    private List<Path> backups() throws IOException {
        Path root = kit.resolve(".course/backup");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(root)) {
            return list.sorted().toList();
        }
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Learner", "-c", "user.email=l@example.org",
                "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-C", kit.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", List.of(args), output).isZero();
    }

    @Nested
    @DisplayName("reset, in a student kit with stubs/")
    class ResetFromCopies {

        @BeforeEach
        void kitWithCopies() throws IOException {
            write("stubs/" + FILE, STUB);
            write(FILE, MINE);
        }

        @Test
        @DisplayName("restores the stub byte for byte with --yes, and keeps the student's file in a backup")
        void resets() throws IOException {
            assertThat(run("", ExerciseStatus.DONE, "reset", "1.1", "--yes")).isZero();
            assertThat(Files.readAllBytes(kit.resolve(FILE))).isEqualTo(STUB);
            List<Path> backups = backups();
            assertThat(backups).hasSize(1);
            assertThat(Files.readAllBytes(backups.get(0).resolve(FILE))).isEqualTo(MINE);
            String shown = kit.relativize(backups.get(0)).toString().replace('\\', '/');
            assertThat(out.toString()).contains("Reset 1.1 IPv4 addresses: 1 file back to the stub (from the kit's copies "
                    + "in stubs/)", "Your previous files are in " + shown + "/");
            assertThat(shown).matches("\\.course/backup/\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d");
            assertThat(requests).as("reset runs no tests").isEmpty();
        }

        @Test
        @DisplayName("asks first, and resets on 'y'")
        void asks() throws IOException {
            assertThat(run("y\n", ExerciseStatus.DONE, "reset", "1.1")).isZero();
            assertThat(out.toString()).contains("Reset 1.1 IPv4 addresses to its stub? This replaces:", "  " + FILE,
                    "Reset? [y/N]");
            assertThat(Files.readAllBytes(kit.resolve(FILE))).isEqualTo(STUB);
        }

        @Test
        @DisplayName("changes nothing without a yes: on 'n', on Enter alone, or with no answer at all")
        void refuses() throws IOException {
            for (String answer : List.of("n\n", "\n", "")) {
                out.getBuffer().setLength(0);
                assertThat(run(answer, ExerciseStatus.DONE, "reset", "1.1")).as("answer %s", answer).isEqualTo(1);
                assertThat(Files.readAllBytes(kit.resolve(FILE))).isEqualTo(MINE);
                assertThat(backups()).isEmpty();
                assertThat(out.toString()).contains("Not reset: nothing was changed.");
            }
            assertThat(out.toString()).contains("use --yes to reset without asking");
        }

        @Test
        @DisplayName("has nothing to do when the file is its stub already, and says so")
        void alreadyStub() throws IOException {
            write(FILE, STUB);
            assertThat(run("", ExerciseStatus.DONE, "reset", "1.1")).isZero();
            assertThat(out.toString()).contains("1.1 IPv4 addresses is its stub already: nothing to reset.");
            assertThat(backups()).isEmpty();
        }

        @Test
        @DisplayName("refuses to write through a symbolic link, at the file, a folder on its way, or the backups")
        void refusesLinks() throws IOException {
            Path outside = Files.createTempDirectory("outside-the-kit");
            try {
                Path victim = outside.resolve("victim.txt");
                Files.writeString(victim, "not the kit's");
                Files.delete(kit.resolve(FILE));
                Files.createSymbolicLink(kit.resolve(FILE), victim);
                assertThat(run("", ExerciseStatus.DONE, "reset", "1.1", "--yes")).isEqualTo(1);
                assertThat(err.toString()).contains("cannot reset: " + FILE + " is a symbolic link");
                assertThat(Files.readString(victim)).as("the file the link points to is untouched").isEqualTo("not the kit's");

                Files.delete(kit.resolve(FILE));
                write(FILE, MINE);
                Files.createDirectories(kit.resolve(".course"));
                Files.createSymbolicLink(kit.resolve(".course/backup"), outside);
                err.getBuffer().setLength(0);
                assertThat(run("", ExerciseStatus.DONE, "reset", "1.1", "--yes")).isEqualTo(1);
                assertThat(err.toString()).contains("cannot reset: .course/backup is a symbolic link");
                assertThat(Files.readAllBytes(kit.resolve(FILE))).as("nothing was reset").isEqualTo(MINE);
                try (Stream<Path> left = Files.list(outside)) {
                    assertThat(left.map(p -> p.getFileName().toString())).as("no backup written outside")
                            .containsExactly("victim.txt");
                }
            } finally {
                try (Stream<Path> all = Files.walk(outside)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }

        @Test
        @DisplayName("refuses, naming the file, when the kit's copy of a stub is missing")
        void missingCopy() throws IOException {
            Files.delete(kit.resolve("stubs/" + FILE));
            assertThat(run("", ExerciseStatus.DONE, "reset", "1.1", "--yes")).isEqualTo(1);
            assertThat(err.toString()).contains("the kit's copy of the stub stubs/" + FILE + " is missing");
            assertThat(Files.readAllBytes(kit.resolve(FILE))).isEqualTo(MINE);
        }
    }

    @Nested
    @DisplayName("reset, in a git checkout without stubs/")
    class ResetFromGit {

        @Test
        @DisplayName("restores the file as committed at HEAD")
        void fromHead() throws IOException, InterruptedException {
            write(FILE, STUB);
            git("init", "-q");
            git("add", "-A");
            git("commit", "-q", "-m", "stubs");
            write(FILE, MINE);
            assertThat(run("", ExerciseStatus.DONE, "reset", "1.1", "-y")).isZero();
            assertThat(Files.readAllBytes(kit.resolve(FILE))).isEqualTo(STUB);
            assertThat(out.toString()).contains("(from git, as committed at HEAD (");
            assertThat(Files.readAllBytes(backups().get(0).resolve(FILE))).isEqualTo(MINE);
        }

        /** A course repository of the fixture's three exercises, their stubs and stub-blobs.txt committed. */
        private void courseWithBlobList() throws IOException, InterruptedException {
            write(FILE, STUB);
            write("module-01-basics/src/main/java/k8snet/dns/Hostname.java", "class Hostname {}\n".getBytes(StandardCharsets.UTF_8));
            write("module-02-pods/src/main/java/k8snet/ipam/Cidr.java", "class Cidr {}\n".getBytes(StandardCharsets.UTF_8));
            git("init", "-q");
            assertThat(run("", ExerciseStatus.DONE, "selfcheck", "--write-stub-blobs")).isZero();
            assertThat(out.toString()).contains("Wrote stub-blobs.txt: the git blobs of 3 stubs.");
            git("add", "-A");
            git("commit", "-q", "-m", "stubs");
            out.getBuffer().setLength(0);
        }

        @Test
        @DisplayName("restores the stub stub-blobs.txt lists, not the learner's own work committed since")
        void fromBlobListAfterCommittedWork() throws IOException, InterruptedException {
            courseWithBlobList();
            write(FILE, MINE);
            git("commit", "-q", "-am", "my 1.1");
            byte[] later = "class Ipv4Address { int parsed; int more; }\n".getBytes(StandardCharsets.UTF_8);
            write(FILE, later);
            assertThat(run("", ExerciseStatus.DONE, "reset", "1.1", "-y")).isZero();
            assertThat(Files.readAllBytes(kit.resolve(FILE))).as("the stub as handed out, byte for byte").isEqualTo(STUB);
            assertThat(out.toString()).contains("1 file back to the stub (from git, the stubs listed in stub-blobs.txt)");
            assertThat(Files.readAllBytes(backups().get(0).resolve(FILE))).isEqualTo(later);
        }

        @Test
        @DisplayName("takes the file at HEAD when the repository lacks the listed blob, and says so")
        void blobMissing() throws IOException, InterruptedException {
            courseWithBlobList();
            String list = Files.readString(kit.resolve("stub-blobs.txt"));
            String blob = list.lines().filter(l -> l.endsWith(" " + FILE)).findFirst().orElseThrow().substring(0, 40);
            Files.writeString(kit.resolve("stub-blobs.txt"), list.replace(blob, "0".repeat(40)));
            git("commit", "-q", "-am", "a list with a blob git does not have");
            write(FILE, MINE);
            assertThat(run("", ExerciseStatus.DONE, "reset", "1.1", "-y")).isZero();
            assertThat(Files.readAllBytes(kit.resolve(FILE))).isEqualTo(STUB);
            assertThat(out.toString()).contains("(from git, as committed at HEAD (");
        }

        @Test
        @DisplayName("refuses with a clear message in a kit that is neither a git checkout nor has stubs/")
        void neither() throws IOException {
            write(FILE, MINE);
            assertThat(run("", ExerciseStatus.DONE, "reset", "1.1", "--yes")).isEqualTo(1);
            assertThat(err.toString()).contains("cannot reset 1.1: this kit has no stubs/ folder", "is not a git checkout");
            assertThat(Files.readAllBytes(kit.resolve(FILE))).isEqualTo(MINE);
        }
    }

    @Nested
    @DisplayName("solution")
    class Solution {

        @BeforeEach
        void files() throws IOException {
            write(FILE, MINE);
            write("solutions/" + FILE, "class Ipv4Address { final int bits; }\n".getBytes(StandardCharsets.UTF_8));
        }

        @Test
        @DisplayName("shows the student's file, then the reference, once every graded test passes")
        void shows() {
            assertThat(run("", ExerciseStatus.DONE, "solution", "1.1")).isZero();
            assertThat(requests).singleElement().satisfies(r -> assertThat(r.exerciseIds()).containsExactly("1.1"));
            String text = out.toString();
            assertThat(text).contains("1.1 IPv4 addresses is done: every graded test passes.");
            int mine = text.indexOf("==== Yours: " + FILE);
            int reference = text.indexOf("==== Reference: solutions/" + FILE);
            assertThat(mine).isPositive();
            assertThat(reference).isGreaterThan(mine);
            assertThat(text.substring(mine, reference)).contains("int parsed;");
            assertThat(text.substring(reference)).contains("final int bits;").doesNotContain("int parsed;");
        }

        @Test
        @DisplayName("refuses before the exercise is done, and shows nothing of the reference")
        void notDone() {
            assertThat(run("", ExerciseStatus.IN_PROGRESS, "solution", "1.1")).isEqualTo(1);
            assertThat(err.toString()).contains("1.1 IPv4 addresses is not done yet (in progress, 1 of 2 graded tests pass)");
            assertThat(out.toString()).doesNotContain("final int bits;");
        }

        @Test
        @DisplayName("refuses in a kit without solutions/, before running anything")
        void noSolutions() throws IOException {
            Files.delete(kit.resolve("solutions/" + FILE));
            Files.walk(kit.resolve("solutions")).sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            assertThat(run("", ExerciseStatus.DONE, "solution", "1.1")).isEqualTo(1);
            assertThat(err.toString()).contains("this kit has no solutions/ folder",
                    "a student kit made by export-student leaves them out");
            assertThat(requests).isEmpty();
        }
    }
}
