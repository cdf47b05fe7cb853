package k8snet.grader.guard;

import java.util.Optional;

/**
 * What shuts student code in: the bytecode allowlist check and the sandbox of the test JVM.
 *
 * @param checkBytecode whether the compiled student classes are checked against {@link Allowlist#standard()}
 *     before anything runs (default true; only the grader's own tests of the engine's limits turn it off, to
 *     reach them with code the check would refuse)
 * @param sandbox the sandbox mode to use, or empty for the strongest that works here; default from the
 *     system property {@value SandboxMode#PROPERTY} ({@code auto}, {@code none}, {@code unshare} or
 *     {@code bubblewrap})
 */
public record GuardOptions(boolean checkBytecode, Optional<SandboxMode> sandbox) {

    public GuardOptions {
        if (sandbox == null) {
            throw new IllegalArgumentException("Sandbox mode must not be null (use Optional.empty() for the strongest)");
        }
    }

    /** The check on, and the sandbox mode of the system property {@value SandboxMode#PROPERTY} (default auto). */
    public static GuardOptions defaults() {
        String forced = System.getProperty(SandboxMode.PROPERTY, "auto").strip();
        Optional<SandboxMode> mode;
        try {
            mode = forced.equalsIgnoreCase("auto") ? Optional.empty() : Optional.of(SandboxMode.parse(forced));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("System property " + SandboxMode.PROPERTY + " must be auto, none, "
                    + "unshare or bubblewrap, got '" + forced + "'", e);
        }
        return new GuardOptions(true, mode);
    }

    public GuardOptions withCheckBytecode(boolean on) {
        return new GuardOptions(on, sandbox);
    }

    public GuardOptions withSandbox(SandboxMode mode) {
        if (mode == null) {
            throw new IllegalArgumentException("Sandbox mode must not be null (use withStrongestSandbox())");
        }
        return new GuardOptions(checkBytecode, Optional.of(mode));
    }

    public GuardOptions withStrongestSandbox() {
        return new GuardOptions(checkBytecode, Optional.empty());
    }
}
