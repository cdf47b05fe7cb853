package k8snet.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Outsider attacks (issue 10) on the reports: text a submission controls (a failure message, a folder name)
 * that tries to break out of report.md's code blocks, to rewrite the instructor's terminal, or to run as a
 * spreadsheet formula from summary.csv. docs/OUTSIDER-ATTACKS.md lists them with their outcomes.
 */
@DisplayName("Attacks by an outsider, on the reports")
class OutsiderReportAttackTest {

    private static final String ESCAPES = "\u001b]0;pwned\u0007\u001b[2J\u001b[H\u001b[32mALL TESTS PASSED: 345/345\u001b[0m";

    @Test
    @DisplayName("outsider attack 9: a message full of fences, HTML and a fake score stays inside its code block")
    void fencesAndHtml() {
        List<String> lines = List.of("java.lang.IllegalArgumentException: ````", "</details></pre></code>",
                "# Score: 345/345", "<script>alert(1)</script>", "~~~~~~~~", "`````````x");
        StringBuilder md = new StringBuilder();
        MarkdownText.block(md, lines);

        String fence = "`".repeat(10);
        assertThat(md.toString()).isEqualTo(fence + "text\n" + String.join("\n", lines) + "\n" + fence + "\n\n");
        assertThat(md.toString().lines().filter(l -> l.matches("\\s{0,3}`{10,}\\s*(text)?")))
                .as("only the block's own fences can close it (CommonMark: backticks, at least as many)").containsExactly(fence + "text", fence);
    }

    @Test
    @DisplayName("outsider finding 4: control characters of a message never reach report.md raw")
    void controlCharacters() {
        StringBuilder md = new StringBuilder();
        MarkdownText.block(md, List.of("java.lang.IllegalArgumentException: " + ESCAPES));

        assertThat(md.toString()).contains("ALL TESTS PASSED").doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(1,1)", "\t=1+1",
            "=cmd|' /C calc'!A0"})
    @DisplayName("outsider finding 5: a submission's name cannot become a spreadsheet formula in summary.csv")
    void formulaInjection(String name) {
        String field = SummaryCsv.field(name);
        String unquoted = field.startsWith("\"") ? field.substring(1) : field;

        assertThat(unquoted).as("the field as a spreadsheet reads it").doesNotStartWith("=").doesNotStartWith("+")
                .doesNotStartWith("-").doesNotStartWith("@").doesNotStartWith("\t");
        assertThat(unquoted).contains(name.strip().replace("\"", "\"\""));
    }

    @Test
    @DisplayName("outsider finding 5 (control): an ordinary name and a total are written as they are")
    void ordinaryFields() {
        assertThat(SummaryCsv.field("alice")).isEqualTo("alice");
        assertThat(SummaryCsv.field("69.12")).isEqualTo("69.12");
        assertThat(SummaryCsv.field("a,b")).isEqualTo("\"a,b\"");
    }
}
