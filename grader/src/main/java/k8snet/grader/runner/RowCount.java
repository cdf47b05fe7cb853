package k8snet.grader.runner;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.provider.ArgumentsSources;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.CsvSources;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSources;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.NullEnum;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.ValueSources;

/**
 * How many rows a parameterized test has, read from its annotations alone, before anything runs: so that
 * the rows of a table the run never reached (a test before it timed out, or the JVM died) still count as
 * tests that did not run, and an exercise's points stay shared among all its tests. Reading annotations
 * runs no code of the tests or of the student.
 *
 * <p>Counted: {@code @CsvSource} (its {@code value} records, or the {@code textBlock}'s lines that are not
 * blank and not {@code #} comments; less the header row with {@code useHeadersInDisplayName}),
 * {@code @ValueSource}, {@code @EnumSource} (every constant, or the names it includes; a range or an
 * exclusion makes the count unknown), {@code @NullSource},
 * {@code @EmptySource}, {@code @NullAndEmptySource}, each repeated. Any other argument source
 * ({@code @MethodSource}, {@code @CsvFileSource}, {@code @FieldSource}, one of one's own) makes the count
 * unknown, 0: such a table not reached counts as one test, as before.
 */
final class RowCount {

    private RowCount() {
    }

    /** The rows of {@code method}, or 0 when it is no parameterized test or they cannot be known without running. */
    static int of(Method method) {
        if (method == null || !method.isAnnotationPresent(ParameterizedTest.class)) {
            return 0;
        }
        try {
            for (Annotation a : method.getAnnotations()) {
                if (!known(a.annotationType()) && (a.annotationType().isAnnotationPresent(ArgumentsSource.class)
                        || a.annotationType().isAnnotationPresent(ArgumentsSources.class)
                        || a.annotationType() == ArgumentsSource.class || a.annotationType() == ArgumentsSources.class)) {
                    return 0;
                }
            }
            long rows = 0;
            for (CsvSource csv : method.getAnnotationsByType(CsvSource.class)) {
                long records = csv.value().length > 0 ? csv.value().length
                        : csv.textBlock().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                                .count();
                rows += Math.max(0, records - (csv.useHeadersInDisplayName() ? 1 : 0));
            }
            for (ValueSource v : method.getAnnotationsByType(ValueSource.class)) {
                // Only one of its arrays is ever filled.
                rows += java.util.stream.IntStream.of(v.shorts().length, v.bytes().length, v.ints().length,
                        v.longs().length, v.floats().length, v.doubles().length, v.chars().length,
                        v.booleans().length, v.strings().length, v.classes().length).max().orElse(0);
            }
            for (EnumSource e : method.getAnnotationsByType(EnumSource.class)) {
                int constants = enumConstants(e, method);
                if (constants < 0) {
                    return 0;
                }
                rows += constants;
            }
            rows += method.getAnnotationsByType(NullSource.class).length
                    + method.getAnnotationsByType(EmptySource.class).length
                    + 2L * method.getAnnotationsByType(NullAndEmptySource.class).length;
            return (int) Math.min(rows, Integer.MAX_VALUE);
        } catch (RuntimeException | LinkageError e) {
            // Counting is a courtesy: a test whose annotations cannot be read counts as one, as before.
            return 0;
        }
    }

    private static boolean known(Class<? extends Annotation> type) {
        return type == CsvSource.class || type == CsvSources.class || type == ValueSource.class
                || type == ValueSources.class || type == EnumSource.class || type == EnumSources.class
                || type == NullSource.class || type == EmptySource.class || type == NullAndEmptySource.class;
    }

    /** The constants an {@code @EnumSource} gives, or -1 when its mode needs the names matched. */
    private static int enumConstants(EnumSource e, Method method) {
        if (e.mode() != EnumSource.Mode.INCLUDE || !e.from().isEmpty() || !e.to().isEmpty()) {
            return -1;
        }
        if (e.names().length > 0) {
            return e.names().length;
        }
        Class<?> type = e.value() != NullEnum.class ? e.value()
                : method.getParameterCount() > 0 ? method.getParameterTypes()[0] : null;
        if (type == null || !type.isEnum()) {
            return -1;
        }
        // Counted from the fields, so the enum's class is not initialised: that would run its code.
        int constants = 0;
        for (java.lang.reflect.Field f : type.getDeclaredFields()) {
            if (f.isEnumConstant()) {
                constants++;
            }
        }
        return constants;
    }
}
