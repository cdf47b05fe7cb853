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
    CLASSPATH_CHANGED
}
