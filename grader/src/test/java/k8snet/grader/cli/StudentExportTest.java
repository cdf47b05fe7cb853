package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;
import k8snet.grader.TestGit;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.KitDigests;

@DisplayName("Exporting the student kit")
class StudentExportTest {

    private static final String STUB = "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java";
    private static final String SOLUTION = "solutions/" + STUB;

    /** Exercise 1.1 only: its one student file is {@link #STUB}. */
    private static final Manifest MANIFEST = new Manifest("A course",
            List.of(new CourseModule("module-01-basics", "Basics", "module-01-basics/README.md")),
            List.of(Fixtures.IPV4));

    @TempDir
    Path tmp;

    private Path kit;

    private void write(String file, String content) throws IOException {
        Path p = kit.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Instructor",
                "-c", "user.email=instructor@example.org", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                "-C", kit.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", List.of(args), output).isZero();
    }

    /** A kit committed to git: its student file is the stub. */
    @BeforeEach
    void kit() throws IOException, InterruptedException {
        kit = tmp.resolve("kit");
        for (String f : List.of("pom.xml", "course.yaml", "mvnw", ".mvn/wrapper/maven-wrapper.properties",
                "module-01-basics/pom.xml", "module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java",
                "hidden-tests/k8snet/ip/HiddenTest.java", ".ci/run", "grader/src/main/java/k8snet/grader/cli/Course.java")) {
            write(f, f);
        }
        write(STUB, "throw new UnsupportedOperationException(\"Exercise 1.1: implement parse\");");
        write(SOLUTION, "return parsed;");
        Files.setPosixFilePermissions(kit.resolve("mvnw"), Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "the kit");
        // Build output and scratch space, as a working copy has them (never committed).
        write("module-01-basics/target/classes/k8snet/ip/Ipv4Address.class", "class");
        write(".course/work/x", "x");
        write("grader/target/course.jar", "jar");
    }

    private List<String> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    @Test
    @DisplayName("copies everything but solutions, hidden tests, CI, build output, .course and .git, adds a "
            + "digest list, and the stubs once more to stubs/")
    void copies() throws IOException {
        Path out = tmp.resolve("student");
        int count = StudentExport.export(kit, out, MANIFEST);
        assertThat(files(out)).containsExactly(KitDigests.FILE_NAME, ".mvn/wrapper/maven-wrapper.properties",
                "course.yaml", "grader/src/main/java/k8snet/grader/cli/Course.java", "module-01-basics/pom.xml",
                STUB, "module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java", "mvnw", "pom.xml",
                "stubs/" + STUB);
        assertThat(count).isEqualTo(10);
        assertThat(Files.readAllBytes(out.resolve("stubs/" + STUB))).isEqualTo(Files.readAllBytes(kit.resolve(STUB)));
        assertThat(Files.isExecutable(out.resolve("mvnw"))).as("mvnw keeps its execute bit").isTrue();
        assertThat(files(kit)).contains(SOLUTION);
    }

    @Test
    @DisplayName("copies only what git tracks: an instructor's reports or notes inside the kit stay behind")
    void onlyTrackedFiles() throws IOException, InterruptedException {
        write("results/alice/report.md", "# Grade report: alice");
        write("module-01-basics/notes-on-alice.txt", "alice copied from bob");
        write("results/.gitkeep-not", "x");
        Path out = tmp.resolve("student");
        StudentExport.export(kit, out, MANIFEST);
        assertThat(files(out)).as("no untracked file is handed out")
                .noneMatch(f -> f.startsWith("results") || f.contains("notes-on-alice"))
                .contains(STUB, "mvnw", "stubs/" + STUB);
        assertThat(out.resolve("results")).as("nor an empty folder where they were").doesNotExist();
        git("add", "module-01-basics/notes-on-alice.txt");
        git("commit", "-q", "-m", "a file the instructor means to hand out");
        StudentExport.export(kit, tmp.resolve("student2"), MANIFEST);
        assertThat(files(tmp.resolve("student2"))).as("once committed, it is part of the kit")
                .contains("module-01-basics/notes-on-alice.txt");
    }

    @Test
    @DisplayName("lists in the copy's digest list every file grading trusts (not the stub), with the commit")
    void digestList() throws IOException, InterruptedException {
        Path out = tmp.resolve("student");
        StudentExport.export(kit, out, MANIFEST);
        KitDigests list = KitDigests.read(out).orElseThrow();
        assertThat(list.digests().keySet()).containsExactly(".mvn/wrapper/maven-wrapper.properties", "course.yaml",
                "grader/src/main/java/k8snet/grader/cli/Course.java", "module-01-basics/pom.xml",
                "module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java", "mvnw", "pom.xml");
        assertThat(list.commit()).contains(TestGit.git(kit, "rev-parse", "HEAD").strip());
        assertThat(list.differences(out, MANIFEST)).isEmpty();
    }

    @Test
    @DisplayName("refuses a folder inside the kit or one that is not empty")
    void refuses() throws IOException {
        assertThatThrownBy(() -> StudentExport.export(kit, kit.resolve("student"), MANIFEST))
                .isInstanceOf(CourseException.class).hasMessageContaining("is inside the kit");
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("x"), "x");
        assertThatThrownBy(() -> StudentExport.export(kit, full, MANIFEST))
                .isInstanceOf(CourseException.class).hasMessageContaining("exists and is not an empty folder");
    }

    @Nested
    @DisplayName("refuses, naming the file and copying nothing, when a student file is not its committed stub")
    class SolvedCopies {

        private void refused(String why) {
            Path out = tmp.resolve("student");
            assertThatThrownBy(() -> StudentExport.export(kit, out, MANIFEST))
                    .isInstanceOfSatisfying(CourseException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                    .hasMessageContaining("export-student refused")
                    .hasMessageContaining(STUB + " (" + why + ")");
            assertThat(out).doesNotExist();
        }

        @Test
        @DisplayName("an edited stub (the instructor solved it in place)")
        void edited() throws IOException {
            write(STUB, "return parsed;");
            refused("changed since the last commit");
        }

        @Test
        @DisplayName("an edit that is staged but not committed")
        void staged() throws IOException, InterruptedException {
            write(STUB, "return parsed;");
            git("add", STUB);
            refused("changed since the last commit");
        }

        @Test
        @DisplayName("a deleted stub")
        void deleted() throws IOException {
            Files.delete(kit.resolve(STUB));
            refused("deleted");
        }

        @Test
        @DisplayName("a stub that was never committed")
        void untracked() throws IOException, InterruptedException {
            git("rm", "-q", "--cached", STUB);
            refused("not committed");
        }

        @Test
        @DisplayName("a solution committed as the stub")
        void committedSolution() throws IOException, InterruptedException {
            write(STUB, "return parsed;");
            git("commit", "-q", "-am", "oops, solved");
            refused("it is the reference solution, committed as the stub");
        }

        @Test
        @DisplayName("work committed in the instructor's clone, not the stub stub-blobs.txt lists")
        void committedWork() throws IOException, InterruptedException {
            StubBlobsCheck.write(kit, MANIFEST);
            git("add", "stub-blobs.txt");
            git("commit", "-q", "-m", "the stubs' blobs");
            write(STUB, "int half = parsed / 2;");
            git("commit", "-q", "-am", "half way through 1.1");
            refused("committed, but not the stub stub-blobs.txt lists");
        }

        @Test
        @DisplayName("a kit that is not a git checkout, which cannot be checked")
        void notGit() throws IOException {
            Path copy = tmp.resolve("unpacked");
            Files.createDirectories(copy.resolve("module-01-basics/src/main/java/k8snet/ip"));
            Files.copy(kit.resolve(STUB), copy.resolve(STUB));
            assertThatThrownBy(() -> StudentExport.export(copy, tmp.resolve("student"), MANIFEST))
                    .isInstanceOfSatisfying(CourseException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
                    .hasMessageContaining("is not a git checkout");
        }
    }
}
