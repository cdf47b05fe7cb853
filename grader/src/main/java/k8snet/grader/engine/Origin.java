package k8snet.grader.engine;

/** Where one exercise's student files are taken from for a build. */
public enum Origin {
    /** The kit's own stub, {@code <module>/src/main/java/<file>}. */
    STUB,
    /** The reference solution, {@code solutions/<module>/src/main/java/<file>}. */
    SOLUTION,
    /** The student's version: {@code <submission>/<module>/src/main/java/<file>} (for `check`, the kit itself). */
    SUBMISSION
}
