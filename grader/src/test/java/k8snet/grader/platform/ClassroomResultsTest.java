package k8snet.grader.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

@DisplayName("The points GitHub Classroom's reporter reads")
class ClassroomResultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode gradescope(String rows) throws Exception {
        return JSON.readTree("{\"score\": 0, \"output\": \"\", \"tests\": [" + rows + "]}");
    }

    private static String row(String name, String score, String max, String status) {
        return "{\"name\": \"" + name + "\", \"score\": " + score + ", \"max_score\": " + max + ", \"status\": \""
                + status + "\", \"output\": \"**" + status + "**\"}";
    }

    @Test
    @DisplayName("has one test per Gradescope row, with its score, status and output, and the total as max_score")
    void rows() throws Exception {
        ObjectNode r = ClassroomResults.fromGradescope(gradescope(row("1.1 IPv4", "10", "10", "passed") + ","
                + row("1.2 DNS", "6.67", "20", "failed")));
        assertThat(r.get("version").asInt()).isEqualTo(1);
        assertThat(r.get("status").asText()).isEqualTo("fail");
        assertThat(r.get("max_score").asDouble()).isEqualTo(30.0);
        JsonNode tests = r.get("tests");
        assertThat(tests).hasSize(2);
        assertThat(tests.get(0).get("name").asText()).isEqualTo("1.1 IPv4");
        assertThat(tests.get(0).get("status").asText()).isEqualTo("pass");
        assertThat(tests.get(0).get("score").asDouble()).isEqualTo(10.0);
        assertThat(tests.get(1).get("status").asText()).isEqualTo("fail");
        assertThat(tests.get(1).get("score").asDouble()).isEqualTo(6.67);
        assertThat(tests.get(1).get("message").asText()).isEqualTo("**failed**");
        assertThat(ClassroomResults.reporterTotal(r)).isEqualTo(16.67);
    }

    @Test
    @DisplayName("passes when every row passed")
    void allPassed() throws Exception {
        ObjectNode r = ClassroomResults.fromGradescope(gradescope(row("a", "3", "3", "passed")));
        assertThat(r.get("status").asText()).isEqualTo("pass");
    }

    @ParameterizedTest(name = "[{index}] {0} add up to {1}")
    @CsvSource(delimiter = ';', value = {
        "0.1, 0.2; 0.3",                      // 0.1 + 0.2 is 0.30000000000000004 in binary floating point
        "3.34, 3.33, 3.33; 10",
        "0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07; 0.7",
        "19.99, 9.99, 0.01, 0, 0; 29.99",
        "0, 0; 0"})
    @DisplayName("are moved, if at all, by a few units in the last place so that the reporter's sum is the total")
    void exactSum(String scores, String total) {
        List<BigDecimal> exact = List.of(scores.split(",\\s*")).stream().map(BigDecimal::new).toList();
        double[] sent = ClassroomResults.exactSum(exact);
        double sum = 0;
        for (double s : sent) {
            sum += s;
        }
        assertThat(sum).isEqualTo(new BigDecimal(total).doubleValue());
        for (int i = 0; i < sent.length; i++) {
            assertThat(Math.abs(sent[i] - exact.get(i).doubleValue()))
                    .isLessThanOrEqualTo(ClassroomResults.MAX_ULPS * Math.ulp(exact.get(i).doubleValue()));
        }
    }

    @Test
    @DisplayName("0.1 + 0.2 needs the move, and the move is on the last non-zero score")
    void moved() {
        double naive = 0.1 + 0.2;
        assertThat(naive).isNotEqualTo(0.3);
        double[] sent = ClassroomResults.exactSum(List.of(new BigDecimal("0.1"), new BigDecimal("0.2"), BigDecimal.ZERO));
        assertThat(sent[0]).isEqualTo(0.1);
        assertThat(sent[1]).isNotEqualTo(0.2).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(sent[2]).isZero();
    }

    @Test
    @DisplayName("when nothing was graded: one errored test scored 0 with the reason, of the course's points")
    void failed() {
        ObjectNode r = ClassroomResults.failed("course grade stopped with exit code 2", new BigDecimal("70"));
        assertThat(r.get("status").asText()).isEqualTo("error");
        assertThat(r.get("max_score").asDouble()).isEqualTo(70.0);
        assertThat(r.get("tests")).hasSize(1);
        assertThat(r.get("tests").get(0).get("score").asDouble()).isZero();
        assertThat(r.get("tests").get(0).get("message").asText()).isEqualTo("course grade stopped with exit code 2");
        assertThat(ClassroomResults.reporterTotal(r)).isZero();
    }

    @Test
    @DisplayName("is sent as the Base64 of its UTF-8 JSON, as the reporter decodes it")
    void base64() throws Exception {
        ObjectNode r = ClassroomResults.fromGradescope(gradescope(row("1.1 Adresses → IPv4", "1", "1", "passed")));
        String encoded = ClassroomResults.base64(r);
        assertThat(encoded).matches("[A-Za-z0-9+/]+=*");
        assertThat(JSON.readTree(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))).isEqualTo(r);
    }

    @Test
    @DisplayName("refuses results without rows or scores")
    void bad() throws Exception {
        assertThatIllegalArgumentException().isThrownBy(() -> ClassroomResults.fromGradescope(JSON.readTree("{}")))
                .withMessageContaining("need a \"tests\" array");
        assertThatIllegalArgumentException().isThrownBy(() -> ClassroomResults.fromGradescope(
                gradescope("{\"name\": \"x\"}"))).withMessageContaining("needs a score and a max_score");
    }
}
