package k8snet.grader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The warm-up workload of a test JVM ({@link WarmUp}): tests shaped like the graded ones, on JDK types only.
 * Every test passes; the failures they provoke are caught, so that building a failure message is warm too.
 */
@DisplayName("warm-up")
class WarmUpTests {

    @Test
    @DisplayName("values")
    void values() {
        assertThat("10.0.0.1").isEqualTo("10.0.0.1").startsWith("10.").contains(".").hasSize(8);
        assertThat(42).isEqualTo(42).isPositive().isLessThan(43);
        assertThat(1L << 40).isGreaterThan(1L);
        assertThat(true).isTrue();
        assertThat(Optional.of("a")).contains("a");
        assertThat(Optional.empty()).isEmpty();
        assertThat(List.of(1, 2, 3)).containsExactly(1, 2, 3).hasSize(3).doesNotContain(4);
        assertThat(Map.of("a", 1)).containsEntry("a", 1);
        assertThat(new int[] {1, 2}).containsExactly(1, 2);
    }

    @Test
    @DisplayName("exceptions")
    void exceptions() {
        assertThatIllegalArgumentException().isThrownBy(() -> Integer.parseInt("x1"))
                .withMessageContaining("x1");
        assertThatThrownBy(() -> List.of().get(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @DisplayName("failure messages")
    void failures() {
        for (Runnable failing : List.<Runnable>of(
                () -> assertThat(1).as("a %s", "description").isEqualTo(2),
                () -> assertThat("a").isEqualTo("b"),
                () -> assertThat(List.of(1, 2)).containsExactly(2, 1))) {
            try {
                failing.run();
            } catch (AssertionError expected) {
                assertThat(expected.getMessage()).isNotEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource({"1, 2, 3", "2, 3, 5"})
    @DisplayName("a table")
    void table(int a, int b, int sum) {
        assertThat(a + b).isEqualTo(sum);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "bc"})
    @DisplayName("values from a list")
    void valueSource(String s) {
        assertThat(s).isNotBlank();
    }

    static Stream<Arguments> pairs() {
        return Stream.of(Arguments.of("x", 1), Arguments.of("yy", 2));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    @DisplayName("arguments from a method")
    void methodSource(String s, int length) {
        assertThat(s).hasSize(length);
    }

    @Test
    @DisplayName("a property")
    void property() {
        qt().withExamples(300).withFixedSeed(7).forAll(integers().between(0, 255), integers().all())
                .check((octet, any) -> ((octet << 24) >>> 24) == octet && any - any == 0);
    }

    @Nested
    @DisplayName("a nested group")
    class Group {
        @Test
        @DisplayName("runs too")
        void nested() {
            assertThat("nested").endsWith("ed");
        }
    }
}
