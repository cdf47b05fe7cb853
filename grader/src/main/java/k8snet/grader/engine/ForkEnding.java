package k8snet.grader.engine;

/** How a forked test JVM ended, as the {@link ForkSupervisor} saw it and the {@link ResultLedger} weighs it. */
enum ForkEnding {
    /** The runner wrote its end line. */
    COMPLETED,
    /** The runner halted on purpose after a test timed out (the abandoned thread dies with the JVM). */
    RECYCLED,
    /** The JVM exited on its own: System.exit, halt, out of memory, a crash. */
    EXITED,
    /** The engine killed it: no event for longer than the stall limit. */
    STALLED,
    /** The engine killed it: the running exercise used up its time budget. */
    OVER_BUDGET,
    /** The runner refused to start: the compiled classes changed after they were built. */
    CLASSPATH_CHANGED;

    /**
     * This ending of a fork that did not complete, in the student's words: the budget used up, the hang, the
     * JVM out of memory (exit code 3, {@code -XX:+ExitOnOutOfMemoryError}) or its exit code.
     */
    String how(int exitCode, String exercise, EngineOptions options) {
        return switch (this) {
            case OVER_BUDGET -> "exercise " + exercise + " used up its time budget of "
                    + ResultLedger.seconds(options.exerciseBudget());
            case STALLED -> "no result for " + ResultLedger.seconds(options.stallLimit())
                    + ": it hung where the per-test timeout could not stop it";
            default -> exitCode == 3
                    ? "the test JVM ran out of memory (its heap is limited to 256 MB; exit code 3)"
                    : "the test JVM exited with code " + exitCode + " (System.exit, Runtime.halt or a crash)";
        };
    }
}
