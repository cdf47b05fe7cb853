package k8snet;

/**
 * Argument checks shared by the whole model. Every public method of the kit rejects bad input with an
 * {@link IllegalArgumentException} that names the bad value, so a student reading a failure sees the
 * rule that was broken rather than a bare {@code NullPointerException}.
 *
 * <pre>{@code
 * String name = Require.nonNull(text, "hostname");   // IllegalArgumentException: hostname must not be null
 * }</pre>
 */
public final class Require {

    private Require() {
    }

    /**
     * Returns {@code value}, or throws when it is null.
     *
     * @param value the argument
     * @param what the parameter's name, as the message should show it
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is null: "{what} must not be null"
     */
    public static <T> T nonNull(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }

    /**
     * Throws with the given message unless {@code condition} holds.
     *
     * @throws IllegalArgumentException with {@code message} if {@code condition} is false
     */
    public static void argument(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
