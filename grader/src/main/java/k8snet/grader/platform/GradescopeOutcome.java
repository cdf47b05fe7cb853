package k8snet.grader.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code results.json} that Gradescope reads from {@code /autograder/results/} after each submission, in every
 * case: the grader's own results with what the upload mapping said put first in the top-level output, or a valid
 * file scored 0 whose output says why nothing was graded (an empty or unusable upload, or a grader that failed).
 * Each file is written to a temporary name and moved into place, so Gradescope never reads half a file.
 */
public final class GradescopeOutcome {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeOutcome() {
    }

    /**
     * Copies the grader's {@code graded} results to {@code results}, with {@code notes} (Markdown lines) before its
     * top-level output.
     *
     * @throws IllegalArgumentException when {@code graded} is not a JSON object
     */
    public static void withNotes(Path graded, List<String> notes, Path results) {
        JsonNode tree;
        try {
            tree = JSON.readTree(graded.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the grader's " + graded + ": " + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("The grader's results are not a JSON object: " + graded);
        }
        if (!notes.isEmpty()) {
            String output = object.path("output").asText("");
            object.put("output", String.join("\n", notes) + "\n\n" + output);
        }
        write(results, object);
    }

    /** Writes a results file scored 0 whose output is {@code notes}: the upload held nothing to grade. */
    public static void nothingGraded(Path results, List<String> notes) {
        write(results, zero(String.join("\n", notes)));
    }

    /**
     * Writes a results file scored 0 that says the autograder itself failed, with {@code reason} for the
     * instructor and the student, after {@code notes}.
     */
    public static void failed(Path results, String reason, List<String> notes) {
        String text = (notes.isEmpty() ? "" : String.join("\n", notes) + "\n\n")
                + "**The autograder failed before it could grade your submission**, so this score is not your "
                + "work's; please tell your instructor. What went wrong:\n\n```\n" + reason.replace("```", "'''")
                + "\n```\n";
        write(results, zero(text));
    }

    private static ObjectNode zero(String output) {
        ObjectNode node = JSON.createObjectNode();
        node.put("score", 0);
        node.put("output", output);
        node.put("output_format", "md");
        node.putArray("tests");
        return node;
    }

    private static void write(Path results, JsonNode node) {
        try {
            Path dir = results.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, "results", ".part");
            JSON.writeValue(partial.toFile(), node);
            Files.move(partial, results, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + results + ": " + e.getMessage(), e);
        }
    }
}
