package k8snet.grader.engine;

import java.nio.file.Path;

/** The door to {@link SyntheticKit} for tests in other packages (the watch command's terminal test). */
public final class SyntheticKits {

    /** Exercise 1.1's student file, from the kit's root. */
    public static final String ADDER = SyntheticKit.ADDER;
    public static final String ADDER_SOLUTION = SyntheticKit.ADDER_SOLUTION;

    private SyntheticKits() {
    }

    /** Writes the synthetic kit under {@code root}; returns {@code root}. */
    public static Path write(Path root) {
        return SyntheticKit.write(root);
    }
}
