package k8snet.testkit;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.Gen;
import org.quicktheories.core.Guidance;
import org.quicktheories.core.Reporter;
import org.quicktheories.impl.Precursor;

import k8snet.Require;

/**
 * QuickTheories as the course's property tests use it: a fixed seed, so every run tries the same inputs,
 * and failures a student can read. A failing property reports the smallest input it found (without shrinking,
 * {@link #deliveries}: the first failing example, by its number), once, written
 * by its generators' describers, then what went wrong with it, then the seed:
 *
 * <pre>{@code
 * qt(SEED).forAll(named("a", BITS, Theories::bits), named("b", BITS, Theories::bits))
 *         .checkAssert((a, b) -> ...);
 * // The property fails for this input (the smallest failing one found by shrinking example 3, the first that failed):
 * //   {a = 1 (0.0.0.1), b = -2147483648 (128.0.0.0)}
 * // [0.0.0.1 compared with 128.0.0.0 ...]
 * // expected: -1
 * //  but was: 1
 * // Seed 32776229, fixed in the test: running it again tries the same inputs.
 * }</pre>
 *
 * QuickTheories' own report prints the input as {@code toString()} ({@code [Ljava.lang.Object;@2e943445}
 * for an array), the whole stack trace and up to ten more failing inputs; this one does not. Shared by the
 * tests of every module; not graded.
 */
public final class Theories {

    private Theories() {
    }

    /**
     * A QuickTheory with this fixed seed and the readable report of the class doc. It counts the examples it
     * tries, so that the sends of example {@code n} are numbered as {@link ReferenceTraces} keys them.
     */
    public static QuickTheory qt(long seed) {
        return QuickTheory.qt().withFixedSeed(seed).withReporter(new Readable())
                .withGuidance(prng -> new Examples());
    }

    /**
     * {@link #qt} without shrinking, for a property that asserts on deliveries: the example it reports is the first
     * that fails, the same in the reference's run and the student's (the seed fixes the examples tried before it),
     * so a failure prints the reference solution's trace for its sends ({@link ReferenceTraces}).
     */
    public static QuickTheory deliveries(long seed) {
        return qt(seed).withShrinkCycles(0);
    }

    /** {@code gen}, whose values are described as {@code name = value}. */
    public static <T> Gen<T> named(String name, Gen<T> gen) {
        return named(name, gen, String::valueOf);
    }

    /** {@code gen}, whose values are described as {@code name = describer(value)}. */
    public static <T> Gen<T> named(String name, Gen<T> gen, Function<? super T, String> describer) {
        Require.argument(name != null && !name.isBlank(), "A generator's name must not be blank, got " + name);
        Require.argument(gen != null && describer != null, "A named generator needs a generator and a describer");
        return gen.describedAs(v -> name + " = " + describe(v, describer));
    }

    /** A value described, or a note saying why it cannot be (its toString() may be a stub that still throws). */
    private static <T> String describe(T value, Function<? super T, String> describer) {
        try {
            return describer.apply(value);
        } catch (RuntimeException e) {
            return "(not describable: " + e + ")";
        }
    }

    /** A list of values written one per line, for generators of operation sequences. */
    public static <T> String lines(List<T> values, Function<? super T, String> describer) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append("\n      ").append(i + 1).append(". ").append(describer.apply(values.get(i)));
        }
        return out.append(values.isEmpty() ? "]" : "\n    ]").toString();
    }

    /**
     * Counts the examples a property tries and tells {@link ReferenceTraces}; it suggests no values of its own, so
     * the examples tried are those of QuickTheories' default guidance. A guidance lives for one property run.
     */
    static final class Examples implements Guidance {

        private int tried;

        @Override
        public void newExample(Precursor precursor) {
            ReferenceTraces.startExample(++tried);
        }

        @Override
        public void exampleExecuted() {
            ReferenceTraces.endExample();
        }

        @Override
        public Collection<long[]> suggestValues(int i, Precursor precursor) {
            return List.of();
        }

        @Override
        public void exampleComplete() {
            // Nothing to do: exampleExecuted() already ended the example.
        }
    }

    /** The report of a property that broke; see the class doc. */
    static final class Readable implements Reporter {

        @Override
        public void falisification(long seed, int examples, Object smallest, Throwable cause, List<Object> others,
                                   AsString<Object> describer) {
            throw new AssertionError(head(examples, smallest, others, describer) + "\n" + Causes.describe(cause)
                    + "\n" + tail(seed), cause);
        }

        @Override
        public void falisification(long seed, int examples, Object smallest, List<Object> others,
                                   AsString<Object> describer) {
            throw new AssertionError(head(examples, smallest, others, describer)
                    + "\nThe property is false for it." + "\n" + tail(seed));
        }

        @Override
        public void valuesExhausted(int found) {
            throw new IllegalStateException("The property gave up: only " + found + " generated example(s) met its "
                    + "assumptions (assuming(...)); it needs generators that make more of them");
        }

        private static String head(int examples, Object smallest, List<Object> others, AsString<Object> describer) {
            // QuickTheories shrinks the first failing example it meets: "others" are that example and the smaller
            // failing inputs it found on the way, not separate findings, so they are left out. Without them the
            // input is the first failing example itself (no shrinking, or none smaller found), example n.
            String which = others.isEmpty()
                    ? "example " + examples + ", the first failing one"
                    : "the smallest failing one found by shrinking example " + examples + ", the first that failed";
            return "The property fails for this input (" + which + "):\n  " + describer.asString(smallest);
        }

        private static String tail(long seed) {
            return "Seed " + seed + ", fixed in the test: running it again tries the same inputs.";
        }
    }

    /** What a property's check threw, for the report: an assertion's own words, or the exception and its place. */
    static final class Causes {

        private static final int FRAMES = 5;

        private Causes() {
        }

        static String describe(Throwable cause) {
            if (cause instanceof AssertionError && cause.getMessage() != null) {
                return cause.getMessage().strip();
            }
            StringBuilder out = new StringBuilder("It threw ").append(cause);
            int shown = 0;
            for (StackTraceElement frame : cause.getStackTrace()) {
                String cls = frame.getClassName();
                if (cls.startsWith("k8snet.") && !cls.equals(Theories.class.getName())
                        && !cls.startsWith(Theories.class.getName() + "$")) {
                    out.append("\n\tat ").append(frame);
                    if (++shown == FRAMES) {
                        break;
                    }
                }
            }
            for (Throwable c = cause.getCause(); c != null && c != cause; c = c.getCause()) {
                out.append("\nCaused by: ").append(c);
                if (c.getCause() == c) {
                    break;
                }
            }
            return out.toString();
        }
    }
}
