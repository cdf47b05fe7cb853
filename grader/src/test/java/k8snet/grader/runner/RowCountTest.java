package k8snet.grader.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The rows of a parameterized test, counted from its annotations")
class RowCountTest {

    enum Colour { RED, GREEN, BLUE;
        static {
            if (Boolean.getBoolean("never.set")) {
                throw new IllegalStateException("initialised");
            }
        }
    }

    /** The tables whose rows are counted; never run (the class is not a test class of this suite's). */
    static final class Tables {

        @ParameterizedTest
        @CsvSource({"a, 1", "b, 2", "'c, d', 3"})
        void csvValues(String s, int n) {
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                # a comment line
                a | 1

                b | 2
                c | 3
                """)
        void csvTextBlock(String s, int n) {
        }

        @ParameterizedTest
        @CsvSource(useHeadersInDisplayName = true, textBlock = """
                name, number
                a, 1
                b, 2
                """)
        void csvWithHeader(String s, int n) {
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4})
        @NullSource
        void values(Integer n) {
        }

        @ParameterizedTest
        @ValueSource(strings = {"x"})
        @NullAndEmptySource
        void valuesNullAndEmpty(String s) {
        }

        @ParameterizedTest
        @EmptySource
        @CsvSource({"a", "b"})
        void emptyAndCsv(String s) {
        }

        @ParameterizedTest
        @EnumSource
        void everyConstant(Colour c) {
        }

        @ParameterizedTest
        @EnumSource(names = {"RED", "BLUE"})
        void someConstants(Colour c) {
        }

        @ParameterizedTest
        @EnumSource(mode = EnumSource.Mode.EXCLUDE, names = "RED")
        void excluded(Colour c) {
        }

        @ParameterizedTest
        @MethodSource("numbers")
        void fromAMethod(int n) {
        }

        @ParameterizedTest
        @CsvSource({"a"})
        @MethodSource("numbers")
        void csvAndMethod(String s) {
        }

        @Test
        void plain() {
        }

        static Stream<Integer> numbers() {
            throw new AssertionError("counting must not call a method source");
        }
    }

    private static Method method(String name) {
        return Arrays.stream(Tables.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName("counts @CsvSource records, a text block's lines without comments, blanks and the header")
    void csv() {
        assertThat(RowCount.of(method("csvValues"))).isEqualTo(3);
        assertThat(RowCount.of(method("csvTextBlock"))).isEqualTo(3);
        assertThat(RowCount.of(method("csvWithHeader"))).isEqualTo(2);
    }

    @Test
    @DisplayName("adds up @ValueSource, @NullSource, @EmptySource and @NullAndEmptySource")
    void valuesAndNulls() {
        assertThat(RowCount.of(method("values"))).isEqualTo(5);
        assertThat(RowCount.of(method("valuesNullAndEmpty"))).isEqualTo(3);
        assertThat(RowCount.of(method("emptyAndCsv"))).isEqualTo(3);
    }

    @Test
    @DisplayName("counts an enum's constants without initialising the enum, and the names an @EnumSource includes")
    void enums() {
        assertThat(RowCount.of(method("everyConstant"))).isEqualTo(3);
        assertThat(RowCount.of(method("someConstants"))).isEqualTo(2);
        assertThat(RowCount.of(method("excluded"))).as("an exclusion is not counted").isZero();
    }

    @Test
    @DisplayName("knows no count for a source that must run to give its rows, nor for a plain test")
    void unknown() {
        assertThat(RowCount.of(method("fromAMethod"))).isZero();
        assertThat(RowCount.of(method("csvAndMethod"))).isZero();
        assertThat(RowCount.of(method("plain"))).isZero();
        assertThat(RowCount.of(null)).isZero();
    }
}
