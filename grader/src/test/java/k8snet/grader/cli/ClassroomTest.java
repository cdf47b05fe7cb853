package k8snet.grader.cli;

import static k8snet.grader.engine.SyntheticKit.ADDER;
import static k8snet.grader.engine.SyntheticKit.ADDER_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.ECHO;
import static k8snet.grader.engine.SyntheticKit.ECHO_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.MODULE;
import static k8snet.grader.engine.SyntheticKit.REPEAT;
import static k8snet.grader.engine.SyntheticKit.REPEAT_SOLUTION;
import static k8snet.grader.engine.SyntheticKit.SHOUTER;
import static k8snet.grader.engine.SyntheticKit.SHOUTER_SOLUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import k8snet.grader.TestGit;
import k8snet.grader.engine.ForkingEngine;
import k8snet.grader.engine.SyntheticKit;
import k8snet.grader.manifest.Manifest;
import k8snet.grader.platform.ClassroomResults;
import k8snet.grader.platform.ClassroomWorkflow;

@DisplayName("The GitHub Classroom workflow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassroomTest {

    private static final String COURSE = "https://github.com/acme/k8snet-course.git";

    @TempDir
    static Path tmp;

    private Path kit;
    private String commit;
    private Path template;
    private JsonNode workflow;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int course(Path root, Map<String, String> environment, String... args) {
        CourseEnv env = new CourseEnv(root, Manifest::load, ForkingEngine::new, new PrintWriter(out),
                new PrintWriter(err), false, environment);
        return Course.commandLine(env).execute(args);
    }

    /** The synthetic course, committed, with the workflow written into a template repository. */
    @BeforeAll
    void written() throws IOException {
        kit = SyntheticKit.write(tmp.resolve("kit"));
        commit = TestGit.commitAll(kit);
        TestGit.git(kit, "remote", "add", "origin", COURSE);
        template = tmp.resolve("template");
        assertThat(course(kit, Map.of(), "classroom", template.toString())).as(err.toString()).isZero();
        workflow = new YAMLMapper().readTree(template.resolve(ClassroomWorkflow.PATH).toFile());
    }

    private JsonNode steps() {
        return workflow.get("jobs").get(ClassroomWorkflow.JOB).get("steps");
    }

    private JsonNode step(String uses, int nth) {
        List<JsonNode> found = new ArrayList<>();
        steps().forEach(s -> {
            if (s.path("uses").asText().equals(uses)) {
                found.add(s);
            }
        });
        return found.get(nth);
    }

    private JsonNode gradeStep() {
        for (JsonNode s : steps()) {
            if (s.path("id").asText().equals(ClassroomWorkflow.GRADE_STEP)) {
                return s;
            }
        }
        throw new AssertionError("no grade step in " + workflow);
    }

    @Nested
    @DisplayName("as written")
    class Structure {

        @Test
        @DisplayName("runs on every push, with the permissions the reporter needs, in the job Classroom reads")
        void triggersAndJob() {
            assertThat(workflow.get("name").asText()).isEqualTo("Autograding Tests");
            assertThat(workflow.get("on").has("push")).isTrue();
            assertThat(workflow.get("permissions").get("checks").asText()).isEqualTo("write");
            assertThat(workflow.get("permissions").get("contents").asText()).isEqualTo("read");
            assertThat(workflow.get("jobs").fieldNames()).toIterable().containsExactly("run-autograding-tests");
            assertThat(steps()).hasSize(5);
        }

        @Test
        @DisplayName("checks out the submission, then the course's repository at the kit's commit")
        void checkouts() {
            JsonNode submission = step("actions/checkout@v4", 0).get("with");
            assertThat(submission.get("path").asText()).isEqualTo("submission");
            assertThat(submission.has("repository")).isFalse();
            assertThat(submission.get("persist-credentials").asBoolean()).isFalse();
            JsonNode course = step("actions/checkout@v4", 1).get("with");
            assertThat(course.get("repository").asText()).isEqualTo("acme/k8snet-course");
            assertThat(course.get("ref").asText()).isEqualTo(commit).matches("[0-9a-f]{40}");
            assertThat(course.get("path").asText()).isEqualTo("course");
            assertThat(course.get("persist-credentials").asBoolean()).isFalse();
            assertThat(step("actions/setup-java@v4", 0).get("with").get("java-version").asText()).isEqualTo("17");
        }

        @Test
        @DisplayName("grades from the course's folder, and no step runs anything of the student's")
        void noStudentTests() {
            JsonNode grade = gradeStep();
            assertThat(grade.get("working-directory").asText()).isEqualTo("course");
            assertThat(grade.get("run").asText()).isEqualTo("./course classroom-grade --submission "
                    + "\"$GITHUB_WORKSPACE/submission\" --out \"$RUNNER_TEMP/grades\"");
            for (JsonNode s : steps()) {
                assertThat(s.path("working-directory").asText()).isNotEqualTo("submission");
                String run = s.path("run").asText();
                assertThat(run.replace("--submission \"$GITHUB_WORKSPACE/submission\"", ""))
                        .doesNotContain("submission").doesNotContain("mvnw").doesNotContain("src/test");
            }
        }

        @Test
        @DisplayName("hands the grading step's result to the reporter as GRADE_RESULTS")
        void reporter() {
            JsonNode reporter = step("classroom-resources/autograding-grading-reporter@v1", 0);
            assertThat(reporter.get("with").get("runners").asText()).isEqualTo("grade");
            assertThat(reporter.get("env").get("GRADE_RESULTS").asText()).isEqualTo("${{ steps.grade.outputs.result }}");
            assertThat(steps().get(4)).isEqualTo(reporter);
        }

        @Test
        @DisplayName("names the commit and the repository it found, and passes --isolated on")
        void isolated(@TempDir Path dir) throws IOException {
            assertThat(out.toString()).contains("It grades with acme/k8snet-course at commit " + commit + ".");
            assertThat(course(kit, Map.of(), "classroom", dir.toString(), "--isolated", "--course-repo",
                    "other/course", "--commit", "0123456789abcdef0123456789abcdef01234567")).isZero();
            JsonNode other = new YAMLMapper().readTree(dir.resolve(ClassroomWorkflow.PATH).toFile());
            JsonNode steps = other.get("jobs").get(ClassroomWorkflow.JOB).get("steps");
            assertThat(steps.get(1).get("with").get("repository").asText()).isEqualTo("other/course");
            assertThat(steps.get(1).get("with").get("ref").asText())
                    .isEqualTo("0123456789abcdef0123456789abcdef01234567");
            assertThat(steps.get(3).get("run").asText()).endsWith(" --isolated");
        }

        @Test
        @DisplayName("refuses a commit that is not a full id, and a kit with no commit or remote to pin")
        void refuses(@TempDir Path dir) throws IOException {
            assertThat(course(kit, Map.of(), "classroom", dir.toString(), "--commit", "HEAD")).isEqualTo(2);
            assertThat(err.toString()).contains("The workflow pins a full commit id (40 lower-case hex digits): HEAD");
            Path plain = SyntheticKit.write(dir.resolve("plain"));
            assertThat(course(plain, Map.of(), "classroom", dir.resolve("t").toString())).isEqualTo(2);
            assertThat(err.toString()).contains("is not a git checkout with a commit: give one with --commit SHA");
            assertThat(dir.resolve("t")).doesNotExist();
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://github.com/acme/k8snet-course", "https://github.com/acme/k8snet-course.git",
            "https://github.com/acme/k8snet-course/", "git@github.com:acme/k8snet-course.git",
            "ssh://git@github.com/acme/k8snet-course.git", "acme/k8snet-course",
            "https://x-access-token@github.com/acme/k8snet-course.git"})
    @DisplayName("reads the course repository from each way of writing it")
    void repositories(String url) {
        assertThat(ClassroomWorkflow.Repository.parse(url).slug()).isEqualTo("acme/k8snet-course");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"https://gitlab.com/acme/k8snet-course", "https://github.com/acme",
            "https://github.com/acme/course/tree/main", "acme", "../course", "a b/c"})
    @DisplayName("refuses a repository that actions/checkout cannot check out")
    void badRepositories(String url) {
        assertThatIllegalArgumentException().isThrownBy(() -> ClassroomWorkflow.Repository.parse(url))
                .withMessageContaining(url);
    }

    /**
     * Runs the workflow's grading step as GitHub Actions would (bash -e, in the course checkout, with the runner's
     * variables) in a simulated workspace; the course's launcher is the stand-in of {@link Autograder}.
     */
    private Path runGradeStep(Map<String, String> studentFiles) throws IOException, InterruptedException {
        Path workspace = Files.createDirectories(tmp.resolve("workspace-" + System.nanoTime()));
        SyntheticKit.copy(kit, workspace.resolve(ClassroomWorkflow.COURSE_PATH));
        Path launcher = workspace.resolve("course/course");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(launcher, "#!/bin/sh\nexec \"" + java + "\" -cp \"" + System.getProperty("java.class.path")
                + "\" -Dcourse.kit=\"$(cd \"$(dirname \"$0\")\" && pwd -P)\" k8snet.grader.cli.Course \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        SyntheticKit.submission(kit, workspace.resolve(ClassroomWorkflow.SUBMISSION_PATH), studentFiles);
        JsonNode step = gradeStep();
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                step.get("run").asText()).directory(workspace.resolve(step.get("working-directory").asText()).toFile())
                .redirectErrorStream(true).redirectOutput(workspace.resolve("step.log").toFile());
        pb.environment().put("GITHUB_WORKSPACE", workspace.toString());
        pb.environment().put("RUNNER_TEMP", workspace.resolve("runner-temp").toString());
        pb.environment().put("GITHUB_OUTPUT", workspace.resolve("github-output").toString());
        pb.environment().put("GITHUB_STEP_SUMMARY", workspace.resolve("step-summary.md").toString());
        Process p = pb.start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String log = Files.readString(workspace.resolve("step.log"));
        assertThat(done).as("the step finished: %s", log).isTrue();
        assertThat(p.exitValue()).as("the step's exit code: %s", log).isZero();
        return workspace;
    }

    /** The reporter's input: {@code GRADE_RESULTS} as the workflow sets it from the step's output, decoded. */
    private static JsonNode reporterInput(Path workspace) throws IOException {
        List<String> lines = Files.readAllLines(workspace.resolve("github-output"));
        String value = lines.stream().filter(l -> l.startsWith("result=")).reduce((a, b) -> b).orElseThrow()
                .substring("result=".length());
        return new ObjectMapper().readTree(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
    }

    @Nested
    @DisplayName("its grading step, run locally")
    class GradingStep {

        @Test
        @DisplayName("gives full points to the solutions, and puts report.md in the job summary")
        void solved() throws Exception {
            Path w = runGradeStep(Map.of(ADDER, ADDER_SOLUTION, SHOUTER, SHOUTER_SOLUTION, ECHO, ECHO_SOLUTION,
                    REPEAT, REPEAT_SOLUTION));
            JsonNode r = reporterInput(w);
            assertThat(r.get("max_score").asDouble()).isEqualTo(40.0);
            assertThat(ClassroomResults.reporterTotal(r)).isEqualTo(40.0);
            assertThat(r.get("status").asText()).isEqualTo("pass");
            assertThat(r.get("tests")).extracting(t -> t.get("name").asText() + "=" + t.get("score").asDouble())
                    .containsExactly("1.1 Adding=10.0", "1.2 Shouting=20.0", "1.3 Echoing=10.0");
            assertThat(Files.readString(w.resolve("step-summary.md"))).startsWith("# Grade report: submission")
                    .contains("**Score: 40 / 40**");
            assertThat(w.resolve("runner-temp/grades/" + ClassroomGradeCommand.RESULTS_FILE)).isRegularFile();
        }

        @Test
        @DisplayName("grades with the course's tests, not a student's edited copy that always passes")
        void editedTest() throws Exception {
            Path w = runGradeStep(Map.of(ADDER, ADDER_SOLUTION, MODULE + "/src/test/java/k8snet/text/ShouterTest.java",
                    "package k8snet.text;\nclass ShouterTest {\n    @org.junit.jupiter.api.Test void passes() {}\n}\n"));
            JsonNode r = reporterInput(w);
            assertThat(ClassroomResults.reporterTotal(r)).as("1.1 solved, 1.2 still the stub").isEqualTo(10.0);
            assertThat(r.get("status").asText()).isEqualTo("fail");
            assertThat(Files.readString(w.resolve("step-summary.md")))
                    .contains(MODULE + "/src/test/java/k8snet/text/ShouterTest.java");
        }
    }

    @Test
    @DisplayName("classroom-grade reports a grading that failed as 0 of the course's points, with the reason")
    void failedGrading(@TempDir Path dir) throws IOException {
        Path output = dir.resolve("github-output");
        int code = course(kit, Map.of("GITHUB_OUTPUT", output.toString()), "classroom-grade", "--submission",
                dir.resolve("missing").toString(), "--out", dir.resolve("grades").toString());
        assertThat(code).isZero();
        String value = Files.readString(output).strip().substring("result=".length());
        JsonNode r = new ObjectMapper().readTree(Base64.getDecoder().decode(value));
        assertThat(r.get("status").asText()).isEqualTo("error");
        assertThat(r.get("max_score").asDouble()).isEqualTo(40.0);
        assertThat(ClassroomResults.reporterTotal(r)).isZero();
        assertThat(r.get("tests").get(0).get("message").asText()).contains("course grade stopped with exit code 2")
                .contains("--submission: not a folder");
    }
}
