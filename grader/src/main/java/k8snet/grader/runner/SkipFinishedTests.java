package k8snet.grader.runner;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the tests a previous fork already graded (or that crashed it), so that after a restart a
 * parameterized test continues with the row after the one that killed the JVM. The only extension the
 * runner lets Jupiter's auto-detection load ({@link RunnerMain} sets the include pattern to this class and
 * its class loader hides every {@code META-INF/services} file of the tests' class path); the unique ids come
 * in the configuration parameter {@value #SKIP_IDS}, one per line, so they live in the runner's memory only.
 */
public final class SkipFinishedTests implements ExecutionCondition {

    /** Configuration parameter: the unique ids to skip, one per line. */
    public static final String SKIP_IDS = "k8snet.grader.skip";

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
            Optional<String> ids = context.getConfigurationParameter(SKIP_IDS);
            s = ids.map(text -> Set.copyOf(text.lines().filter(l -> !l.isBlank()).toList())).orElse(Set.of());
            skip = s;
        }
        return s;
    }
}
