package k8snet.testkit;

import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The kit's own check of its property-test support; not graded. */
@Tag("ungraded")
@DisplayName("A failing property, as Theories reports it")
class TheoriesTest {

    private static final long SEED = 5;
    private static final Gen<Integer> OCTETS = named("octet", integers().between(0, 255));

    private static int count(String text, String fragment) {
        Matcher m = Pattern.compile(Pattern.quote(fragment)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    @DisplayName("names the smallest failing input once, by its describers, with the assertion's words and the seed")
    void inputOnceAndSeed() {
        Throwable thrown = catchThrowable(() -> qt(SEED).forAll(OCTETS, OCTETS).checkAssert((a, b) ->
                assertThat(a + b).as("the sum of %d and %d", a, b).isLessThanOrEqualTo(10)));
        assertThat(thrown).isInstanceOf(AssertionError.class);
        String message = thrown.getMessage();
        assertThat(message).startsWith("The property fails for this input (the smallest failing one found by shrinking example ")
                .contains("\n  {octet = 7, octet = 4}\n", "[the sum of 7 and 4]",
                        "\nSeed 5, fixed in the test: running it again tries the same inputs.")
                .doesNotContain("Other found falsifying", "[Ljava", "\tat org.quicktheories");
        assertThat(count(message, "octet = ")).isEqualTo(2);
    }

    @Test
    @DisplayName("without shrinking, reports the first failing example by its number")
    void firstFailingExample() {
        java.util.List<Integer> tried = new java.util.ArrayList<>();
        Throwable thrown = catchThrowable(() -> Theories.deliveries(SEED).forAll(OCTETS).checkAssert(a -> {
            tried.add(a);
            assertThat(a).isLessThan(100);
        }));
        int first = tried.size();
        assertThat(tried.get(first - 1)).isGreaterThanOrEqualTo(100);
        assertThat(tried.subList(0, first - 1)).allMatch(a -> a < 100);
        assertThat(thrown).hasMessageStartingWith("The property fails for this input (example " + first
                + ", the first failing one):\n  octet = " + tried.get(first - 1) + "\n");
    }

    @Test
    @DisplayName("keeps an unexpected exception as the cause, with the course's own frames only")
    void exceptionKeptAsCause() {
        Throwable thrown = catchThrowable(() -> qt(SEED).forAll(OCTETS).checkAssert(a -> {
            throw new UnsupportedOperationException("Exercise 1.1: implement parse");
        }));
        assertThat(thrown).isInstanceOf(AssertionError.class)
                .hasCauseInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("\n  octet = 0\n")
                .hasMessageContaining("It threw java.lang.UnsupportedOperationException: Exercise 1.1: implement parse")
                .hasMessageContaining("\tat k8snet.testkit.TheoriesTest")
                .hasMessageNotContaining("org.quicktheories");
    }

    @Test
    @DisplayName("describes an input with a describer of its own, and a predicate that is false without a cause")
    void describerAndPredicate() {
        Gen<Integer> bits = named("bits", integers().between(0, 3), b -> b + " (0.0.0." + b + ")");
        assertThatThrownBy(() -> qt(SEED).forAll(bits).check(b -> b < 2))
                .hasMessageContaining("\n  bits = 2 (0.0.0.2)\nThe property is false for it.\nSeed 5");
    }

    @Test
    @DisplayName("says what to change when assumptions reject every example")
    void exhausted() {
        assertThatThrownBy(() -> qt(SEED).forAll(OCTETS).assuming(a -> a > 1000).checkAssert(a -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only 0 generated example(s)");
    }

    @Test
    @DisplayName("refuses a blank name")
    void blankName() {
        assertThatThrownBy(() -> named(" ", OCTETS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
    }
}
