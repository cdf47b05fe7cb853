package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;
import k8snet.grader.TestGit;
import k8snet.grader.engine.RunRequest;
import k8snet.grader.platform.KitDigests;

@DisplayName("Grading a kit's own folder")
class PristineGradingTest {

    private static final String TEST = "module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java";
    private static final String PROVIDED = "module-01-basics/src/main/java/k8snet/Require.java";

    @TempDir
    Path tmp;

    private Path course;
    private Path student;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<RunRequest> requests = Collections.synchronizedList(new ArrayList<>());

    private static void write(Path root, String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** The course repository (committed, stubs in place) and the student kit exported from it. */
    @BeforeEach
    void exported() throws IOException {
        course = tmp.resolve("course");
        for (String f : List.of("course.yaml", "pom.xml", "module-01-basics/pom.xml", "module-02-pods/pom.xml",
                "grader/src/main/java/k8snet/grader/cli/Course.java", PROVIDED, TEST,
                "module-01-basics/src/test/java/k8snet/dns/HostnameTest.java",
                "module-02-pods/src/test/java/k8snet/ipam/CidrTest.java")) {
            write(course, f, f + "\n");
        }
        for (String stub : KitLayoutFiles.STUBS) {
            write(course, stub, "throw new UnsupportedOperationException(\"Exercise: " + stub + "\");\n");
            write(course, "solutions/" + stub, "return solved;\n");
        }
        TestGit.commitAll(course);
        student = tmp.resolve("student");
        StudentExport.export(course, student, Fixtures.manifest());
    }

    /** Fixtures.manifest()'s student files. */
    private static final class KitLayoutFiles {
        static final List<String> STUBS = List.of("module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java",
                "module-01-basics/src/main/java/k8snet/dns/Hostname.java",
                "module-02-pods/src/main/java/k8snet/ipam/Cidr.java");
    }

    /** {@code course args...} run in {@code kit}, with a fake engine that records what it was asked. */
    private int course(Path kit, String... args) {
        CourseEnv env = new CourseEnv(kit, k -> Fixtures.manifest(), () -> request -> {
            requests.add(request);
            return Fixtures.halfWay();
        }, new PrintWriter(out), new PrintWriter(err), false, Map.of());
        return Course.commandLine(env).execute(args);
    }

    private int gradeItself(String... more) {
        List<String> args = new ArrayList<>(List.of("grade", "--submission", student.toString(), "--out",
                tmp.resolve("grades").toString()));
        args.addAll(List.of(more));
        return course(student, args.toArray(String[]::new));
    }

    @Nested
    @DisplayName("an untouched export")
    class Untouched {

        @Test
        @DisplayName("grades itself with its own tests, once its digest list proves them")
        void gradesItself() {
            assertThat(gradeItself()).isZero();
            RunRequest r = requests.get(0);
            assertThat(r.kitRoot()).isEqualTo(student);
            assertThat(r.submission()).isEqualTo(student);
            assertThat(r.workDir().startsWith(student.resolve(".course"))).as("scratch space in its own .course/")
                    .isTrue();
            assertThat(out.toString()).contains("Checked with " + KitDigests.FILE_NAME + ": the 9 files this kit "
                    + "grades with are the course's.");
        }

        @Test
        @DisplayName("with the student's own work in it: solved stubs, a helper class, notes and build output")
        void studentWork() throws IOException {
            write(student, KitLayoutFiles.STUBS.get(0), "return solved;\n");
            write(student, "module-01-basics/src/main/java/k8snet/ip/Octets.java", "helper\n");
            write(student, "module-01-basics/README.md", "my notes\n");
            write(student, "module-01-basics/target/classes/k8snet/ip/Ipv4Address.class", "class");
            assertThat(gradeItself()).isZero();
            assertThat(requests).hasSize(1);
        }

        @Test
        @DisplayName("checked out with CRLF line endings")
        void crlf() throws IOException {
            Path test = student.resolve(TEST);
            Files.writeString(test, Files.readString(test).replace("\n", "\r\n"));
            assertThat(gradeItself()).isZero();
        }
    }

    @Nested
    @DisplayName("an export whose trusted files were edited")
    class Edited {

        @BeforeEach
        void edit() throws IOException {
            write(student, TEST, "class Ipv4AddressTest { @Test void passes() {} }\n");
        }

        @Test
        @DisplayName("refuses to grade itself, naming the file, and runs nothing")
        void refused() {
            assertThat(gradeItself()).isEqualTo(1);
            assertThat(err.toString()).startsWith("course: grade refused: these files of the kit " + student
                            + " are not the course's (compared with " + KitDigests.FILE_NAME + ")")
                    .contains("\n  " + TEST + " (changed)\n")
                    .contains("add --pristine DIR, where DIR is a clone of the course repository at commit "
                            + TestGit.git(course, "rev-parse", "HEAD").strip());
            assertThat(requests).isEmpty();
            assertThat(tmp.resolve("grades")).doesNotExist();
        }

        @Test
        @DisplayName("names added tests and deleted provided code too")
        void addedAndMissing() throws IOException {
            write(student, "module-01-basics/src/test/java/k8snet/ip/Extra.java", "new\n");
            Files.delete(student.resolve(PROVIDED));
            assertThat(gradeItself()).isEqualTo(1);
            assertThat(err.toString()).contains("\n  " + PROVIDED + " (missing)\n  "
                    + "module-01-basics/src/test/java/k8snet/ip/Extra.java (added)\n  " + TEST + " (changed)\n");
        }

        @Test
        @DisplayName("refuses to grade any other submission with its tests either")
        void refusesOthers() throws IOException {
            Path alice = Files.createDirectories(tmp.resolve("alice/module-01-basics/src/main/java"));
            int code = course(student, "grade", "--submission", alice.getParent().getParent().toString(), "--out",
                    tmp.resolve("grades").toString());
            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains(TEST + " (changed)");
            assertThat(requests).isEmpty();
        }

        @Test
        @DisplayName("grades with the course's tests from --pristine, the student's files from the kit")
        void pristine() {
            assertThat(gradeItself("--pristine", course.toString())).isZero();
            RunRequest r = requests.get(0);
            assertThat(r.kitRoot()).isEqualTo(course);
            assertThat(r.submission()).isEqualTo(student);
            assertThat(r.workDir().startsWith(course.resolve(".course"))).isTrue();
            assertThat(out.toString()).contains("Grading with the pristine kit " + course)
                    .contains("differs from its " + KitDigests.FILE_NAME + " in 1 file(s), which are not used:\n  "
                            + TEST + " (changed)");
        }

        @Test
        @DisplayName("refuses --pristine when that kit differs from its own digest list")
        void pristineNotPristine() throws IOException {
            Path copy = tmp.resolve("copy");
            StudentExport.export(course, copy, Fixtures.manifest());
            write(copy, PROVIDED, "edited\n");
            assertThat(gradeItself("--pristine", copy.toString())).isEqualTo(1);
            assertThat(err.toString()).contains("the --pristine kit " + copy + " differs from its own "
                    + KitDigests.FILE_NAME + ", so it is not pristine either:\n  " + PROVIDED + " (changed)");
            assertThat(requests).isEmpty();
        }
    }

    @Test
    @DisplayName("warns when --pristine is another version of the course than the kit came from")
    void otherVersion() throws IOException {
        write(course, TEST, "a newer test\n");
        assertThat(gradeItself("--pristine", course.toString())).isZero();
        assertThat(out.toString()).contains("Warning: the pristine kit is not the version this kit was exported from")
                .contains(TEST + " (changed)");
        assertThat(requests.get(0).kitRoot()).isEqualTo(course);
    }

    @Test
    @DisplayName("a kit without a digest list refuses to grade itself, and points to --pristine and --reference")
    void noList() {
        int code = course(course, "grade", "--submission", course.toString(), "--out", tmp.resolve("grades").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--submission is this kit itself (" + course + "), so its own tests "
                + "would grade it, and it has no " + KitDigests.FILE_NAME).contains("--reference");
        assertThat(requests).isEmpty();
    }

    @Test
    @DisplayName("a kit without a digest list grades other folders as before")
    void noListOthers() throws IOException {
        Path alice = Files.createDirectories(tmp.resolve("alice/module-01-basics/src/main/java")).getParent().getParent();
        assertThat(course(course, "grade", "--submission", alice.toString(), "--out", tmp.resolve("g").toString()))
                .isZero();
        assertThat(requests.get(0).kitRoot()).isEqualTo(course);
        assertThat(out.toString()).doesNotContain(KitDigests.FILE_NAME);
    }

    @Test
    @DisplayName("refuses a digest list it cannot read, as a usage error")
    void badList() throws IOException {
        write(student, KitDigests.FILE_NAME, "garbage\n");
        assertThat(gradeItself()).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read " + student.resolve(KitDigests.FILE_NAME) + ": Line 1 of");
    }
}
