package k8snet.grader.engine;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import k8snet.grader.report.PlainText;
import k8snet.grader.runner.Protocol;

/**
 * Reads one line of the results pipe into a {@link RunnerEvent}. A line counts only when it is a JSON object
 * that carries the run's token and a known event; anything else (text test code wrote to the JVM's real
 * standard output, a line cut short, an unknown event) is counted and ignored. Text fields come back with their
 * control characters made visible ({@link PlainText}), so no message or output can drive a terminal.
 */
final class EventParser {

    /** The most rows a plan line may give a parameterized test (the kit's largest table has a few dozen). */
    static final int MAX_ROWS = 10_000;

    private final ObjectMapper json = new ObjectMapper();
    private final String token;
    private int foreign;

    EventParser(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("The run's token must not be blank");
        }
        this.token = token;
    }

    /** The event on this line, or empty (and counted) when the line is not the runner's. */
    Optional<RunnerEvent> parse(String line) {
        if (line == null || line.isBlank()) {
            return Optional.empty();
        }
        JsonNode n;
        try {
            n = json.readTree(line);
        } catch (IOException e) {
            foreign++;
            return Optional.empty();
        }
        if (n == null || !n.isObject() || !token.equals(n.path(Protocol.TOKEN).asText())) {
            foreign++;
            return Optional.empty();
        }
        String id = n.path(Protocol.ID).asText("");
        RunnerEvent event = switch (n.path(Protocol.EVENT).asText("")) {
            case Protocol.PLAN -> new RunnerEvent.Plan(id, text(n, Protocol.PARENT), n.path(Protocol.TEST).asBoolean(),
                    n.path(Protocol.METHOD).asBoolean(), text(n, Protocol.NAME), text(n, Protocol.CLASS),
                    Math.max(0, Math.min(n.path(Protocol.ROWS).asInt(0), MAX_ROWS)));
            case Protocol.GROUP -> new RunnerEvent.Group(id);
            case Protocol.STARTED -> new RunnerEvent.Started(id, text(n, Protocol.PARENT),
                    n.path(Protocol.TEST).asBoolean(), text(n, Protocol.NAME), text(n, Protocol.CLASS),
                    n.path(Protocol.NANOS).asLong());
            case Protocol.FINISHED -> new RunnerEvent.Finished(id, text(n, Protocol.STATUS), text(n, Protocol.MESSAGE),
                    text(n, Protocol.OUTPUT), text(n, Protocol.EXCEPTION), n.path(Protocol.ASSERTION).asBoolean(),
                    n.path(Protocol.TIMED_OUT).asBoolean(), n.path(Protocol.STUB).asBoolean(),
                    n.path(Protocol.NANOS).asLong());
            case Protocol.SKIPPED -> new RunnerEvent.Skipped(id, text(n, Protocol.MESSAGE));
            case Protocol.END -> new RunnerEvent.End();
            default -> null;
        };
        if (event == null) {
            foreign++;
        }
        return Optional.ofNullable(event);
    }

    /** How many lines were not the runner's. */
    int foreignLines() {
        return foreign;
    }

    /** Counts a line that was too long to be the runner's. */
    void countOverlong() {
        foreign++;
    }

    /** A text field, with control characters made visible: test code and its output wrote it. */
    private static String text(JsonNode n, String key) {
        return PlainText.visible(n.path(key).asText(""));
    }
}
