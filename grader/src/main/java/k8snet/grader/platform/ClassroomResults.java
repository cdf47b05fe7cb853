package k8snet.grader.platform;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The result of one grading in the form GitHub Classroom's autograding reporter
 * ({@code classroom-resources/autograding-grading-reporter}) reads from a grading step: a JSON object
 * {@code {"version": 1, "status": "pass"|"fail"|"error", "max_score": M, "tests": [{"name", "status", "score",
 * "message", ...}]}}, Base64-encoded in the environment variable {@code <STEP ID>_RESULTS}. The reporter prints
 * the tests, and sends GitHub Classroom {@code Points T/M}, where {@code T} is the sum of the tests' {@code score}
 * (every test must have one, or the sum is NaN) and {@code M} the sum of the steps' {@code max_score}.
 *
 * <p>The tests are the rows of the grader's Gradescope {@code results.json}: one per exercise (or per test with
 * {@code --per-test}), with its Markdown output as the message. The reporter adds the scores in JavaScript's
 * binary floating point, in which 3.34 + 3.33 + 3.33 need not be exactly 10; so when the sum of the exact scores,
 * added in that order, would not come out as the exact total, the last non-zero score is moved by the few units in
 * its last place (about 1e-15 of a point) that make it so. Classroom then records the grader's total exactly.
 */
public final class ClassroomResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How far a score may be moved (units in the last place) to make the sum exact. */
    static final int MAX_ULPS = 64;

    private ClassroomResults() {
    }

    /**
     * The reporter's JSON for Gradescope {@code results} (as {@code course grade} writes them).
     *
     * @throws IllegalArgumentException when {@code results} has no {@code tests} rows with scores
     */
    public static ObjectNode fromGradescope(JsonNode results) {
        if (results == null || !results.path("tests").isArray()) {
            throw new IllegalArgumentException("Gradescope results need a \"tests\" array: " + results);
        }
        List<BigDecimal> scores = new ArrayList<>();
        BigDecimal max = BigDecimal.ZERO;
        boolean allPassed = true;
        for (JsonNode row : results.get("tests")) {
            if (!row.path("score").isNumber() || !row.path("max_score").isNumber()) {
                throw new IllegalArgumentException("A Gradescope row needs a score and a max_score: " + row);
            }
            scores.add(row.get("score").decimalValue());
            max = max.add(row.get("max_score").decimalValue());
            allPassed &= "passed".equals(row.path("status").asText());
        }
        double[] sent = exactSum(scores);
        ObjectNode out = JSON.createObjectNode();
        out.put("version", 1);
        out.put("status", allPassed ? "pass" : "fail");
        out.put("max_score", max.doubleValue());
        ArrayNode tests = out.putArray("tests");
        int i = 0;
        for (JsonNode row : results.get("tests")) {
            ObjectNode t = tests.addObject();
            t.put("name", row.path("name").asText());
            t.put("status", "passed".equals(row.path("status").asText()) ? "pass" : "fail");
            t.put("score", sent[i++]);
            t.put("message", row.path("output").asText(""));
            t.put("test_code", "");
            t.put("filename", "");
            t.put("line_no", 0);
            t.put("execution_time", "");
        }
        return out;
    }

    /**
     * The reporter's JSON when nothing could be graded: one failed test scored 0 that says why, so the student
     * sees the reason and Classroom records 0 of {@code maxScore}.
     */
    public static ObjectNode failed(String reason, BigDecimal maxScore) {
        ObjectNode out = JSON.createObjectNode();
        out.put("version", 1);
        out.put("status", "error");
        out.put("max_score", maxScore.doubleValue());
        ObjectNode t = out.putArray("tests").addObject();
        t.put("name", "Grading");
        t.put("status", "error");
        t.put("score", 0.0);
        t.put("message", reason);
        t.put("test_code", "");
        t.put("filename", "");
        t.put("line_no", 0);
        t.put("execution_time", "");
        return out;
    }

    /** {@code result} as the Base64 of its UTF-8 JSON, the value of a step's {@code result} output. */
    public static String base64(JsonNode result) {
        try {
            return Base64.getEncoder().encodeToString(JSON.writeValueAsString(result).getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serialises", e);
        }
    }

    /** What the reporter adds up: {@code tests[].score} in order, from 0, in binary floating point. */
    public static double reporterTotal(JsonNode result) {
        double total = 0;
        for (JsonNode t : result.path("tests")) {
            total += t.path("score").asDouble();
        }
        return total;
    }

    /**
     * The scores as doubles whose left-to-right floating-point sum is the double nearest to the exact total; each
     * is the nearest double to its exact score except, when needed, the last non-zero one.
     */
    static double[] exactSum(List<BigDecimal> scores) {
        double[] out = new double[scores.size()];
        BigDecimal exact = BigDecimal.ZERO;
        int last = -1;
        for (int i = 0; i < out.length; i++) {
            out[i] = scores.get(i).doubleValue();
            exact = exact.add(scores.get(i));
            if (out[i] != 0) {
                last = i;
            }
        }
        double target = exact.doubleValue();
        if (last < 0 || sum(out) == target) {
            return out;
        }
        double before = 0;
        for (int i = 0; i < last; i++) {
            before += out[i];
        }
        double up = out[last];
        double down = out[last];
        for (int step = 0; step < MAX_ULPS; step++) {
            up = Math.nextUp(up);
            down = Math.nextDown(down);
            if (before + up == target) {
                out[last] = up;
                return out;
            }
            if (before + down == target) {
                out[last] = down;
                return out;
            }
        }
        return out;
    }

    private static double sum(double[] values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
