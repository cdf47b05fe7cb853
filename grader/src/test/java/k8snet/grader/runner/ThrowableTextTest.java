package k8snet.grader.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ThrowableText: a student's exception cannot stop the runner")
class ThrowableTextTest {

    /** A cause chain that never ends: every call makes a new exception. */
    static final class Endless extends IllegalArgumentException {
        @Override
        public synchronized Throwable getCause() {
            return new Endless();
        }
    }

    /** Every method a runner might call throws. */
    static final class Unprintable extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("no message");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no text");
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("no cause");
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            throw new IllegalStateException("no frames");
        }
    }

    @Test
    @DisplayName("an endless chain of causes stops after the bound, with a note")
    void endlessCauses() {
        String text = ThrowableText.message(new Endless());
        assertThat(text.split("\nCaused by: ", -1)).hasSize(ThrowableText.MAX_CAUSES + 1);
        assertThat(text).endsWith("\n... (more causes not shown)");
        assertThat(ThrowableText.isStub(new Endless())).isFalse();
    }

    @Test
    @DisplayName("a chain that comes back to an exception already seen stops there")
    void cycle() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b", a);
        a.initCause(b);
        String text = ThrowableText.message(a);
        assertThat(text).startsWith("java.lang.IllegalStateException: a");
        assertThat(text.split("\nCaused by: ", -1)).hasSize(2);
        assertThat(text).endsWith("Caused by: java.lang.IllegalArgumentException: b");
    }

    @Test
    @DisplayName("methods that throw are replaced by the class name and what they threw")
    void unprintable() {
        String text = ThrowableText.message(new Unprintable());
        assertThat(text).isEqualTo(Unprintable.class.getName() + " (its toString() threw java.lang.IllegalStateException)");
        assertThat(ThrowableText.isStub(new Unprintable())).isFalse();
    }

    @Test
    @DisplayName("a stub's exception is still found two causes down, and an assertion keeps its own words")
    void stillReadsHonestExceptions() {
        Throwable stub = new RuntimeException("wrapped", new IllegalStateException("again",
                new UnsupportedOperationException("Exercise 1.1: implement parse")));
        assertThat(ThrowableText.isStub(stub)).isTrue();
        assertThat(ThrowableText.isStub(new UnsupportedOperationException("Exercises are fun"))).isFalse();
        assertThat(ThrowableText.message(new AssertionError("expected: 2 but was: 1"))).isEqualTo("expected: 2 but was: 1");
    }
}
