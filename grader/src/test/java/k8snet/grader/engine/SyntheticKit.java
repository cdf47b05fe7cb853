package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A tiny course kit written to disk for the grader's tests (the engine's, and the platform commands' end-to-end
 * runs), in the real kit's layout: one module with
 * provided code, two stubbed exercises with their solutions, graded tests, a test-support class and a
 * manifest.
 *
 * <pre>
 * 1.1 Adder.add                 10 points  AdderTest: 3 tests + a 3-row table = 6 tests
 * 1.2 Shouter.shout             20 points  ShouterTest: 2 tests + 1 in a nested class = 3 tests
 * 1.3 Echo.echo, Repeat.times   10 points  EchoTest: 2 tests (Echo uses 1.2's Shouter), RepeatTest: 2 tests
 * </pre>
 */
public final class SyntheticKit {

    public static final String MODULE = "module-01-basics";
    public static final String ADDER = MODULE + "/src/main/java/k8snet/calc/Adder.java";
    public static final String SHOUTER = MODULE + "/src/main/java/k8snet/text/Shouter.java";
    public static final String ADDER_TEST = MODULE + "/src/test/java/k8snet/calc/AdderTest.java";
    public static final String ECHO = MODULE + "/src/main/java/k8snet/text/Echo.java";
    public static final String REPEAT = MODULE + "/src/main/java/k8snet/text/Repeat.java";

    public static final String MANIFEST = """
            course: A synthetic course
            modules:
              - id: module-01-basics
                title: "Basics"
                lesson: module-01-basics/README.md
            exercises:
              - id: "1.1"
                title: Adding
                module: module-01-basics
                lesson: "module-01-basics/README.md#adding"
                files:
                  - k8snet/calc/Adder.java
                tests:
                  - k8snet.calc.AdderTest
                points: 10
                hints:
                  - "Use +."
              - id: "1.2"
                title: Shouting
                module: module-01-basics
                lesson: "module-01-basics/README.md#shouting"
                files:
                  - k8snet/text/Shouter.java
                tests:
                  - k8snet.text.ShouterTest
                points: 20
                hints:
                  - "Upper case, then an exclamation mark."
              - id: "1.3"
                title: Echoing
                module: module-01-basics
                lesson: "module-01-basics/README.md#echoing"
                files:
                  - k8snet/text/Echo.java
                  - k8snet/text/Repeat.java
                tests:
                  - k8snet.text.EchoTest
                  - k8snet.text.RepeatTest
                points: 10
                hints:
                  - "Shout it twice."
            """;

    static final String REQUIRE = """
            package k8snet;

            public final class Require {
                private Require() {
                }

                public static String nonNull(String value, String what) {
                    if (value == null) {
                        throw new IllegalArgumentException(what + " must not be null");
                    }
                    return value;
                }
            }
            """;

    public static final String ADDER_STUB = """
            package k8snet.calc;

            public final class Adder {
                private Adder() {
                }

                public static int add(int a, int b) {
                    throw new UnsupportedOperationException("Exercise 1.1: add two numbers");
                }
            }
            """;

    public static final String ADDER_SOLUTION = adder("");

    public static final String SHOUTER_STUB = """
            package k8snet.text;

            public final class Shouter {
                private Shouter() {
                }

                public static String shout(String text) {
                    throw new UnsupportedOperationException("Exercise 1.2: shout");
                }
            }
            """;

    public static final String SHOUTER_SOLUTION = """
            package k8snet.text;

            import java.util.Locale;

            import k8snet.Require;

            public final class Shouter {
                private Shouter() {
                }

                public static String shout(String text) {
                    return Require.nonNull(text, "text").toUpperCase(Locale.ROOT) + "!";
                }
            }
            """;

    static final String EXPECT = """
            package k8snet.testkit;

            /** Test support: no tests here. */
            public final class Expect {
                private Expect() {
                }

                public static String sum(int a, int b) {
                    return "expected " + a + " + " + b + " to make " + (a + b);
                }
            }
            """;

    public static final String ADDER_TEST_SOURCE = """
            package k8snet.calc;

            import static org.assertj.core.api.Assertions.assertThat;

            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.params.ParameterizedTest;
            import org.junit.jupiter.params.provider.CsvSource;

            import k8snet.testkit.Expect;

            @DisplayName("Adder")
            class AdderTest {

                @Test
                @DisplayName("adds one and two")
                void onePlusTwo() {
                    assertThat(Adder.add(1, 2)).as(Expect.sum(1, 2)).isEqualTo(3);
                }

                @Test
                @DisplayName("adds zeros")
                void zeros() {
                    assertThat(Adder.add(0, 0)).as(Expect.sum(0, 0)).isZero();
                }

                @Test
                @DisplayName("adds a negative number")
                void negative() {
                    assertThat(Adder.add(-5, 2)).as(Expect.sum(-5, 2)).isEqualTo(-3);
                }

                @ParameterizedTest(name = "{0} + {1} = {2}")
                @CsvSource({"1, 1, 2", "2, 3, 5", "10, 20, 30"})
                @DisplayName("adds the rows of a table")
                void table(int a, int b, int sum) {
                    assertThat(Adder.add(a, b)).as(Expect.sum(a, b)).isEqualTo(sum);
                }
            }
            """;

    static final String SHOUTER_TEST_SOURCE = """
            package k8snet.text;

            import static org.assertj.core.api.Assertions.assertThat;

            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Nested;
            import org.junit.jupiter.api.Test;

            @DisplayName("Shouter")
            class ShouterTest {

                @Test
                @DisplayName("shouts a word")
                void word() {
                    assertThat(Shouter.shout("hi")).isEqualTo("HI!");
                }

                @Test
                @DisplayName("shouts nothing as a bare exclamation mark")
                void nothing() {
                    assertThat(Shouter.shout("")).isEqualTo("!");
                }

                @Nested
                @DisplayName("a sentence")
                class Sentence {
                    @Test
                    @DisplayName("is shouted whole")
                    void whole() {
                        assertThat(Shouter.shout("a b")).isEqualTo("A B!");
                    }
                }
            }
            """;

    static final String ECHO_STUB = """
            package k8snet.text;

            public final class Echo {
                private Echo() {
                }

                public static String echo(String text) {
                    throw new UnsupportedOperationException("Exercise 1.3: echo");
                }
            }
            """;

    public static final String ECHO_SOLUTION = """
            package k8snet.text;

            public final class Echo {
                private Echo() {
                }

                public static String echo(String text) {
                    return Shouter.shout(text) + " " + Shouter.shout(text);
                }
            }
            """;

    static final String REPEAT_STUB = """
            package k8snet.text;

            public final class Repeat {
                private Repeat() {
                }

                public static String times(String text, int n) {
                    throw new UnsupportedOperationException("Exercise 1.3: repeat");
                }
            }
            """;

    public static final String REPEAT_SOLUTION = repeat("");

    static final String ECHO_TEST_SOURCE = """
            package k8snet.text;

            import static org.assertj.core.api.Assertions.assertThat;

            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Test;

            @DisplayName("Echo")
            class EchoTest {
                @Test
                @DisplayName("shouts a word twice")
                void twice() {
                    assertThat(Echo.echo("hi")).isEqualTo("HI! HI!");
                }

                @Test
                @DisplayName("shouts nothing twice")
                void nothing() {
                    assertThat(Echo.echo("")).isEqualTo("! !");
                }
            }
            """;

    static final String REPEAT_TEST_SOURCE = """
            package k8snet.text;

            import static org.assertj.core.api.Assertions.assertThat;

            import org.junit.jupiter.api.DisplayName;
            import org.junit.jupiter.api.Test;

            @DisplayName("Repeat")
            class RepeatTest {
                @Test
                @DisplayName("repeats a word three times")
                void three() {
                    assertThat(Repeat.times("ab", 3)).isEqualTo("ababab");
                }

                @Test
                @DisplayName("repeats a word no times")
                void none() {
                    assertThat(Repeat.times("ab", 0)).isEmpty();
                }
            }
            """;

    private SyntheticKit() {
    }

    /** An Adder that adds, but first runs {@code onZero} when {@code a == 0} (the "adds zeros" test). */
    static String adder(String onZero) {
        return adderWhen("a == 0", onZero);
    }

    /** An Adder that adds, but first runs {@code body} when {@code condition} holds. */
    static String adderWhen(String condition, String body) {
        return """
                package k8snet.calc;

                public final class Adder {
                    private Adder() {
                    }

                    public static int add(int a, int b) {
                        if (%s) {
                            %s
                        }
                        return a + b;
                    }
                }
                """.formatted(condition, body);
    }

    /** A Repeat that repeats, but first runs {@code body}. */
    static String repeat(String body) {
        return """
                package k8snet.text;

                public final class Repeat {
                    private Repeat() {
                    }

                    public static String times(String text, int n) {
                        %s
                        return text.repeat(n);
                    }
                }
                """.formatted(body);
    }

    /** Writes the kit under {@code root}. */
    public static Path write(Path root) {
        Map<String, String> files = new TreeMap<>();
        files.put("course.yaml", MANIFEST);
        files.put(MODULE + "/src/main/java/k8snet/Require.java", REQUIRE);
        files.put(ADDER, ADDER_STUB);
        files.put(SHOUTER, SHOUTER_STUB);
        files.put("solutions/" + ADDER, ADDER_SOLUTION);
        files.put("solutions/" + SHOUTER, SHOUTER_SOLUTION);
        files.put(MODULE + "/src/test/java/k8snet/testkit/Expect.java", EXPECT);
        files.put(ADDER_TEST, ADDER_TEST_SOURCE);
        files.put(MODULE + "/src/test/java/k8snet/text/ShouterTest.java", SHOUTER_TEST_SOURCE);
        files.put(ECHO, ECHO_STUB);
        files.put(REPEAT, REPEAT_STUB);
        files.put("solutions/" + ECHO, ECHO_SOLUTION);
        files.put("solutions/" + REPEAT, REPEAT_SOLUTION);
        files.put(MODULE + "/src/test/java/k8snet/text/EchoTest.java", ECHO_TEST_SOURCE);
        files.put(MODULE + "/src/test/java/k8snet/text/RepeatTest.java", REPEAT_TEST_SOURCE);
        files.forEach((rel, text) -> put(root, rel, text));
        return root;
    }

    /** A submission laid out like the kit (modules only, no solutions), with {@code changes} applied. */
    public static Path submission(Path kit, Path root, Map<String, String> changes) {
        copy(kit.resolve(MODULE), root.resolve(MODULE));
        changes.forEach((rel, text) -> put(root, rel, text));
        return root;
    }

    public static void put(Path root, String rel, String text) {
        try {
            Path file = root.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code root} with its size and modification time, to prove nothing was written. */
    static Map<String, String> snapshot(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                out.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir"
                        : Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
