package k8snet.grader.runner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Turns JUnit Platform events into result lines ({@link Protocol}):
 * {@code plan} (every discovered test and container, before anything runs), {@code started},
 * {@code finished} (status, exception class, whether it is an assertion failing, message, captured
 * output, whether the per-test timeout fired and whether the failure is an untouched stub's "Exercise N.M"
 * exception) and {@code skipped}.
 */
final class ResultListener implements TestExecutionListener {

    private static final int MAX_MESSAGE = 8 * 1024;

    private final ResultChannel file;
    private final OutputCapture capture;
    private final Set<String> planned = new HashSet<>();
    private TestPlan plan;

    ResultListener(ResultChannel file, OutputCapture capture) {
        this.file = file;
        this.capture = capture;
    }

    void writePlan(TestPlan testPlan) {
        this.plan = testPlan;
        Deque<TestIdentifier> todo = new ArrayDeque<>(testPlan.getRoots());
        while (!todo.isEmpty()) {
            TestIdentifier id = todo.pop();
            if (planned.add(id.getUniqueId())) {
                // Each exercise's plan has the engine's root node; it is listed once.
                file.write(describe(Protocol.PLAN, id));
            }
            List<TestIdentifier> children = new ArrayList<>(testPlan.getChildren(id));
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
            }
        }
    }

    /** Says that the tests of one exercise start now. */
    void group(String exerciseId) {
        file.write(new Json().put(Protocol.EVENT, Protocol.GROUP).put(Protocol.ID, exerciseId));
    }

    /** Says that everything ran. */
    void end() {
        file.write(new Json().put(Protocol.EVENT, Protocol.END));
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            capture.startTest();
        }
        file.write(describe(Protocol.STARTED, id).put(Protocol.NANOS, System.nanoTime()));
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        file.write(new Json().put(Protocol.EVENT, Protocol.SKIPPED).put(Protocol.ID, id.getUniqueId())
                .put(Protocol.MESSAGE, reason));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        String output = id.isTest() ? capture.endTest() : "";
        Json line = new Json().put(Protocol.EVENT, Protocol.FINISHED).put(Protocol.ID, id.getUniqueId())
                .put(Protocol.STATUS, result.getStatus().name()).put(Protocol.OUTPUT, output)
                .put(Protocol.NANOS, System.nanoTime());
        Optional<Throwable> thrown = result.getThrowable();
        if (thrown.isPresent()) {
            Throwable t = thrown.get();
            line.put(Protocol.EXCEPTION, t.getClass().getName())
                    .put(Protocol.ASSERTION, t instanceof AssertionError)
                    .put(Protocol.MESSAGE, clip(ThrowableText.message(t)))
                    .put(Protocol.TIMED_OUT, t instanceof java.util.concurrent.TimeoutException)
                    .put(Protocol.STUB, ThrowableText.isStub(t));
        }
        file.write(line);
        if (id.isTest() && thrown.filter(java.util.concurrent.TimeoutException.class::isInstance).isPresent()) {
            // Jupiter abandons a timed-out test's thread; it may spin on and slow every later test. The line
            // above is flushed, so end this JVM and let the engine start a fresh one for the rest.
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(Protocol.RECYCLE_EXIT);
        }
    }

    private Json describe(String event, TestIdentifier id) {
        return new Json().put(Protocol.EVENT, event).put(Protocol.ID, id.getUniqueId())
                .put(Protocol.PARENT, id.getParentId().orElse(""))
                .put(Protocol.TEST, id.isTest())
                .put(Protocol.METHOD, id.getSource().filter(MethodSource.class::isInstance).isPresent())
                .put(Protocol.NAME, name(id))
                .put(Protocol.CLASS, topLevelClass(id));
    }

    private String name(TestIdentifier id) {
        Deque<String> parts = new ArrayDeque<>();
        Optional<TestIdentifier> at = Optional.of(id);
        while (at.isPresent() && at.get().getParentId().isPresent()) {
            parts.push(at.get().getDisplayName());
            at = plan == null ? Optional.empty() : plan.getParent(at.get());
        }
        return String.join(" > ", parts);
    }

    private String topLevelClass(TestIdentifier id) {
        Optional<TestIdentifier> at = Optional.of(id);
        while (at.isPresent()) {
            TestSource source = at.get().getSource().orElse(null);
            String name = null;
            if (source instanceof MethodSource m) {
                name = m.getClassName();
            } else if (source instanceof ClassSource c) {
                name = c.getClassName();
            }
            if (name != null) {
                int dollar = name.indexOf('$');
                return dollar < 0 ? name : name.substring(0, dollar);
            }
            at = plan == null ? Optional.empty() : plan.getParent(at.get());
        }
        return "";
    }

    private static String clip(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "\n... (message cut)";
    }
}
