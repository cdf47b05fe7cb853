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
 * {@code plan} (every discovered test and container, before anything runs; a parameterized test with the
 * number of its rows, {@link RowCount}), {@code started},
 * {@code finished} (status, exception class, whether it is an assertion failing, message, captured
 * output, whether the per-test timeout fired and whether the failure is an untouched stub's "Exercise N.M"
 * exception) and {@code skipped}. Each test's lines go through its {@link TestTimeout}, whose watchdog writes
 * the {@code finished} line of a test that runs too long.
 */
final class ResultListener implements TestExecutionListener {

    private static final int MAX_MESSAGE = 8 * 1024;

    private final ResultChannel file;
    private final OutputCapture capture;
    private final TestTimeout timeout;
    private final Set<String> planned = new HashSet<>();
    private TestPlan plan;

    ResultListener(ResultChannel file, OutputCapture capture, TestTimeout timeout) {
        this.file = file;
        this.capture = capture;
        this.timeout = timeout;
    }

    /**
     * The {@code finished} line of a test the watchdog stopped: timed out, with the captured output and
     * where its thread was ({@link TestTimeout#where}).
     */
    void timedOut(String id, String where) {
        file.write(new Json().put(Protocol.EVENT, Protocol.FINISHED).put(Protocol.ID, id)
                .put(Protocol.STATUS, TestExecutionResult.Status.FAILED.name()).put(Protocol.OUTPUT, capture.endTest())
                .put(Protocol.NANOS, System.nanoTime())
                .put(Protocol.EXCEPTION, java.util.concurrent.TimeoutException.class.getName())
                .put(Protocol.ASSERTION, false)
                .put(Protocol.MESSAGE, clip(where))
                .put(Protocol.TIMED_OUT, true)
                .put(Protocol.STUB, false));
    }

    void writePlan(TestPlan testPlan) {
        this.plan = testPlan;
        Deque<TestIdentifier> todo = new ArrayDeque<>(testPlan.getRoots());
        while (!todo.isEmpty()) {
            TestIdentifier id = todo.pop();
            if (planned.add(id.getUniqueId())) {
                // Each exercise's plan has the engine's root node; it is listed once.
                Json line = describe(Protocol.PLAN, id);
                int rows = id.isContainer() ? rows(id) : 0;
                if (rows > 0) {
                    line.put(Protocol.ROWS, rows);
                }
                timeout.outside(() -> file.write(line));
            }
            List<TestIdentifier> children = new ArrayList<>(testPlan.getChildren(id));
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
            }
        }
    }

    /** Says that the tests of one exercise start now. */
    void group(String exerciseId) {
        timeout.outside(() -> file.write(new Json().put(Protocol.EVENT, Protocol.GROUP).put(Protocol.ID, exerciseId)));
    }

    /** Says that everything ran. */
    void end() {
        timeout.outside(() -> file.write(new Json().put(Protocol.EVENT, Protocol.END)));
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        Json line = describe(Protocol.STARTED, id);
        if (id.isTest()) {
            timeout.open(id.getUniqueId(), () -> {
                capture.startTest();
                file.write(line.put(Protocol.NANOS, System.nanoTime()));
            });
        } else {
            timeout.outside(() -> file.write(line.put(Protocol.NANOS, System.nanoTime())));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        timeout.outside(() -> file.write(new Json().put(Protocol.EVENT, Protocol.SKIPPED)
                .put(Protocol.ID, id.getUniqueId()).put(Protocol.MESSAGE, reason)));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Json line = new Json().put(Protocol.EVENT, Protocol.FINISHED).put(Protocol.ID, id.getUniqueId())
                .put(Protocol.STATUS, result.getStatus().name());
        Optional<Throwable> thrown = result.getThrowable();
        if (thrown.isPresent()) {
            // Only the watchdog says "timed out": a TimeoutException the test code throws is a failure like any.
            Throwable t = thrown.get();
            line.put(Protocol.EXCEPTION, t.getClass().getName())
                    .put(Protocol.ASSERTION, t instanceof AssertionError)
                    .put(Protocol.MESSAGE, clip(ThrowableText.message(t)))
                    .put(Protocol.TIMED_OUT, false)
                    .put(Protocol.STUB, ThrowableText.isStub(t));
        }
        Runnable write = () -> file.write(line.put(Protocol.OUTPUT, id.isTest() ? capture.endTest() : "")
                .put(Protocol.NANOS, System.nanoTime()));
        if (id.isTest()) {
            timeout.close(id.getUniqueId(), write);
        } else {
            timeout.outside(write);
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

    /** A parameterized test's rows as its annotations give them ({@link RowCount}), 0 for anything else. */
    private static int rows(TestIdentifier id) {
        if (!(id.getSource().orElse(null) instanceof MethodSource m)) {
            return 0;
        }
        try {
            return RowCount.of(m.getJavaMethod());
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
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
