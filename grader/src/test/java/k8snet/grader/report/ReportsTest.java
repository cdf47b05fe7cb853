package k8snet.grader.report;

import static k8snet.grader.Fixtures.DNS;
import static k8snet.grader.Fixtures.IPAM;
import static k8snet.grader.Fixtures.IPV4;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

@DisplayName("The reports")
class ReportsTest {

    private final ObjectMapper json = new ObjectMapper();

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static BigDecimal sum(List<GradescopeResults.Test> tests) {
        return tests.stream().map(GradescopeResults.Test::score).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal max(List<GradescopeResults.Test> tests) {
        return tests.stream().map(GradescopeResults.Test::maxScore).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Nested
    @DisplayName("results.json for Gradescope")
    class Gradescope {

        @Test
        @DisplayName("has the harness's top-level fields, Markdown output, and one row per exercise by default")
        void shape(@TempDir Path dir) throws IOException {
            GradescopeResults.write(GradedSubmission.of("alice", Fixtures.halfWay()), dir);
            JsonNode root = json.readTree(dir.resolve("results.json").toFile());
            assertThat(fields(root)).containsExactlyInAnyOrder("score", "execution_time", "output", "output_format",
                    "test_output_format", "tests");
            assertThat(root.get("output_format").asText()).isEqualTo("md");
            assertThat(root.get("score").isNumber()).isTrue();
            assertThat(root.get("score").decimalValue()).isEqualByComparingTo("16.67");
            assertThat(root.get("execution_time").isIntegralNumber()).isTrue();
            assertThat(root.get("output").asText()).contains("**Score: 16.67 / 40** (sandbox: none)",
                    "1.2 Hostnames and DNS: in progress, 6.67 / 20");
            JsonNode tests = root.get("tests");
            assertThat(tests).hasSize(3);
            for (JsonNode t : tests) {
                assertThat(fields(t)).containsExactlyInAnyOrder("name", "number", "score", "max_score", "status",
                        "output", "visibility");
                assertThat(t.get("visibility").asText()).isEqualTo("visible");
            }
            assertThat(tests).extracting(t -> t.get("name").asText())
                    .containsExactly("1.1 IPv4 addresses", "1.2 Hostnames and DNS", "2.1 Pod CIDRs");
            JsonNode dns = tests.get(1);
            assertThat(dns.get("number").asText()).isEqualTo("1.2");
            assertThat(dns.get("score").decimalValue()).isEqualByComparingTo("6.67");
            assertThat(dns.get("max_score").decimalValue()).isEqualByComparingTo("20");
            assertThat(dns.get("status").asText()).isEqualTo("failed");
            assertThat(dns.get("output").asText()).contains("**In progress**: 1 of 3 tests passed",
                    "- **HostnameTest > a trailing dot > is dropped** (failed)", "one trailing dot marks the root",
                    "- **HostnameTest > rejects long labels** (failed)", "a label has at most 63 octets");
            assertThat(tests.get(0).get("status").asText()).isEqualTo("passed");
            assertThat(tests.get(0).get("output").asText()).contains("**Done**: 2 of 2 tests passed");
        }

        @Test
        @DisplayName("with --per-test, has one row per test, and the rows add up to the total exactly")
        void perTest() {
            GradescopeResults.Results r = GradescopeResults.of(GradedSubmission.of("alice", Fixtures.halfWay()),
                    new ReportOptions(true, k8snet.grader.engine.Visibility.AFTER_PUBLISHED));
            assertThat(r.tests()).hasSize(6);
            assertThat(r.tests()).extracting(GradescopeResults.Test::maxScore).extracting(BigDecimal::toPlainString)
                    .containsExactly("5.00", "5.00", "6.67", "6.67", "6.66", "10.00");
            GradescopeResults.Test failing = r.tests().get(3);
            assertThat(failing.name()).isEqualTo("HostnameTest > a trailing dot > is dropped");
            assertThat(failing.score()).isEqualByComparingTo("0");
            assertThat(failing.output()).contains("one trailing dot marks the root", "trace:").startsWith("```text");
            assertThat(sum(r.tests())).isEqualTo(r.score()).isEqualByComparingTo("16.67");
            assertThat(max(r.tests())).isEqualByComparingTo("40");
        }

        @Test
        @DisplayName("sums exactly where rounded shares would not: 10 points over 3 tests, 20 over 111")
        void exactSums() {
            TestResult[] three = java.util.stream.IntStream.range(0, 3)
                    .mapToObj(i -> Fixtures.passed(IPV4, "t" + i)).toArray(TestResult[]::new);
            TestResult[] many = java.util.stream.IntStream.range(0, 111)
                    .mapToObj(i -> i % 3 == 0 ? Fixtures.failed(DNS, "t" + i, "no") : Fixtures.passed(DNS, "t" + i))
                    .toArray(TestResult[]::new);
            GradedSubmission graded = GradedSubmission.of("x", Fixtures.report(
                    Fixtures.result(IPV4, ExerciseStatus.DONE, three),
                    Fixtures.result(DNS, ExerciseStatus.IN_PROGRESS, many)));
            for (boolean perTest : new boolean[] {false, true}) {
                GradescopeResults.Results r = GradescopeResults.of(graded,
                        new ReportOptions(perTest, k8snet.grader.engine.Visibility.AFTER_PUBLISHED));
                assertThat(sum(r.tests())).as("per test: %s", perTest).isEqualTo(r.score());
                assertThat(max(r.tests())).isEqualByComparingTo("30");
            }
            assertThat(GradescopeResults.of(graded).tests().get(0).score()).isEqualByComparingTo("10");
        }

        @Test
        @DisplayName("scores an exercise 0 with the compiler's messages when the code does not compile")
        void compileError() {
            List<String> javac = List.of("k8snet/ip/Ipv4Address.java:42: error: ';' expected");
            GradedSubmission graded = GradedSubmission.of("bob", Fixtures.report(
                    Fixtures.doesNotCompile(IPV4, javac,
                            Fixtures.withStatus(IPV4, "Ipv4AddressTest > parses", TestStatus.COMPILE_ERROR, ""),
                            Fixtures.withStatus(IPV4, "Ipv4AddressTest > rejects", TestStatus.COMPILE_ERROR,
                                    javac.get(0))),
                    Fixtures.doesNotCompile(DNS, javac)));
            GradescopeResults.Results rows = GradescopeResults.of(graded);
            assertThat(rows.score()).isEqualByComparingTo("0");
            assertThat(rows.tests()).hasSize(2).allSatisfy(t -> {
                assertThat(t.score()).isEqualByComparingTo("0");
                assertThat(t.status()).isEqualTo("failed");
                assertThat(t.output()).contains("Does not compile", "Ipv4Address.java:42: error: ';' expected");
            });
            assertThat(rows.tests().get(0).output()).as("the compiler's message once, not twice")
                    .containsOnlyOnce("';' expected");
            assertThat(rows.tests().get(1).name()).isEqualTo("1.2 Hostnames and DNS");
            assertThat(rows.tests().get(1).maxScore()).isEqualByComparingTo("20");

            GradescopeResults.Results r = GradescopeResults.of(graded,
                    new ReportOptions(true, k8snet.grader.engine.Visibility.AFTER_PUBLISHED));
            assertThat(r.tests()).hasSize(3);
            assertThat(r.tests().get(0).maxScore()).isEqualByComparingTo("5");
            assertThat(r.tests().get(1).output()).containsOnlyOnce("';' expected");
        }

        @Test
        @DisplayName("records the grader's error, with every exercise at 0, when the engine failed")
        void graderError() {
            GradescopeResults.Results r = GradescopeResults.of(GradedSubmission.failed("carol",
                    Fixtures.manifest().exercises(), "IllegalStateException: boom", 0.3));
            assertThat(r.score()).isEqualByComparingTo("0");
            assertThat(r.output()).contains("The grader failed on this submission:", "IllegalStateException: boom");
            assertThat(r.tests()).hasSize(3).allSatisfy(t -> {
                assertThat(t.score()).isEqualByComparingTo("0");
                assertThat(t.output()).contains("boom");
            });
        }
    }

    @Nested
    @DisplayName("hidden tests")
    class Hidden {

        private static final String SECRET_CLASS = "k8snet.dns.HostnameSecretTest";

        /** 1.2 with its 3 graded tests and 2 hidden ones worth 4 points of their own; one hidden test fails. */
        private GradedSubmission graded() {
            ExerciseResult dns = Fixtures.withHidden(DNS, ExerciseStatus.IN_PROGRESS, Set.of(SECRET_CLASS),
                    List.of(Fixtures.entry(DNS, SECRET_CLASS, 400)),
                    Fixtures.passed(DNS, "HostnameTest > lower-cases names"),
                    Fixtures.passed(DNS, "HostnameTest > drops one trailing dot"),
                    Fixtures.passed(DNS, "HostnameTest > rejects long labels"),
                    Fixtures.hidden(DNS, SECRET_CLASS, "acceptsPunycode", true, ""),
                    Fixtures.hidden(DNS, SECRET_CLASS, "rejectsUnderscore", false,
                            "expected IllegalArgumentException for \"a_b.example\""));
            GradeReport report = Fixtures.report(List.of("module-01-basics: the test JVM died while running "
                            + "HostnameSecretTest > rejectsUnderscore", "ignored module-01-basics/src/test/java/x: "
                            + "only the kit's own tests are run"),
                    Fixtures.result(IPV4, ExerciseStatus.DONE, Fixtures.passed(IPV4, "parses")), dns);
            return GradedSubmission.of("alice", report);
        }

        @Test
        @DisplayName("are worth their own points, added to the exercise's")
        void ownPoints() {
            ExerciseResult dns = graded().report().exercises().get(1);
            assertThat(dns.maxScore()).isEqualTo(24.0);
            assertThat(dns.score()).isEqualTo(22.0);
            assertThat(dns.tests()).filteredOn(TestResult::hidden).extracting(TestResult::points)
                    .containsExactly(2.0, 2.0);
            assertThat(dns.tests()).filteredOn(t -> !t.hidden()).extracting(TestResult::points)
                    .containsExactly(6.67, 6.67, 6.66);
            assertThat(graded().report().score()).isEqualTo(32.0);
        }

        @Test
        @DisplayName("have rows of their own, after_published, and the rows still add up to the total")
        void rows() {
            GradescopeResults.Results r = GradescopeResults.of(graded());
            assertThat(r.tests()).extracting(GradescopeResults.Test::name).containsExactly("1.1 IPv4 addresses",
                    "1.2 Hostnames and DNS", "1.2 Hostnames and DNS: hidden tests");
            GradescopeResults.Test hiddenRow = r.tests().get(2);
            assertThat(hiddenRow.visibility()).isEqualTo("after_published");
            assertThat(hiddenRow.score()).isEqualByComparingTo("2");
            assertThat(hiddenRow.maxScore()).isEqualByComparingTo("4");
            assertThat(hiddenRow.output()).contains("rejectsUnderscore", "a_b.example");
            assertThat(r.tests().get(1).score()).isEqualByComparingTo("20");
            assertThat(r.tests().get(1).status()).as("every visible test passed").isEqualTo("passed");
            assertThat(sum(r.tests())).isEqualTo(r.score()).isEqualByComparingTo("32");

            GradescopeResults.Results perTest = GradescopeResults.of(graded(),
                    new ReportOptions(true, k8snet.grader.engine.Visibility.AFTER_DUE_DATE));
            assertThat(perTest.tests()).filteredOn(t -> t.visibility().equals("after_due_date"))
                    .extracting(GradescopeResults.Test::name).containsExactly("acceptsPunycode", "rejectsUnderscore");
            assertThat(sum(perTest.tests())).isEqualTo(perTest.score());
        }

        @Test
        @DisplayName("never show their names, messages or results in what students see before then")
        void secret() {
            GradescopeResults.Results r = GradescopeResults.of(graded());
            StringBuilder visible = new StringBuilder(r.output());
            r.tests().stream().filter(t -> t.visibility().equals("visible"))
                    .forEach(t -> visible.append(t.name()).append(t.output()));
            String md = MarkdownReport.render(graded());
            for (String seen : List.of(visible.toString(), md)) {
                assertThat(seen).doesNotContain("Secret", "rejectsUnderscore", "acceptsPunycode", "a_b.example",
                        "a\\_b");
            }
            assertThat(r.output()).contains("**Score on the visible tests: 30 / 30**",
                    "Hidden tests worth 4 points are graded too; their results are shown when grades are published",
                    "1.2 Hostnames and DNS: done, 20 / 20", "only the kit's own tests are run");
            assertThat(md).contains("**Score on the visible tests: 30 / 30**", "Hidden tests worth 4 points",
                    "| 1.2 Hostnames and DNS | done | 20 / 20 | 3 / 3 |").doesNotContain("## Failures");
        }

        @Test
        @DisplayName("are shown like the others when hidden-tests.yaml makes them visible")
        void visible() {
            ReportOptions shown = new ReportOptions(false, k8snet.grader.engine.Visibility.VISIBLE);
            GradescopeResults.Results r = GradescopeResults.of(graded(), shown);
            assertThat(r.tests()).hasSize(2).allSatisfy(t -> assertThat(t.visibility()).isEqualTo("visible"));
            assertThat(r.tests().get(1).maxScore()).isEqualByComparingTo("24");
            assertThat(r.tests().get(1).output()).contains("rejectsUnderscore");
            assertThat(MarkdownReport.render(graded(), shown)).contains("**Score: 32 / 34**", "rejectsUnderscore");
        }
    }

    @Test
    @DisplayName("report.json keeps ids, statuses, exact scores, messages, timings, hidden marks and warnings")
    void kitReport(@TempDir Path dir) throws IOException {
        KitReport.write(GradedSubmission.of("alice", Fixtures.report(List.of("shadowed k8snet.trace.Hop ignored"),
                Fixtures.halfWay().exercises().toArray(ExerciseResult[]::new))), dir);
        JsonNode root = json.readTree(dir.resolve("report.json").toFile());
        assertThat(root.get("submission").asText()).isEqualTo("alice");
        assertThat(root.get("score").decimalValue()).isEqualByComparingTo("16.67");
        assertThat(root.get("maxScore").asDouble()).isEqualTo(40.0);
        assertThat(root.get("warnings").get(0).asText()).isEqualTo("shadowed k8snet.trace.Hop ignored");
        assertThat(root.get("tamperedFiles")).isEmpty();
        assertThat(root.get("sandbox").asText()).isEqualTo("none");
        assertThat(root.get("error").isNull()).isTrue();
        JsonNode dns = root.get("exercises").get(1);
        assertThat(dns.get("id").asText()).isEqualTo("1.2");
        assertThat(dns.get("status").asText()).isEqualTo(ExerciseStatus.IN_PROGRESS.name());
        assertThat(dns.get("passed").asInt()).isEqualTo(1);
        assertThat(dns.get("total").asInt()).isEqualTo(3);
        assertThat(dns.get("maxScore").decimalValue()).isEqualByComparingTo("20");
        JsonNode test = dns.get("tests").get(1);
        assertThat(fields(test)).contains("testClass", "name", "uniqueId", "status", "hidden", "message", "exception",
                "seconds", "score", "maxScore");
        assertThat(test.get("testClass").asText()).isEqualTo("k8snet.dns.HostnameTest");
        assertThat(test.get("status").asText()).isEqualTo("FAILED");
        assertThat(test.get("exception").asText()).isEqualTo("org.opentest4j.AssertionFailedError");
        assertThat(test.get("hidden").asBoolean()).isFalse();
        assertThat(test.get("maxScore").decimalValue()).isEqualByComparingTo("6.67");
        assertThat(test.get("seconds").asDouble()).isEqualTo(0.02);
    }

    @Test
    @DisplayName("report.md has a table of exercises, the failures with messages, and the warnings")
    void markdown() {
        String md = MarkdownReport.render(GradedSubmission.of("alice", Fixtures.report(List.of("a | warning"),
                Fixtures.halfWay().exercises().toArray(ExerciseResult[]::new))));
        assertThat(md).contains("# Grade report: alice", "**Score: 16.67 / 40**",
                "| 1.1 IPv4 addresses | done | 10 / 10 | 2 / 2 |",
                "| 1.2 Hostnames and DNS | in progress | 6.67 / 20 | 1 / 3 |",
                "## Failures", "### 1.2 Hostnames and DNS", "- **HostnameTest > a trailing dot > is dropped** (failed)",
                "one trailing dot marks the root", "## Warnings", "- a | warning");
        assertThat(md).doesNotContain("### 1.1");
        assertThat(md).contains("**Score: 16.67 / 40** (1.5 s; sandbox: none)");
        GradeReport sandboxed = new GradeReport(Fixtures.halfWay().exercises(), 16.67, 40, List.of(), 2, List.of(),
                "bubblewrap");
        assertThat(MarkdownReport.render(GradedSubmission.of("bob", sandboxed))).contains("(2 s; sandbox: bubblewrap)");
    }

    @Test
    @DisplayName("report.md says 'not run' for an exercise whose test classes did not compile, not a count of classes")
    void markdownCompileErrorCountsNoClasses() {
        List<String> javac = List.of("module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java:3: error: ';' expected");
        TestResult wholeClass = new TestResult(IPV4.id(), "k8snet.ip.Ipv4AddressTest", "k8snet.ip.Ipv4AddressTest", "",
                TestStatus.COMPILE_ERROR, javac.get(0), "", 0);
        TestResult otherClass = new TestResult(IPV4.id(), "k8snet.ip.Ipv4AddressPropertiesTest",
                "k8snet.ip.Ipv4AddressPropertiesTest", "", TestStatus.COMPILE_ERROR, javac.get(0), "", 0);
        String md = MarkdownReport.render(GradedSubmission.of("dan", Fixtures.report(
                Fixtures.doesNotCompile(IPV4, javac, wholeClass, otherClass),
                Fixtures.result(DNS, ExerciseStatus.IN_PROGRESS, Fixtures.passed(DNS, "a"),
                        Fixtures.failed(DNS, "b", "expected 2")))));
        assertThat(md).as("two results that stand for whole classes are no '0 / 2' tests")
                .contains("| 1.1 IPv4 addresses | does not compile | 0 / 10 | not run |")
                .contains("| 1.2 Hostnames and DNS | in progress | 10 / 20 | 1 / 2 |");
    }

    @Test
    @DisplayName("report.md names every test that did not run, under its reason, after the failures")
    void markdownNamesNotRun() {
        String reason = "not run: test \"HostnameTest > loops\" of exercise 1.2 timed out after 10 s, so the rest "
                + "of 1.2 was skipped";
        TestResult[] tests = new TestResult[13];
        tests[0] = Fixtures.withStatus(DNS, "HostnameTest > loops", TestStatus.TIMED_OUT, "timed out: this test did "
                + "not finish within 10 s");
        for (int i = 1; i < tests.length; i++) {
            tests[i] = Fixtures.withStatus(DNS, "HostnameTest > case " + i, TestStatus.NOT_RUN, reason);
        }
        String md = MarkdownReport.render(GradedSubmission.of("bob", Fixtures.report(
                Fixtures.result(DNS, ExerciseStatus.IN_PROGRESS, tests))));
        assertThat(md).contains("- **HostnameTest > loops** (timed out)",
                "- **Not run** (12 tests): test \"HostnameTest > loops\" of exercise 1.2 timed out after 10 s, so the "
                        + "rest of 1.2 was skipped\n  - HostnameTest > case 1\n  - HostnameTest > case 2\n",
                "  - HostnameTest > case 12\n").doesNotContain("more failing tests");
    }

    @Test
    @DisplayName("Markdown fences are longer than any run of backticks or tildes in the text they hold")
    void fences() {
        String sneaky = "expected ```` and ~~~~~ here\n```\n# not a heading";
        String md = MarkdownReport.render(GradedSubmission.of("eve", Fixtures.report(
                Fixtures.result(DNS, ExerciseStatus.IN_PROGRESS, Fixtures.failed(DNS, "HostnameTest > x", sneaky)))));
        assertThat(md).contains("``````text\n  expected ```` and ~~~~~ here\n  ```\n  # not a heading\n``````\n");
        assertThat(MarkdownText.fence(List.of("plain"))).isEqualTo("```");
        assertThat(MarkdownText.fence(List.of("a `` b ~~~ c"))).isEqualTo("````");
        assertThat(MarkdownText.fence(List.of("`~`~"))).as("a run is one character repeated").isEqualTo("```");
    }

    @Test
    @DisplayName("report.md lists at most ten failing tests of an exercise and counts the rest")
    void markdownCapsFailures() {
        TestResult[] tests = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> Fixtures.failed(DNS, "HostnameTest > case " + i, "expected case " + i))
                .toArray(TestResult[]::new);
        String md = MarkdownReport.render(GradedSubmission.of("bob", Fixtures.report(
                Fixtures.result(DNS, ExerciseStatus.NOT_STARTED, tests))));
        assertThat(md).contains("HostnameTest > case 9**", "- ... and 15 more failing tests")
                .doesNotContain("HostnameTest > case 10**");
    }

    @Test
    @DisplayName("summary.csv has a column per exercise, then tampering, time-outs, crashes, compile errors and "
            + "isolation and the sandbox, and quotes names with commas")
    void csv() {
        GradeReport tampered = new GradeReport(List.of(
                Fixtures.result(IPV4, ExerciseStatus.IN_PROGRESS, Fixtures.passed(IPV4, "a"),
                        Fixtures.withStatus(IPV4, "b", TestStatus.TIMED_OUT, "timed out after 10 s"),
                        Fixtures.withStatus(IPV4, "c", TestStatus.TIMED_OUT, "timed out after 10 s"),
                        Fixtures.withStatus(IPV4, "d", TestStatus.CRASHED, "System.exit(1)")),
                Fixtures.doesNotCompile(DNS, List.of("Hostname.java:3: error")),
                Fixtures.doesNotCompile(IPAM, List.of("Cidr.java:9: error"))), 2.5, 40, List.of(), 1,
                List.of("module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java",
                        "module-01-basics/src/main/java/k8snet/net/Host.java"), "bubblewrap");
        String csv = SummaryCsv.render(List.of("1.1", "1.2", "2.1"), List.of(
                GradedSubmission.of("doe, jane", Fixtures.halfWay()),
                GradedSubmission.of("eve", tampered),
                GradedSubmission.failed("x\"y", Fixtures.manifest().exercises(), "boom", 0)), true);
        assertThat(csv.split("\r\n")).containsExactly(
                "submission,total,1.1,1.2,2.1,tampered_files,timed_out,crashed,does_not_compile,isolation,sandbox",
                "\"doe, jane\",16.67,10,6.67,0,,0,0,,isolated,none",
                "eve,2.5,2.5,0,0,module-01-basics/src/test/java/k8snet/ip/Ipv4AddressTest.java; "
                        + "module-01-basics/src/main/java/k8snet/net/Host.java,2,1,1.2 2.1,isolated,bubblewrap",
                "\"x\"\"y\",0,0,0,0,,0,0,,isolated,none");
        assertThat(SummaryCsv.render(List.of("1.1"), List.of(GradedSubmission.of("a", Fixtures.halfWay())), false))
                .endsWith(",none,none\r\n");
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({"10.0, 10", "6.666666, 6.67", "0.0, 0", "12.5, 12.5"})
    @DisplayName("scores in text have at most two decimals")
    void text(double value, String expected) {
        assertThat(Scores.text(value)).isEqualTo(expected);
    }

    @Test
    @DisplayName("writeAll puts the four files in one folder")
    void writeAll(@TempDir Path dir) {
        ReportWriter.writeAll(GradedSubmission.of("alice", Fixtures.halfWay()), dir.resolve("alice"));
        assertThat(dir.resolve("alice")).isDirectoryContaining(p -> p.getFileName().toString().equals("results.json"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("junit.xml"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("report.json"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("report.md"));
        assertThat(Files.isRegularFile(dir.resolve("alice/report.md"))).isTrue();
    }
}
