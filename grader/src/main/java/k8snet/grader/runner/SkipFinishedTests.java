package k8snet.grader.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the tests a previous fork already graded (or that crashed it), so that after a restart a
 * parameterized test continues with the row after the one that killed the JVM. Registered through
 * Jupiter's extension auto-detection, which only the runner switches on; the set of unique ids comes
 * from the file named by the configuration parameter {@value #SKIP_FILE}.
 */
public final class SkipFinishedTests implements ExecutionCondition {

    /** Configuration parameter: a file with one unique id per line. */
    public static final String SKIP_FILE = "k8snet.grader.skip";

    private volatile Set<String> skip;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (skipped(context).contains(context.getUniqueId())) {
            return ConditionEvaluationResult.disabled("already graded before the test JVM restarted");
        }
        return ConditionEvaluationResult.enabled("not graded yet");
    }

    private Set<String> skipped(ExtensionContext context) {
        Set<String> s = skip;
        if (s == null) {
            Optional<String> file = context.getConfigurationParameter(SKIP_FILE);
            try {
                s = file.isEmpty() ? Set.of() : Set.copyOf(Files.readAllLines(Path.of(file.get())));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the grader's list of finished tests", e);
            }
            skip = s;
        }
        return s;
    }
}
