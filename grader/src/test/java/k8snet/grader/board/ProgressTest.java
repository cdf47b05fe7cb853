package k8snet.grader.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Batch progress")
class ProgressTest {

    @Test
    @DisplayName("prints one plain line per submission when piped")
    void piped() {
        StringWriter text = new StringWriter();
        Progress p = new Progress(new PrintWriter(text), false, 2);
        p.starting(1, "alice");
        p.finished(1, "alice", "70/70");
        p.starting(2, "bob");
        p.finished(2, "bob", "0/70");
        assertThat(text.toString()).isEqualTo("[1/2] alice: 70/70" + System.lineSeparator()
                + "[2/2] bob: 0/70" + System.lineSeparator()).doesNotContain("\r");
    }

    @Test
    @DisplayName("redraws a bar in place on a terminal")
    void terminal() {
        StringWriter text = new StringWriter();
        Progress p = new Progress(new PrintWriter(text), true, 2);
        p.starting(1, "alice");
        p.finished(1, "alice", "70/70");
        assertThat(text.toString()).contains("\r[" + ".".repeat(30) + "] 1/2 grading alice",
                "\r[" + "#".repeat(15) + ".".repeat(15) + "] 1/2 alice: 70/70");
    }
}
