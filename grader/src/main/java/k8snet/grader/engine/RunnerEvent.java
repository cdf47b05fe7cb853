package k8snet.grader.engine;

/**
 * One line of the runner's results pipe, parsed ({@link EventParser}); the keys are those of
 * {@link k8snet.grader.runner.Protocol}. Only {@link ResultLedger} decides what an event means, after
 * {@link EventSequence} has admitted it.
 */
sealed interface RunnerEvent {

    /** A node of the test plan: a container (engine, class, nested class, parameterized test) or a test. */
    record Plan(String id, String parent, boolean test, boolean method, String name, String testClass, int rows)
            implements RunnerEvent {

        /** A node without rows of its own to count (a test, a class, a method whose rows are not known). */
        Plan(String id, String parent, boolean test, boolean method, String name, String testClass) {
            this(id, parent, test, method, name, testClass, 0);
        }
    }

    /** The tests of one exercise start. */
    record Group(String exerciseId) implements RunnerEvent {
    }

    /** A node started; dynamic nodes (a parameterized test's rows) are first seen here. */
    record Started(String id, String parent, boolean test, String name, String testClass, long nanos)
            implements RunnerEvent {
    }

    /** A node finished: JUnit's status (SUCCESSFUL, ABORTED, FAILED) and what it threw. */
    record Finished(String id, String status, String message, String output, String exception, boolean assertion,
                    boolean timedOut, boolean stub, long nanos) implements RunnerEvent {

        boolean successful() {
            return "SUCCESSFUL".equals(status);
        }

        boolean aborted() {
            return "ABORTED".equals(status);
        }
    }

    /** A node was skipped, with JUnit's reason. */
    record Skipped(String id, String reason) implements RunnerEvent {
    }

    /** Every group ran. */
    record End() implements RunnerEvent {
    }

    /** The id the event is about, "" for groups and the end. */
    default String subject() {
        if (this instanceof Plan p) {
            return p.id();
        } else if (this instanceof Started s) {
            return s.id();
        } else if (this instanceof Finished f) {
            return f.id();
        } else if (this instanceof Skipped k) {
            return k.id();
        }
        return "";
    }
}
