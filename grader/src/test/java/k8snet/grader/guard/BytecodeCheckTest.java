package k8snet.grader.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The bytecode check")
class BytecodeCheckTest {

    private static final String CLASS = "k8snet.ip.Ipv4Address";
    private static final BytecodeCheck CHECK = BytecodeCheck.standard();

    @TempDir
    Path dir;

    private final AtomicInteger compiles = new AtomicInteger();

    /** Compiles an Ipv4Address whose {@code parse} has {@code body} (and the class has {@code members}). */
    private Map<String, byte[]> compile(String body, String members) {
        String source = """
                package k8snet.ip;

                public final class Ipv4Address {
                    %s

                    public static int parse(String text) {
                        %s
                    }
                }
                """.formatted(members, body);
        return Javac.compile(dir.resolve("c" + compiles.incrementAndGet()),
                Map.of("k8snet/ip/Ipv4Address.java", source));
    }

    private List<Violation> violations(Map<String, byte[]> classes) {
        return classes.values().stream().flatMap(b -> CHECK.check(b, classes.keySet()).stream()).toList();
    }

    private List<String> used(String body) {
        return violations(compile(body, "")).stream().map(Violation::used).toList();
    }

    @Nested
    @DisplayName("refuses")
    class Refuses {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "try { return java.nio.file.Files.readString(java.nio.file.Path.of(text)).length(); } catch (Exception e) { return 0; }| java.nio.file.Files",
                "System.exit(3); return 0;| java.lang.System.exit",
                "Runtime.getRuntime().halt(0); return 0;| java.lang.Runtime",
                "try { new ProcessBuilder(text).start(); } catch (Exception e) { } return 0;| java.lang.ProcessBuilder",
                "try { Class.forName(text); } catch (Exception e) { } return 0;| java.lang.Class.forName",
                "return String.class.getDeclaredMethods().length;| java.lang.Class.getDeclaredMethods",
                "return String.class.getDeclaredMethods().length;| java.lang.reflect.Method",
                "new Thread(() -> { }).start(); return 0;| new java.lang.Thread",
                "return System.getenv(text).length();| java.lang.System.getenv",
                "return System.getProperty(text).length();| java.lang.System.getProperty",
                "System.setOut(System.err); return 0;| java.lang.System.setOut",
                "return Integer.getInteger(text);| java.lang.Integer.getInteger",
                "try { new java.net.Socket(text, 80).close(); } catch (Exception e) { } return 0;| java.net.Socket",
                "java.util.concurrent.Executors.newSingleThreadExecutor(); return 0;| java.util.concurrent.Executors",
                "new java.util.Timer(); return 0;| java.util.Timer",
                "java.lang.invoke.MethodHandles.lookup(); return 0;| java.lang.invoke.MethodHandles",
                "Thread.currentThread().getContextClassLoader(); return 0;| java.lang.Thread.getContextClassLoader",
                "try { new java.io.PrintStream(text).close(); } catch (Exception e) { } return 0;| new java.io.PrintStream",
                "java.util.Locale.setDefault(java.util.Locale.ROOT); return 0;| java.util.Locale.setDefault",
                "java.util.function.IntConsumer exit = System::exit; return 0;| java.lang.System.exit",
                "return java.io.File.class.hashCode();| java.io.File",
                "try { return 1; } catch (java.io.UncheckedIOException e) { return 0; }| java.io.UncheckedIOException",
                "return new java.util.Formatter().toString().length();| new java.util.Formatter",
                "return StackWalker.getInstance().hashCode();| java.lang.StackWalker",
        })
        @DisplayName("a use outside the allowlist, naming it")
        void outside(String body, String expected) {
            assertThat(used(body)).contains(expected.strip());
        }

        @Test
        @DisplayName("types in declarations: fields, method signatures, throws clauses, superclasses")
        void declarations() {
            List<Violation> found = violations(compile("return 0;", """
                    private java.io.File file;

                    static java.net.URL where() throws java.io.IOException {
                        return null;
                    }

                    static final class Worker extends Thread {
                    }
                    """));
            assertThat(found).extracting(Violation::where, Violation::used).contains(
                    org.assertj.core.groups.Tuple.tuple("the field file", "java.io.File"),
                    org.assertj.core.groups.Tuple.tuple("where", "java.net.URL"),
                    org.assertj.core.groups.Tuple.tuple("where", "java.io.IOException"),
                    org.assertj.core.groups.Tuple.tuple("the constructor of Worker", "new java.lang.Thread"));
        }

        @Test
        @DisplayName("an annotation from a package outside the allowlist")
        void annotation() {
            Map<String, byte[]> classes = Javac.compile(dir.resolve("ann"), Map.of(
                    "evil/Mark.java", """
                            package evil;
                            @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                            public @interface Mark { }
                            """,
                    "k8snet/ip/Ipv4Address.java", """
                            package k8snet.ip;
                            public final class Ipv4Address {
                                @evil.Mark
                                public static int parse(String text) { return 0; }
                            }
                            """));
            assertThat(CHECK.check(classes.get(CLASS), Set.of(CLASS))).extracting(Violation::used)
                    .containsExactly("evil.Mark");
        }

        @Test
        @DisplayName("the grader's and the test kit's packages, though they are the kit's")
        void graderPackages() {
            Map<String, byte[]> classes = Javac.compile(dir.resolve("grader"), Map.of(
                    "k8snet/grader/Spy.java", "package k8snet.grader; public final class Spy { public static int n() { return 1; } }",
                    "k8snet/testkit/Help.java", "package k8snet.testkit; public final class Help { public static int n() { return 2; } }",
                    "k8snet/ip/Ipv4Address.java", """
                            package k8snet.ip;
                            public final class Ipv4Address {
                                public static int parse(String text) { return k8snet.grader.Spy.n() + k8snet.testkit.Help.n(); }
                            }
                            """));
            assertThat(CHECK.check(classes.get(CLASS), Set.of(CLASS))).extracting(Violation::used, Violation::reason)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("k8snet.grader.Spy", "the grader's own code"),
                            org.assertj.core.groups.Tuple.tuple("k8snet.testkit.Help",
                                    "the kit's test support is for tests only"));
        }
    }

    @Nested
    @DisplayName("allows")
    class Allows {

        @Test
        @DisplayName("what javac emits for lambdas, method references, string concatenation, records, enums, "
                + "switches on strings and enums, assertions and try-with-resources")
        void javacBootstraps() {
            String members = """
                    record Pair(String a, int b) { }

                    enum Colour { RED, GREEN }

                    static int colour(Colour c) {
                        switch (c) {
                            case RED: return 1;
                            default: return 2;
                        }
                    }

                    static int word(String w) {
                        return switch (w) { case "a" -> 1; case "b" -> 2; default -> 0; };
                    }

                    static String describe(Object o) {
                        return o instanceof Pair p ? p.a() + "=" + p.b() : String.valueOf(o);
                    }

                    static final class Resource implements AutoCloseable {
                        @Override
                        public void close() { }
                    }
                    """;
            String body = """
                    assert text != null : "text";
                    java.util.function.Function<String, Integer> len = String::length;
                    java.util.function.Supplier<Pair> pair = () -> new Pair(text, len.apply(text));
                    try (Resource r = new Resource()) {
                        System.out.println("parsing " + text + " " + pair.get() + Colour.valueOf("RED"));
                    }
                    Object anon = new Object() { @Override public String toString() { return text; } };
                    return colour(Colour.GREEN) + word(text) + describe(anon).length() + pair.get().hashCode()
                            + Colour.values().length;
                    """;
            assertThat(violations(compile(body, members))).isEmpty();
        }

        @Test
        @DisplayName("collections, streams, regular expressions, time, big numbers and random generators")
        void library() {
            String body = """
                    java.util.List<String> parts = java.util.Arrays.stream(text.split("\\\\.")).map(String::strip)
                            .collect(java.util.stream.Collectors.toList());
                    java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
                    parts.forEach(p -> counts.merge(p, 1, Integer::sum));
                    boolean digits = java.util.regex.Pattern.compile("[0-9]+").matcher(text).matches();
                    java.time.Duration d = java.time.Duration.ofSeconds(30).plus(java.time.Duration.ofMillis(5));
                    java.time.Instant t = java.time.Instant.EPOCH.plus(d);
                    java.math.BigInteger big = java.math.BigInteger.TWO.pow(40);
                    java.util.random.RandomGenerator random = new java.util.Random(42);
                    String shown = String.format(java.util.Locale.ROOT, "%s %d", t, big.bitLength())
                            .toUpperCase(java.util.Locale.ROOT);
                    java.util.Optional<String> first = parts.stream().filter(p -> !p.isEmpty()).findFirst();
                    long now = System.nanoTime() + System.currentTimeMillis() + System.identityHashCode(parts);
                    Thread.onSpinWait();
                    System.err.printf("%s%n", shown);
                    return counts.size() + (digits ? 1 : 0) + random.nextInt(3) + first.orElse("").length()
                            + (int) (now % 2) + text.getClass().getSimpleName().length();
                    """;
            assertThat(violations(compile(body, ""))).isEmpty();
        }
    }

    @Nested
    @DisplayName("says where")
    class SaysWhere {

        @Test
        @DisplayName("by method and line, in the student's terms")
        void methodAndLine() {
            List<Violation> found = violations(compile("""
                    int n = text.length();
                    System.exit(n);
                    return n;""", ""));
            assertThat(found).hasSize(1);
            Violation v = found.get(0);
            assertThat(v.className()).isEqualTo(CLASS);
            assertThat(v.sourceFile()).isEqualTo("Ipv4Address.java");
            assertThat(v.line()).isEqualTo(8);
            assertThat(v.message()).isEqualTo("parse uses java.lang.System.exit, which exercises may not use "
                    + "(no exiting, environment, system properties or replacing the console)");
        }

        @Test
        @DisplayName("a lambda, an anonymous class and a nested class by the method they are written in")
        void nested() {
            List<Violation> found = violations(compile("""
                    Runnable r = () -> System.exit(1);
                    Runnable s = new Runnable() { public void run() { Runtime.getRuntime().halt(2); } };
                    return 0;""", """
                    static final class Parser {
                        int next() { return Integer.getInteger("n"); }
                    }

                    static { System.gc(); }

                    Ipv4Address() { System.setErr(null); }
                    """));
            assertThat(found).extracting(Violation::where, Violation::used).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("parse", "java.lang.System.exit"),
                    org.assertj.core.groups.Tuple.tuple("parse", "java.lang.Runtime"),
                    org.assertj.core.groups.Tuple.tuple("Parser.next", "java.lang.Integer.getInteger"),
                    org.assertj.core.groups.Tuple.tuple("the static initialiser", "java.lang.System.gc"),
                    org.assertj.core.groups.Tuple.tuple("the constructor", "java.lang.System.setErr"));
            assertThat(found).filteredOn(v -> v.used().equals("java.lang.Runtime")).singleElement()
                    .satisfies(v -> assertThat(v.className()).isEqualTo(CLASS + "$1"));
        }

        @Test
        @DisplayName("each use once per place, in the order of the code")
        void once() {
            assertThat(used("System.exit(1); System.exit(2); System.gc(); return 0;"))
                    .containsExactly("java.lang.System.exit", "java.lang.System.gc");
        }
    }

    @Test
    @DisplayName("reads a class file's name and source file without checking it")
    void header() {
        Map<String, byte[]> classes = compile("return 0;", "static final class Inner { }");
        assertThat(BytecodeCheck.header(classes.get(CLASS + "$Inner")))
                .isEqualTo(new BytecodeCheck.Header(CLASS + "$Inner", "Ipv4Address.java"));
    }

    @Test
    @DisplayName("rejects bytes that are not a class file, and a null set of own classes")
    void badInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> CHECK.check(new byte[] {1, 2, 3}, Set.of()))
                .withMessageContaining("Not a class file (3 bytes)");
        assertThatIllegalArgumentException().isThrownBy(() -> BytecodeCheck.header(null))
                .withMessageContaining("must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> CHECK.check(compile("return 0;", "").get(CLASS), null))
                .withMessageContaining("own classes");
    }
}
