package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.Origin;
import k8snet.grader.engine.RunRequest;

@DisplayName("The course command")
class CourseCommandsTest {

    @TempDir
    Path kit;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<RunRequest> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Runs the command with a fake engine that answers every request through {@code answer}. */
    private int run(boolean terminal, Map<String, String> environment, Function<RunRequest, GradeReport> answer,
                    String... args) {
        CourseEnv env = new CourseEnv(kit, k -> Fixtures.manifest(), () -> request -> {
            requests.add(request);
            return answer.apply(request);
        }, new PrintWriter(out), new PrintWriter(err), terminal, environment);
        return Course.commandLine(env, args).execute(args);
    }

    /** Exit code, standard output and standard error of {@code args} on the whole tree or on the one for them. */
    private String outcome(boolean wholeTree, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CourseEnv env = new CourseEnv(kit, k -> Fixtures.manifest(), () -> request -> Fixtures.halfWay(),
                new PrintWriter(o), new PrintWriter(e), false, Map.of());
        int code = (wholeTree ? Course.commandLine(env) : Course.commandLine(env, args)).execute(args);
        return "exit " + code + "\n--- out\n" + o + "--- err\n" + e;
    }

    @Nested
    @DisplayName("built for its arguments")
    class BuiltForItsArguments {

        static List<List<String>> argumentLists() {
            List<List<String>> lists = new ArrayList<>();
            for (Class<?> sub : Course.SUBCOMMANDS) {
                String name = sub.getAnnotation(picocli.CommandLine.Command.class).name();
                lists.add(List.of(name, "--help"));
                lists.add(List.of(name, "--no-such-option"));
            }
            lists.add(List.of("check", "1.1", "1.2"));
            lists.add(List.of("check", "9.9"));
            lists.add(List.of("hint"));
            lists.add(List.of("hint", "1.1"));
            lists.add(List.of("list"));
            lists.add(List.of("chek"));
            lists.add(List.of("--help"));
            lists.add(List.of("--version"));
            lists.add(List.of("help", "check"));
            return lists;
        }

        @ParameterizedTest(name = "course {0}")
        @org.junit.jupiter.params.provider.MethodSource("argumentLists")
        @DisplayName("parses and prints what the whole tree does")
        void sameAsTheWholeTree(List<String> args) {
            String[] a = args.toArray(String[]::new);
            String whole = outcome(true, a);
            assertThat(whole).as("a case that says something").doesNotStartWith("exit 0\n--- out\n--- err\n");
            assertThat(outcome(false, a)).isEqualTo(whole);
        }

        @Test
        @DisplayName("lists every command and suggests one for a typo, as only the whole tree can")
        void wholeTreeWhereNeeded() {
            assertThat(outcome(false, "--help")).contains("check", "watch", "classroom-grade", "selfcheck");
            assertThat(outcome(false, "chek")).contains("Did you mean: course check");
            assertThat(Course.SUBCOMMANDS).hasSize(13).doesNotHaveDuplicates();
        }
    }

    private int run(String... args) {
        return run(false, Map.of(), r -> Fixtures.halfWay(), args);
    }

    /** A report with only the requested exercises, each done or not. */
    private static GradeReport only(RunRequest request, ExerciseStatus status) {
        return Fixtures.report(request.exerciseIds().stream()
                .map(id -> Fixtures.manifest().exercise(id).orElseThrow())
                .map(e -> status == ExerciseStatus.DONE
                        ? Fixtures.result(e, status, Fixtures.passed(e, "a"))
                        : Fixtures.result(e, status, Fixtures.failed(e, "a", "expected 10.0.1.0")))
                .toArray(k8snet.grader.engine.ExerciseResult[]::new));
    }

    @Nested
    @DisplayName("check")
    class Check {

        @Test
        @DisplayName("runs every exercise on the student's own files and exits 1 while some are unfinished")
        void all() {
            assertThat(run("check")).isEqualTo(1);
            assertThat(requests).hasSize(1);
            RunRequest r = requests.get(0);
            assertThat(r.exerciseIds()).containsExactly("1.1", "1.2", "2.1");
            assertThat(r.origins()).containsOnlyKeys("1.1", "1.2", "2.1").containsValues(Origin.SUBMISSION)
                    .doesNotContainValue(Origin.SOLUTION).doesNotContainValue(Origin.STUB);
            assertThat(r.kitRoot()).isEqualTo(kit);
            assertThat(r.submission()).isEqualTo(kit);
            assertThat(r.workDir()).isEqualTo(kit.resolve(".course/work"));
            assertThat(r.hiddenTests()).isEmpty();
            assertThat(out.toString()).contains("Next: 1.2 Hostnames and DNS");
        }

        @Test
        @DisplayName("is what the command does without arguments")
        void defaultCommand() {
            assertThat(run()).isEqualTo(1);
            assertThat(requests).hasSize(1);
            assertThat(out.toString()).contains("Next: 1.2");
        }

        @Test
        @DisplayName("runs one exercise when given its id, and exits 0 when it is done")
        void one() {
            assertThat(run(false, Map.of(), r -> only(r, ExerciseStatus.DONE), "check", "1.2")).isEqualTo(0);
            assertThat(requests.get(0).exerciseIds()).containsExactly("1.2");
            assertThat(out.toString()).contains("Done: 1.2");
        }

        @Test
        @DisplayName("names the valid ids when the id is unknown, and runs nothing")
        void unknown() {
            assertThat(run("check", "9.9")).isEqualTo(2);
            assertThat(err.toString()).contains("no exercise '9.9'", "Valid ids: 1.1, 1.2, 2.1");
            assertThat(requests).isEmpty();
        }

        @Test
        @DisplayName("shows one updating progress line on a terminal, rubbed out before the board")
        void progressOnTerminal() {
            k8snet.grader.engine.Engine engine = new k8snet.grader.engine.Engine() {
                @Override
                public GradeReport run(RunRequest request) {
                    return Fixtures.halfWay();
                }

                @Override
                public GradeReport run(RunRequest request, k8snet.grader.engine.TestProgress progress) {
                    progress.update("1.2", 37, 80);
                    progress.update("1.2", 80, 80);
                    return run(request);
                }
            };
            for (boolean terminal : new boolean[] {true, false}) {
                StringWriter text = new StringWriter();
                CourseEnv env = new CourseEnv(kit, k -> Fixtures.manifest(), () -> engine, new PrintWriter(text),
                        new PrintWriter(err), terminal, Map.of("NO_COLOR", "1"));
                Course.commandLine(env).execute("check");
                if (terminal) {
                    assertThat(text.toString()).startsWith("\r1.2: 37/80 tests\r1.2: 80/80 tests\r"
                            + " ".repeat("1.2: 80/80 tests".length()) + "\r").contains("Next: 1.2");
                } else {
                    assertThat(text.toString()).doesNotContain("\r", "37/80");
                }
            }
        }

        @Test
        @DisplayName("uses colour on a terminal")
        void colourOnTerminal() {
            run(true, Map.of(), r -> Fixtures.halfWay(), "check");
            assertThat(out.toString()).contains("\u001B[");
        }

        @ParameterizedTest(name = "plain text when {0}")
        @ValueSource(strings = {"piped", "NO_COLOR", "--no-color", "TERM=dumb"})
        @DisplayName("is plain text")
        void plain(String why) {
            boolean terminal = !why.equals("piped");
            Map<String, String> env = switch (why) {
                case "NO_COLOR" -> Map.of("NO_COLOR", "1");
                case "TERM=dumb" -> Map.of("TERM", "dumb");
                default -> Map.of();
            };
            String[] args = why.equals("--no-color") ? new String[] {"check", "--no-color"} : new String[] {"check"};
            run(terminal, env, r -> Fixtures.halfWay(), args);
            assertThat(out.toString()).contains("in progress").doesNotContain("\u001B");
        }

        @Test
        @DisplayName("keeps colour when NO_COLOR is set but empty, as no-color.org says")
        void emptyNoColor() {
            run(true, Map.of("NO_COLOR", ""), r -> Fixtures.halfWay(), "check");
            assertThat(out.toString()).contains("\u001B[");
        }
    }

    @Nested
    @DisplayName("hint")
    class Hint {

        @Test
        @DisplayName("gives level 1 by default, says how many there are and how to get the next")
        void first() {
            assertThat(run("hint", "1.1")).isZero();
            assertThat(out.toString()).contains("Hint 1 of 3 for 1.1 IPv4 addresses", "Split on dots.",
                    "./course hint 1.1 --level 2").doesNotContain("Reject leading zeros.");
        }

        @Test
        @DisplayName("gives the last level and says it was the last")
        void last() {
            assertThat(run("hint", "1.1", "--level", "3")).isZero();
            assertThat(out.toString()).contains("Hint 3 of 3", "Use Integer.toUnsignedLong.", "That was the last hint")
                    .doesNotContain("--level 4");
        }

        @ParameterizedTest(name = "level {0}")
        @ValueSource(strings = {"0", "4"})
        @DisplayName("refuses a level that does not exist")
        void badLevel(String level) {
            assertThat(run("hint", "1.1", "--level", level)).isEqualTo(2);
            assertThat(err.toString()).contains("exercise 1.1 has 3 hints: use --level 1 to 3, not " + level);
        }

        @Test
        @DisplayName("lists the valid ids for an unknown exercise")
        void unknown() {
            assertThat(run("hint", "3.7")).isEqualTo(2);
            assertThat(err.toString()).contains("no exercise '3.7'. Valid ids: 1.1, 1.2, 2.1");
        }
    }

    @Test
    @DisplayName("list shows the exercises in order with module, points and lesson, each with its files by kit path")
    void list() {
        assertThat(run("list")).isZero();
        List<String> all = out.toString().lines().toList();
        assertThat(all.get(0)).contains("ID", "EXERCISE", "MODULE", "POINTS", "LESSON");
        List<String> lines = all.stream().filter(l -> !l.isBlank() && !l.trim().startsWith("edit ")).toList();
        assertThat(lines.get(1)).contains("1.1", "IPv4 addresses", "module-01-basics", "10",
                "module-01-basics/README.md#exercise-11-ipv4-addresses");
        assertThat(lines.get(2)).contains("1.2", "20");
        assertThat(lines.get(3)).contains("2.1", "module-02-pods");
        assertThat(all.get(2).trim()).as("the first exercise's first file, by its path from the kit's root")
                .startsWith("edit module-01-basics/src/main/java/").endsWith(".java");
        assertThat(out.toString()).contains("3 exercises, 40 points");
    }

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"check", "hint", "list", "grade", "export-student", "gradescope", "gradescope-run",
            "classroom", "classroom-grade", "selfcheck"})
    @DisplayName("every command has --help")
    void help(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: course " + command);
    }

    @Test
    @DisplayName("says plainly when the grader itself failed, with the details for a bug report")
    void internalError() {
        int code = run(false, Map.of(), r -> {
            throw new IllegalStateException("runner jar missing");
        }, "check");
        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).startsWith("course: the course command itself failed "
                + "(java.lang.IllegalStateException: runner jar missing). This is not your code's fault")
                .contains("at k8snet.grader.cli.");
    }

    @Test
    @DisplayName("--version names the command")
    void version() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("course ");
    }

    @Nested
    @DisplayName("grade")
    class Grade {

        private final ObjectMapper json = new ObjectMapper();

        private Path submission(Path parent, String name) throws IOException {
            Path s = parent.resolve(name);
            Files.createDirectories(s.resolve("module-01-basics/src/main/java"));
            return s;
        }

        @Test
        @DisplayName("writes the three reports for one submission and nothing inside it")
        void one(@TempDir Path tmp) throws IOException {
            Path alice = submission(tmp, "alice");
            Path outDir = tmp.resolve("grades");
            assertThat(run("grade", "--submission", alice.toString(), "--out", outDir.toString())).isZero();
            assertThat(outDir.resolve("results.json")).isRegularFile();
            assertThat(outDir.resolve("report.json")).isRegularFile();
            assertThat(outDir.resolve("report.md")).isRegularFile();
            assertThat(json.readTree(outDir.resolve("results.json").toFile()).get("score").asDouble())
                    .isEqualTo(16.67);
            RunRequest r = requests.get(0);
            assertThat(r.submission()).isEqualTo(alice);
            assertThat(r.kitRoot()).isEqualTo(kit);
            assertThat(r.origins().values()).containsOnly(Origin.SUBMISSION);
            assertThat(r.workDir().startsWith(alice)).as("work dir %s inside the submission", r.workDir()).isFalse();
            try (var files = Files.walk(alice)) {
                assertThat(files.filter(Files::isRegularFile)).isEmpty();
            }
        }

        @Test
        @DisplayName("refuses to write reports inside the submission")
        void outInside(@TempDir Path tmp) throws IOException {
            Path alice = submission(tmp, "alice");
            assertThat(run("grade", "--submission", alice.toString(), "--out", alice.resolve("out").toString()))
                    .isEqualTo(2);
            assertThat(err.toString()).contains("never writes inside submissions");
            assertThat(requests).isEmpty();
        }

        @Test
        @DisplayName("grades the reference solutions with --reference, and exits 0 when they earn every point")
        void reference(@TempDir Path tmp) {
            assertThat(run(false, Map.of(), r -> only(r, ExerciseStatus.DONE), "grade", "--reference", "--out",
                    tmp.resolve("ref").toString())).isZero();
            assertThat(requests.get(0).origins().values()).containsOnly(Origin.SOLUTION);
            assertThat(requests.get(0).submission()).isEqualTo(kit);
            assertThat(out.toString()).doesNotContain("FAILS ON THE REFERENCE");
        }

        @Test
        @DisplayName("with --reference, exits 1 and names every test, hidden ones first, that fails on the reference")
        void referenceWithFailingHiddenTests(@TempDir Path tmp) throws IOException {
            Path hidden = Files.createDirectories(tmp.resolve("hidden"));
            Files.writeString(hidden.resolve("hidden-tests.yaml"),
                    "k8snet.dns.SecretTest: {exercise: \"1.2\", points: 4}\n");
            String secret = "k8snet.dns.SecretTest";
            int code = run(false, Map.of(), r -> Fixtures.report(
                    Fixtures.result(Fixtures.IPV4, ExerciseStatus.DONE, Fixtures.passed(Fixtures.IPV4, "parses")),
                    Fixtures.withHidden(Fixtures.DNS, ExerciseStatus.IN_PROGRESS, java.util.Set.of(secret),
                            List.of(Fixtures.entry(Fixtures.DNS, secret, 400)),
                            Fixtures.passed(Fixtures.DNS, "drops the dot"),
                            Fixtures.hidden(Fixtures.DNS, secret, "rejectsUnderscore", false, "expected an error"),
                            Fixtures.hidden(Fixtures.DNS, secret, "acceptsDigits", false, "expected 3 labels")),
                    Fixtures.result(Fixtures.IPAM, ExerciseStatus.DONE, Fixtures.passed(Fixtures.IPAM, "parses"))),
                    "grade", "--reference", "--out", tmp.resolve("ref").toString(), "--hidden-tests",
                    hidden.toString());
            assertThat(code).isEqualTo(1);
            assertThat(out.toString()).contains(
                    "FAILS ON THE REFERENCE: hidden test 1.2 k8snet.dns.SecretTest: rejectsUnderscore (failed: "
                            + "expected an error)",
                    "FAILS ON THE REFERENCE: hidden test 1.2 k8snet.dns.SecretTest: acceptsDigits",
                    "2 hidden and 0 graded test(s) fail on them");
        }

        @Test
        @DisplayName("passes hidden tests on")
        void hidden(@TempDir Path tmp) throws IOException {
            Path alice = submission(tmp, "alice");
            Path hidden = Files.createDirectories(tmp.resolve("hidden"));
            run("grade", "--submission", alice.toString(), "--out", tmp.resolve("o").toString(),
                    "--hidden-tests", hidden.toString());
            assertThat(requests.get(0).hiddenTests()).contains(hidden);
        }

        @Test
        @DisplayName("refuses a hidden-tests.yaml it cannot use before grading anything")
        void badHiddenTestsFile(@TempDir Path tmp) throws IOException {
            Path alice = submission(tmp, "alice");
            Path hidden = Files.createDirectories(tmp.resolve("hidden"));
            Files.writeString(hidden.resolve("hidden-tests.yaml"), "k8snet.dns.SecretTest: {exercise: \"1.2\"}\n");
            assertThat(run("grade", "--submission", alice.toString(), "--out", tmp.resolve("o").toString(),
                    "--hidden-tests", hidden.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("--hidden-tests:", "k8snet.dns.SecretTest needs its points");
            assertThat(requests).isEmpty();
        }

        @Test
        @DisplayName("writes one results.json row per exercise, or per test with --per-test, with the hidden "
                + "tests' visibility from hidden-tests.yaml")
        void rows(@TempDir Path tmp) throws IOException {
            Path alice = submission(tmp, "alice");
            Path hidden = Files.createDirectories(tmp.resolve("hidden"));
            Files.writeString(hidden.resolve("hidden-tests.yaml"), "visibility: after_due_date\n");
            run("grade", "--submission", alice.toString(), "--out", tmp.resolve("exercise").toString());
            run("grade", "--submission", alice.toString(), "--out", tmp.resolve("test").toString(), "--per-test",
                    "--hidden-tests", hidden.toString());
            assertThat(json.readTree(tmp.resolve("exercise/results.json").toFile()).get("tests")).hasSize(3);
            assertThat(json.readTree(tmp.resolve("test/results.json").toFile()).get("tests")).hasSize(6);
        }

        @Test
        @DisplayName("isolated, grades each exercise alone, with the reference solutions for every other exercise, "
                + "and every report says so")
        void isolated(@TempDir Path tmp) throws IOException {
            Path alice = submission(tmp, "alice");
            Path outDir = tmp.resolve("grades");
            assertThat(run(false, Map.of(), r -> only(r, ExerciseStatus.DONE), "grade", "--submission",
                    alice.toString(), "--out", outDir.toString(), "--isolated")).isZero();
            assertThat(requests).extracting(RunRequest::exerciseIds)
                    .containsExactly(List.of("1.1"), List.of("1.2"), List.of("2.1"));
            assertThat(requests.get(0).origins()).containsExactlyInAnyOrderEntriesOf(Map.of("1.1", Origin.SUBMISSION,
                    "1.2", Origin.SOLUTION, "2.1", Origin.SOLUTION));
            assertThat(requests.get(1).origins()).containsExactlyInAnyOrderEntriesOf(Map.of("1.1", Origin.SOLUTION,
                    "1.2", Origin.SUBMISSION, "2.1", Origin.SOLUTION));
            assertThat(requests.get(2).origins()).containsExactlyInAnyOrderEntriesOf(Map.of("1.1", Origin.SOLUTION,
                    "1.2", Origin.SOLUTION, "2.1", Origin.SUBMISSION));
            JsonNode report = json.readTree(outDir.resolve("report.json").toFile());
            assertThat(report.get("score").asDouble()).isEqualTo(40.0);
            assertThat(report.get("isolation").asText()).isEqualTo("isolated");
            assertThat(report.get("exercises")).extracting(n -> n.get("id").asText())
                    .containsExactly("1.1", "1.2", "2.1");
            assertThat(Files.readString(outDir.resolve("report.md"))).contains("Graded isolated: each exercise was "
                    + "graded alone, with the reference solutions standing in for every other exercise.");
            assertThat(json.readTree(outDir.resolve("results.json").toFile()).get("output").asText())
                    .contains("Graded isolated");
        }

        @Test
        @DisplayName("says in every report when the exercises were graded together")
        void together(@TempDir Path tmp) throws IOException {
            Path alice = submission(tmp, "alice");
            Path outDir = tmp.resolve("grades");
            assertThat(run("grade", "--submission", alice.toString(), "--out", outDir.toString())).isZero();
            assertThat(json.readTree(outDir.resolve("report.json").toFile()).get("isolation").asText())
                    .isEqualTo("none");
            assertThat(Files.readString(outDir.resolve("report.md"))).contains("Graded together:");
        }

        @Test
        @DisplayName("in a batch, writes a folder per submission and a class summary, and survives a broken one")
        void batch(@TempDir Path tmp) throws IOException {
            Path folder = tmp.resolve("class");
            submission(folder, "alice");
            submission(folder, "bob");
            submission(folder, "carol");
            Path outDir = tmp.resolve("grades");
            int code = run(false, Map.of(), r -> {
                if (r.submission().endsWith("bob")) {
                    throw new IllegalStateException("javac crashed");
                }
                return Fixtures.halfWay();
            }, "grade", "--submissions", folder.toString(), "--out", outDir.toString());
            assertThat(code).isEqualTo(1);
            assertThat(requests).hasSize(3);
            for (String name : List.of("alice", "bob", "carol")) {
                assertThat(outDir.resolve(name).resolve("results.json")).isRegularFile();
                assertThat(outDir.resolve(name).resolve("report.md")).isRegularFile();
            }
            assertThat(Files.readAllLines(outDir.resolve("summary.csv"))).containsExactly(
                    "submission,total,1.1,1.2,2.1,tampered_files,timed_out,crashed,does_not_compile,isolation,sandbox",
                    "alice,16.67,10,6.67,0,,0,0,,none,none",
                    "bob,0,0,0,0,,0,0,,none,none",
                    "carol,16.67,10,6.67,0,,0,0,,none,none");
            JsonNode bob = json.readTree(outDir.resolve("bob/results.json").toFile());
            assertThat(bob.get("score").asDouble()).isZero();
            assertThat(bob.get("output").asText()).contains("IllegalStateException: javac crashed");
            assertThat(out.toString()).contains("[1/3] alice: 16.6/40", "[2/3] bob: 0/40 (grader error",
                    "Graded 3 submissions", "1 could not be graded").doesNotContain("\r");
            for (RunRequest r : requests) {
                assertThat(r.workDir().startsWith(folder)).as("work dir %s inside the submissions", r.workDir()).isFalse();
                assertThat(r.workDir()).as("scratch space is deleted after grading").doesNotExist();
            }
            assertThat(requests).extracting(RunRequest::workDir).as("every submission has a work folder of its own")
                    .doesNotHaveDuplicates();
        }

        @Test
        @DisplayName("with --jobs 2, grades two at a time and keeps the summary and the console lines in name order")
        void parallel(@TempDir Path tmp) throws IOException {
            Path folder = tmp.resolve("class");
            for (String name : List.of("dave", "alice", "carol", "bob")) {
                submission(folder, name);
            }
            Path outDir = tmp.resolve("grades");
            assertThat(run(false, Map.of(), r -> r.submission().endsWith("carol") ? Fixtures.report()
                    : Fixtures.halfWay(), "grade", "--submissions", folder.toString(), "--out", outDir.toString(),
                    "--jobs", "2")).isZero();
            assertThat(requests).hasSize(4);
            assertThat(Files.readAllLines(outDir.resolve("summary.csv"))).extracting(l -> l.split(",")[0])
                    .containsExactly("submission", "alice", "bob", "carol", "dave");
            assertThat(out.toString().lines().filter(l -> l.startsWith("[")).map(l -> l.substring(0, l.indexOf(':'))))
                    .containsExactly("[1/4] alice", "[2/4] bob", "[3/4] carol", "[4/4] dave");
        }

        @Test
        @DisplayName("needs exactly one of --submission, --submissions and --reference")
        void exclusive(@TempDir Path tmp) {
            assertThat(run("grade", "--out", tmp.toString())).isEqualTo(2);
            assertThat(run("grade", "--reference", "--submission", tmp.toString(), "--out", tmp.toString()))
                    .isEqualTo(2);
            assertThat(requests).isEmpty();
        }
    }
}
