package k8snet.grader.report;

import static k8snet.grader.Fixtures.DNS;
import static k8snet.grader.Fixtures.IPV4;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.TestStatus;

@DisplayName("The reports")
class ReportsTest {

    private final ObjectMapper json = new ObjectMapper();

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    @DisplayName("results.json for Gradescope")
    class Gradescope {

        @Test
        @DisplayName("has the harness's top-level fields and one entry per test with its exercise id as number")
        void shape(@TempDir Path dir) throws IOException {
            GradescopeResults.write(GradedSubmission.of("alice", Fixtures.halfWay()), dir);
            JsonNode root = json.readTree(dir.resolve("results.json").toFile());
            assertThat(fields(root)).containsExactlyInAnyOrder("score", "execution_time", "output", "tests");
            assertThat(root.get("score").isNumber()).isTrue();
            assertThat(root.get("score").asDouble()).isEqualTo(16.6667);
            assertThat(root.get("execution_time").isIntegralNumber()).isTrue();
            assertThat(root.get("output").asText()).contains("Score: 16.7 / 40", "1.2 Hostnames and DNS: in progress");
            JsonNode tests = root.get("tests");
            assertThat(tests).hasSize(6);
            for (JsonNode t : tests) {
                assertThat(fields(t)).containsExactlyInAnyOrder("name", "number", "score", "max_score", "status",
                        "output", "visibility");
                assertThat(t.get("visibility").asText()).isEqualTo("visible");
                assertThat(t.get("status").asText()).isIn("passed", "failed");
            }
            JsonNode first = tests.get(0);
            assertThat(first.get("number").asText()).isEqualTo("1.1");
            assertThat(first.get("score").asDouble()).isEqualTo(5.0);
            assertThat(first.get("max_score").asDouble()).isEqualTo(5.0);
            assertThat(first.get("status").asText()).isEqualTo("passed");
            JsonNode failing = tests.get(3);
            assertThat(failing.get("name").asText()).isEqualTo("HostnameTest > a trailing dot > is dropped");
            assertThat(failing.get("number").asText()).isEqualTo("1.2");
            assertThat(failing.get("score").asDouble()).isZero();
            assertThat(failing.get("max_score").asDouble()).isEqualTo(6.6667);
            assertThat(failing.get("status").asText()).isEqualTo("failed");
            assertThat(failing.get("output").asText()).contains("one trailing dot marks the root", "trace:");
            double sum = 0;
            for (JsonNode t : tests) {
                sum += t.get("score").asDouble();
            }
            assertThat(sum).isCloseTo(root.get("score").asDouble(), org.assertj.core.data.Offset.offset(0.001));
        }

        @Test
        @DisplayName("scores every test 0 with the compiler's messages when the code does not compile")
        void compileError() {
            List<String> javac = List.of("k8snet/ip/Ipv4Address.java:42: error: ';' expected");
            GradescopeResults.Results r = GradescopeResults.of(GradedSubmission.of("bob", Fixtures.report(
                    Fixtures.doesNotCompile(IPV4, javac,
                            Fixtures.withStatus(IPV4, "Ipv4AddressTest > parses", TestStatus.COMPILE_ERROR, ""),
                            Fixtures.withStatus(IPV4, "Ipv4AddressTest > rejects", TestStatus.COMPILE_ERROR,
                                    javac.get(0))),
                    Fixtures.doesNotCompile(DNS, javac))));
            assertThat(r.score()).isZero();
            assertThat(r.tests()).hasSize(3).allSatisfy(t -> {
                assertThat(t.score()).isZero();
                assertThat(t.status()).isEqualTo("failed");
                assertThat(t.output()).contains("Does not compile", "Ipv4Address.java:42: error: ';' expected");
            });
            assertThat(r.tests().get(0).maxScore()).isEqualTo(5.0);
            assertThat(r.tests().get(1).output()).as("the compiler's message once, not twice")
                    .containsOnlyOnce("';' expected");
            assertThat(r.tests().get(2).name()).isEqualTo("1.2 Hostnames and DNS");
            assertThat(r.tests().get(2).maxScore()).isEqualTo(20.0);
        }

        @Test
        @DisplayName("records the grader's error, with every exercise at 0, when the engine failed")
        void graderError() {
            GradescopeResults.Results r = GradescopeResults.of(GradedSubmission.failed("carol",
                    Fixtures.manifest().exercises(), "IllegalStateException: boom", 0.3));
            assertThat(r.score()).isZero();
            assertThat(r.output()).contains("The grader failed on this submission: IllegalStateException: boom");
            assertThat(r.tests()).hasSize(3).allSatisfy(t -> {
                assertThat(t.score()).isZero();
                assertThat(t.output()).contains("boom");
            });
        }
    }

    @Test
    @DisplayName("report.json keeps ids, statuses, scores, messages, timings and warnings")
    void kitReport(@TempDir Path dir) throws IOException {
        KitReport.write(GradedSubmission.of("alice", Fixtures.report(List.of("shadowed k8snet.trace.Hop ignored"),
                Fixtures.halfWay().exercises().toArray(k8snet.grader.engine.ExerciseResult[]::new))), dir);
        JsonNode root = json.readTree(dir.resolve("report.json").toFile());
        assertThat(root.get("submission").asText()).isEqualTo("alice");
        assertThat(root.get("maxScore").asDouble()).isEqualTo(40.0);
        assertThat(root.get("warnings").get(0).asText()).isEqualTo("shadowed k8snet.trace.Hop ignored");
        assertThat(root.get("error").isNull()).isTrue();
        JsonNode dns = root.get("exercises").get(1);
        assertThat(dns.get("id").asText()).isEqualTo("1.2");
        assertThat(dns.get("status").asText()).isEqualTo(ExerciseStatus.IN_PROGRESS.name());
        assertThat(dns.get("passed").asInt()).isEqualTo(1);
        assertThat(dns.get("total").asInt()).isEqualTo(3);
        JsonNode test = dns.get("tests").get(1);
        assertThat(fields(test)).contains("testClass", "name", "uniqueId", "status", "message", "seconds", "score",
                "maxScore");
        assertThat(test.get("testClass").asText()).isEqualTo("k8snet.dns.HostnameTest");
        assertThat(test.get("status").asText()).isEqualTo("FAILED");
        assertThat(test.get("seconds").asDouble()).isEqualTo(0.02);
    }

    @Test
    @DisplayName("report.md has a table of exercises, the failures with messages, and the warnings")
    void markdown() {
        String md = MarkdownReport.render(GradedSubmission.of("alice", Fixtures.report(List.of("a | warning"),
                Fixtures.halfWay().exercises().toArray(k8snet.grader.engine.ExerciseResult[]::new))));
        assertThat(md).contains("# Grade report: alice", "**Score: 16.7 / 40**",
                "| 1.1 IPv4 addresses | done | 10 / 10 | 2 / 2 |",
                "| 1.2 Hostnames and DNS | in progress | 6.67 / 20 | 1 / 3 |",
                "## Failures", "### 1.2 Hostnames and DNS", "- **HostnameTest > a trailing dot > is dropped** (failed)",
                "one trailing dot marks the root", "## Warnings", "- a | warning");
        assertThat(md).doesNotContain("### 1.1");
    }

    @Test
    @DisplayName("report.md lists at most ten failing tests of an exercise and counts the rest")
    void markdownCapsFailures() {
        k8snet.grader.engine.TestResult[] tests = java.util.stream.IntStream.range(0, 25)
                .mapToObj(i -> Fixtures.failed(DNS, "HostnameTest > case " + i, "expected case " + i))
                .toArray(k8snet.grader.engine.TestResult[]::new);
        String md = MarkdownReport.render(GradedSubmission.of("bob", Fixtures.report(
                Fixtures.result(DNS, ExerciseStatus.NOT_STARTED, tests))));
        assertThat(md).contains("HostnameTest > case 9**", "- ... and 15 more failing tests")
                .doesNotContain("HostnameTest > case 10**");
    }

    @Test
    @DisplayName("summary.csv has a column per exercise and quotes names with commas")
    void csv() {
        String csv = SummaryCsv.render(List.of("1.1", "1.2", "2.1"), List.of(
                GradedSubmission.of("doe, jane", Fixtures.halfWay()),
                GradedSubmission.failed("x\"y", Fixtures.manifest().exercises(), "boom", 0)));
        assertThat(csv.split("\r\n")).containsExactly(
                "submission,total,1.1,1.2,2.1",
                "\"doe, jane\",16.67,10,6.67,0",
                "\"x\"\"y\",0,0,0,0");
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
