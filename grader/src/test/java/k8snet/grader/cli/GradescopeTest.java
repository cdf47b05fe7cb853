package k8snet.grader.cli;

import static k8snet.grader.engine.SyntheticKit.ADDER;
import static k8snet.grader.engine.SyntheticKit.ADDER_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.ADDER_STUB;
import static k8snet.grader.engine.SyntheticKit.ECHO;
import static k8snet.grader.engine.SyntheticKit.ECHO_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.MODULE;
import static k8snet.grader.engine.SyntheticKit.REPEAT;
import static k8snet.grader.engine.SyntheticKit.REPEAT_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.SHOUTER;
import static k8snet.grader.engine.SyntheticKit.SHOUTER_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.SHOUTER_STUB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import k8snet.grader.TestGit;
import k8snet.grader.engine.ForkingEngine;
import k8snet.grader.engine.SyntheticKit;
import k8snet.grader.manifest.Manifest;

@DisplayName("The Gradescope bundle")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradescopeTest {

    @TempDir
    static Path tmp;

    private Path kit;
    private Path bundle;
    private String commit;
    private int roots;

    /** The synthetic course (1.1 worth 10, 1.2 worth 20), committed, and its bundle. */
    @BeforeAll
    void bundle() {
        kit = SyntheticKit.write(tmp.resolve("kit"));
        SyntheticKit.put(kit, "pom.xml", "<project/>\n");
        SyntheticKit.put(kit, "mvnw", "#!/bin/sh\n");
        SyntheticKit.put(kit, "hidden-tests/k8snet/calc/AdderHiddenTest.java", "the kit's own hidden tests\n");
        SyntheticKit.put(kit, ".ci/run", "ci\n");
        commit = TestGit.commitAll(kit);
        SyntheticKit.put(kit, MODULE + "/target/classes/x.class", "build output");
        bundle = tmp.resolve("autograder.zip");
        assertThat(course("gradescope", bundle.toString())).isZero();
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int course(String... args) {
        CourseEnv env = new CourseEnv(kit, Manifest::load, ForkingEngine::new, new PrintWriter(out),
                new PrintWriter(err), false, Map.of());
        return Course.commandLine(env).execute(args);
    }

    private static List<String> entries(Path zip) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(zip); Stream<Path> walk = Files.walk(fs.getPath("/"))) {
            return walk.filter(Files::isRegularFile).map(p -> p.toString().substring(1)).sorted().toList();
        }
    }

    private static String mode(Path zip, String entry) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(fs.getPath(entry)));
        }
    }

    @Nested
    @DisplayName("as written")
    class Contents {

        @Test
        @DisplayName("holds setup.sh and run_autograder at the top and the kit without solutions, hidden tests, "
                + "CI or build output")
        void entries() throws IOException {
            assertThat(GradescopeTest.entries(bundle)).containsExactly("course.yaml",
                    MODULE + "/src/main/java/k8snet/Require.java", ADDER, ECHO, REPEAT, SHOUTER,
                    MODULE + "/src/test/java/k8snet/calc/AdderTest.java",
                    MODULE + "/src/test/java/k8snet/testkit/Expect.java",
                    MODULE + "/src/test/java/k8snet/text/EchoTest.java",
                    MODULE + "/src/test/java/k8snet/text/RepeatTest.java",
                    MODULE + "/src/test/java/k8snet/text/ShouterTest.java", "mvnw", "pom.xml", "run_autograder",
                    "setup.sh");
            assertThat(out.toString()).contains("Gradescope bundle: " + bundle + " (15 files, course commit " + commit);
        }

        @Test
        @DisplayName("keeps the scripts executable and everything else not")
        void modes() throws IOException {
            assertThat(mode(bundle, "run_autograder")).isEqualTo("rwxr-xr-x");
            assertThat(mode(bundle, "setup.sh")).isEqualTo("rwxr-xr-x");
            assertThat(mode(bundle, "mvnw")).isEqualTo("rwxr-xr-x");
            assertThat(mode(bundle, "course.yaml")).isEqualTo("rw-r--r--");
        }

        @Test
        @DisplayName("has scripts that bash can parse, with LF line endings and the commit in run_autograder")
        void scripts(@TempDir Path dir) throws IOException, InterruptedException {
            Autograder a = Autograder.unpack(bundle, dir);
            for (String script : List.of("setup.sh", "run_autograder")) {
                Path file = a.root.resolve("source").resolve(script);
                assertThat(Files.readString(file)).startsWith("#!/usr/bin/env bash\n").doesNotContain("\r")
                        .doesNotContain("@");
                Process p = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
                assertThat(p.waitFor()).as("bash -n %s: %s", script, new String(p.getInputStream().readAllBytes()))
                        .isZero();
            }
            assertThat(Files.readString(a.root.resolve("source/run_autograder")))
                    .contains("from course commit\n# " + commit)
                    .contains("\"$SOURCE/course\" gradescope-run --root \"$ROOT\" 2> \"$errors\"");
            assertThat(Files.readString(a.root.resolve("source/setup.sh")))
                    .contains("apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless")
                    .contains("sh ./mvnw -q -B -pl grader -am package -DskipTests");
        }

        @Test
        @DisplayName("with --isolated and --hidden-tests, holds solutions/ and hidden-tests/ and passes both on")
        void isolatedWithHidden(@TempDir Path dir) throws IOException {
            Path hidden = dir.resolve("hidden");
            SyntheticKit.put(hidden, "hidden-tests.yaml", "k8snet.calc.AdderExtraTest:\n  exercise: \"1.1\"\n"
                    + "  points: 5\n");
            SyntheticKit.put(hidden, "k8snet/calc/AdderExtraTest.java", "class AdderExtraTest {}\n");
            Path zip = dir.resolve("isolated.zip");
            assertThat(course("gradescope", zip.toString(), "--isolated", "--hidden-tests", hidden.toString()))
                    .isZero();
            assertThat(GradescopeTest.entries(zip)).contains("solutions/" + ADDER, "solutions/" + SHOUTER,
                    "hidden-tests/hidden-tests.yaml", "hidden-tests/k8snet/calc/AdderExtraTest.java")
                    .doesNotContain("hidden-tests/k8snet/calc/AdderHiddenTest.java");
            Autograder a = Autograder.unpack(zip, dir.resolve("root"));
            assertThat(Files.readString(a.root.resolve("source/run_autograder"))).contains("gradescope-run --root "
                    + "\"$ROOT\" --hidden-tests \"$SOURCE/hidden-tests\" --isolated 2> \"$errors\"");
        }

        @Test
        @DisplayName("is refused when a student file is not its committed stub")
        void solvedStub(@TempDir Path dir) throws IOException {
            Path solved = kit.resolve(ADDER);
            Files.writeString(solved, ADDER_SOLUTION);
            try {
                assertThat(course("gradescope", dir.resolve("x.zip").toString())).isEqualTo(1);
                assertThat(err.toString()).contains("gradescope refused: these student files are not the stubs")
                        .contains(ADDER + " (changed since the last commit)");
                assertThat(dir.resolve("x.zip")).doesNotExist();
            } finally {
                Files.writeString(solved, ADDER_STUB);
            }
        }

        @Test
        @DisplayName("is refused with a hidden-tests.yaml it cannot use, before anything is written")
        void badHidden(@TempDir Path dir) {
            SyntheticKit.put(dir, "hidden/hidden-tests.yaml", "k8snet.calc.X:\n  exercise: \"9.9\"\n  points: 1\n");
            assertThat(course("gradescope", dir.resolve("x.zip").toString(), "--hidden-tests",
                    dir.resolve("hidden").toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--hidden-tests:");
            assertThat(dir.resolve("x.zip")).doesNotExist();
        }
    }

    /** A fresh simulated {@code /autograder} with the bundle unpacked and the stand-in launcher. */
    private Autograder autograder() {
        return Autograder.unpack(bundle, tmp.resolve("autograder-" + (++roots))).launcher();
    }

    private static double rowScore(JsonNode results, String name) {
        for (JsonNode t : results.get("tests")) {
            if (t.get("name").asText().equals(name)) {
                return t.get("score").asDouble();
            }
        }
        throw new AssertionError("no row " + name + " in " + results);
    }

    @Nested
    @DisplayName("run_autograder grades each shape of upload")
    class Shapes {

        @Test
        @DisplayName("the whole kit, solved: full marks")
        void wholeKit() {
            Autograder a = autograder();
            SyntheticKit.copy(kit.resolve(MODULE), a.submission().resolve(MODULE));
            SyntheticKit.put(a.submission(), "course.yaml", "the student's copy");
            SyntheticKit.put(a.submission(), ADDER, ADDER_SOLUTION);
            SyntheticKit.put(a.submission(), SHOUTER, SHOUTER_SOLUTION);
            SyntheticKit.put(a.submission(), ECHO, ECHO_SOLUTION);
            SyntheticKit.put(a.submission(), REPEAT, REPEAT_SOLUTION);
            a.run();
            JsonNode r = a.results();
            assertThat(r.get("score").asDouble()).isEqualTo(40.0);
            assertThat(rowScore(r, "1.1 Adding")).isEqualTo(10.0);
            assertThat(rowScore(r, "1.2 Shouting")).isEqualTo(20.0);
            assertThat(rowScore(r, "1.3 Echoing")).isEqualTo(10.0);
            assertThat(r.get("tests")).allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("passed"));
        }

        @Test
        @DisplayName("the kit nested in a folder, beside __MACOSX, with an edited test that is not used")
        void nestedKit() {
            Autograder a = autograder();
            Path top = a.submission().resolve("my-course");
            SyntheticKit.put(top, ADDER, ADDER_SOLUTION);
            SyntheticKit.put(top, MODULE + "/src/test/java/k8snet/text/ShouterTest.java",
                    "package k8snet.text; class ShouterTest { @org.junit.jupiter.api.Test void passes() {} }");
            SyntheticKit.put(a.submission(), "__MACOSX/my-course/._pom.xml", "resource fork");
            a.run();
            JsonNode r = a.results();
            assertThat(r.get("score").asDouble()).as("1.1 solved; 1.2 is the stub, whatever the edited test says")
                    .isEqualTo(10.0);
            assertThat(r.get("output").asText()).startsWith("Graded the course folder `my-course/` of your upload.");
        }

        @Test
        @DisplayName("only the module folder with the edited files: full marks")
        void moduleFolder() {
            Autograder a = autograder();
            SyntheticKit.put(a.submission(), ADDER, ADDER_SOLUTION);
            SyntheticKit.put(a.submission(), SHOUTER, SHOUTER_SOLUTION);
            a.run();
            assertThat(a.results().get("score").asDouble()).isEqualTo(30.0);
        }

        @Test
        @DisplayName("the edited .java files, flat, with a test and a stranger: their points, and notes on each")
        void flatFiles() throws IOException {
            Autograder a = autograder();
            SyntheticKit.put(a.submission(), "Adder.java", ADDER_SOLUTION);
            SyntheticKit.put(a.submission(), "Shouter.java", SHOUTER_SOLUTION);
            SyntheticKit.put(a.submission(), "AdderTest.java", "package k8snet.calc; class AdderTest {}");
            SyntheticKit.put(a.submission(), "Notes.java", "package my.notes; class Notes {}");
            String console = a.run();
            JsonNode r = a.results();
            assertThat(r.get("score").asDouble()).isEqualTo(30.0);
            assertThat(r.get("output").asText()).startsWith("Your upload has no course module folders")
                    .contains("- `Adder.java` → `" + ADDER + "` (exercise 1.1)")
                    .contains("- `Shouter.java` → `" + SHOUTER + "` (exercise 1.2)")
                    .contains("- `AdderTest.java`: the tests always come from the course")
                    .contains("- `Notes.java`: its package `my.notes` and its name match no file you edit")
                    .contains("**Score: 30 / 40**");
            assertThat(console).contains("Upload: FILES");
            assertThat(a.submission().resolve("Adder.java")).as("the upload is left as it was").exists();
            try (Stream<Path> walk = Files.walk(a.submission())) {
                assertThat(walk.filter(Files::isRegularFile).count()).isEqualTo(4);
            }
        }

        @Test
        @DisplayName("the stubs, flat: zero")
        void stubs() {
            Autograder a = autograder();
            SyntheticKit.put(a.submission(), "Adder.java", ADDER_STUB);
            SyntheticKit.put(a.submission(), "Shouter.java", SHOUTER_STUB);
            a.run();
            JsonNode r = a.results();
            assertThat(r.get("score").asDouble()).isZero();
            assertThat(r.get("tests")).hasSize(3)
                    .allSatisfy(t -> assertThat(t.get("status").asText()).isEqualTo("failed"));
        }

        @Test
        @DisplayName("an empty upload: zero, and what to upload")
        void empty() {
            Autograder a = autograder();
            a.run();
            JsonNode r = a.results();
            assertThat(r.get("score").asDouble()).isZero();
            assertThat(r.get("tests")).isEmpty();
            assertThat(r.get("output").asText()).startsWith("**Nothing was graded: your upload is empty.**");
        }

        @Test
        @DisplayName("a garbage upload: zero, naming what it held")
        void garbage() {
            Autograder a = autograder();
            SyntheticKit.put(a.submission(), "homework.pdf", "%PDF-1.4");
            SyntheticKit.put(a.submission(), "Main.java", "public class Main {}");
            a.run();
            JsonNode r = a.results();
            assertThat(r.get("score").asDouble()).isZero();
            assertThat(r.get("output").asText())
                    .startsWith("**Nothing was graded: your upload holds no file of the course.**")
                    .contains("- `Main.java`: it declares no package and its name match no file you edit")
                    .contains("- 1 file that is not `.java` source");
        }
    }

    @Nested
    @DisplayName("always writes a valid results.json")
    class Failures {

        @Test
        @DisplayName("when the course command cannot run at all: score 0 and its last messages")
        void commandDies() {
            Autograder a = autograder().launcher("echo 'Error: could not find \"course.jar\"\ttab' >&2\nexit 3");
            SyntheticKit.put(a.submission(), "Adder.java", ADDER_SOLUTION);
            a.run();
            JsonNode r = a.results();
            assertThat(r.get("score").asDouble()).isZero();
            assertThat(r.get("output").asText()).startsWith("**The autograder failed before it could grade your "
                    + "submission**").contains("the course command stopped with exit code 3 before it wrote any "
                    + "results. Its last messages:\nError: could not find \"course.jar\" tab");
        }

        @Test
        @DisplayName("when grading stops with an error: score 0, the reason, and the upload's notes")
        void gradeFails() throws IOException {
            Autograder a = autograder();
            SyntheticKit.put(a.submission(), "Adder.java", ADDER_SOLUTION);
            Path hidden = a.root.resolve("bad-hidden");
            SyntheticKit.put(hidden, "hidden-tests.yaml", "k8snet.calc.X:\n  exercise: \"9.9\"\n  points: 1\n");
            List<String> args = new ArrayList<>(List.of("gradescope-run", "--root", a.root.toString(),
                    "--hidden-tests", hidden.toString()));
            CourseEnv env = new CourseEnv(a.root.resolve("source"), Manifest::load, ForkingEngine::new,
                    new PrintWriter(out), new PrintWriter(err), false, Map.of());
            assertThat(Course.commandLine(env).execute(args.toArray(String[]::new))).isEqualTo(2);
            JsonNode r = a.results();
            assertThat(r.get("score").asDouble()).isZero();
            assertThat(r.get("output").asText()).contains("- `Adder.java` → `" + ADDER + "` (exercise 1.1)")
                    .contains("**The autograder failed before it could grade your submission**")
                    .contains("course grade stopped with exit code 2 and wrote no results.\ncourse: --hidden-tests:");
        }

        @Test
        @DisplayName("takes its root from AUTOGRADER_ROOT")
        void rootFromEnvironment() {
            Autograder a = autograder();
            CourseEnv env = new CourseEnv(a.root.resolve("source"), Manifest::load, ForkingEngine::new,
                    new PrintWriter(out), new PrintWriter(err), false, Map.of("AUTOGRADER_ROOT", a.root.toString()));
            assertThat(Course.commandLine(env).execute("gradescope-run")).isZero();
            assertThat(a.results().get("output").asText()).startsWith("**Nothing was graded: your upload is empty.**");
        }
    }
}
