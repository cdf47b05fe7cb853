package k8snet.grader.runner;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a failed test's exception says, read without trusting it. The exception may be the student's own
 * subclass, whose {@code toString}, {@code getMessage}, {@code getCause} or {@code getStackTrace} can throw, loop,
 * or return a new object on every call; so each of those calls is guarded (a method that throws is replaced by
 * the class's name and what it threw) and the chain of causes is walked at most {@link #MAX_CAUSES} deep, never
 * visiting the same exception twice.
 */
final class ThrowableText {

    /** How many causes are followed at most; real chains in this course are two or three deep. */
    static final int MAX_CAUSES = 20;

    private static final Pattern STUB_MESSAGE = Pattern.compile("^Exercise \\d+\\.\\d+");
    private static final int MAX_FRAMES = 5;

    private ThrowableText() {
    }

    /** The assertion's own words for a failed expectation; otherwise the exception with a few frames and its causes. */
    static String message(Throwable t) {
        if (t instanceof AssertionError) {
            String m = messageOf(t);
            if (m != null) {
                return m;
            }
        }
        if (t instanceof java.util.concurrent.TimeoutException) {
            return String.valueOf(messageOf(t));
        }
        StringBuilder sb = new StringBuilder(describe(t));
        int shown = 0;
        for (StackTraceElement frame : frames(t)) {
            String cls = frame == null ? "" : frame.getClassName();
            if (frame == null || cls.startsWith("org.junit.") || cls.startsWith("java.lang.reflect.")
                    || cls.startsWith("jdk.internal.") || cls.startsWith("sun.reflect.")
                    || cls.startsWith("java.util.concurrent.") || cls.equals("java.lang.Thread")) {
                continue;
            }
            sb.append("\n\tat ").append(frame);
            if (++shown == MAX_FRAMES) {
                break;
            }
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(t);
        Throwable c = causeOf(t);
        for (int depth = 0; c != null && seen.add(c); depth++) {
            if (depth == MAX_CAUSES) {
                sb.append("\n... (more causes not shown)");
                break;
            }
            sb.append("\nCaused by: ").append(describe(c));
            c = causeOf(c);
        }
        return sb.toString();
    }

    /** True when the failure comes from a stub that still throws "Exercise N.M: ...". */
    static boolean isStub(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable c = t;
        for (int depth = 0; c != null && depth <= MAX_CAUSES && seen.add(c); depth++) {
            String m = messageOf(c);
            if (c instanceof UnsupportedOperationException && m != null && STUB_MESSAGE.matcher(m).find()) {
                return true;
            }
            if (m != null && m.contains("UnsupportedOperationException: Exercise ")) {
                return true;
            }
            c = causeOf(c);
        }
        return false;
    }

    /** {@code t.toString()}, or the class name and what went wrong when that throws. */
    static String describe(Throwable t) {
        try {
            return String.valueOf(t);
        } catch (Throwable e) {
            return t.getClass().getName() + " (its toString() threw " + e.getClass().getName() + ")";
        }
    }

    private static String messageOf(Throwable t) {
        try {
            return t.getMessage();
        } catch (Throwable e) {
            return t.getClass().getName() + " (its getMessage() threw " + e.getClass().getName() + ")";
        }
    }

    private static Throwable causeOf(Throwable t) {
        try {
            return t.getCause();
        } catch (Throwable e) {
            return null;
        }
    }

    private static StackTraceElement[] frames(Throwable t) {
        try {
            StackTraceElement[] frames = t.getStackTrace();
            return frames == null ? new StackTraceElement[0] : frames;
        } catch (Throwable e) {
            return new StackTraceElement[0];
        }
    }
}
