package k8snet.grader.guard;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the test JVM is shut in, strongest first. The engine takes the strongest that works on this machine
 * unless one is forced (system property {@value #PROPERTY}, or {@code GuardOptions}).
 *
 * <ul>
 *   <li>{@link #BUBBLEWRAP}: bubblewrap ({@code bwrap}, Debian package {@code bubblewrap});</li>
 *   <li>{@link #UNSHARE}: Linux namespaces through util-linux's {@code unshare}, with the same view built by
 *       a shell script (mount, pivot_root);</li>
 *   <li>{@link #NONE}: no sandbox; the bytecode allowlist and the engine's own limits still apply.</li>
 * </ul>
 */
public enum SandboxMode {
    BUBBLEWRAP, UNSHARE, NONE;

    /** System property that forces a mode: {@code auto} (the default), {@code none}, {@code unshare}, {@code bubblewrap}. */
    public static final String PROPERTY = "course.sandbox";

    /** The name reports use: {@code bubblewrap}, {@code unshare} or {@code none}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named {@code text} ({@link #label()}, any case).
     *
     * @throws IllegalArgumentException naming the text and the accepted names
     */
    public static SandboxMode parse(String text) {
        if (text != null) {
            for (SandboxMode m : values()) {
                if (m.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("Unknown sandbox mode '" + text + "' (expected one of "
                + Arrays.stream(values()).map(SandboxMode::label).toList() + ")");
    }
}
