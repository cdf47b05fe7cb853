package k8snet.grader.board;

import static k8snet.grader.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

@DisplayName("The board's list of failing tests")
class BoardFailuresTest {

    static final String EXAMPLES = "k8snet.ip.Ipv4AddressTest";
    static final String PROPERTIES = "k8snet.ip.Ipv4AddressPropertiesTest";
    static final Exercise IPV4 = new Exercise("1.1", "IPv4 addresses", "module-01-basics",
            "module-01-basics/README.md#exercise-11-ipv4-addresses", List.of("k8snet/ip/Ipv4Address.java"),
            List.of(EXAMPLES, PROPERTIES), 10, List.of("Split on dots."));
    static final Manifest MANIFEST = new Manifest("Course",
            List.of(new CourseModule("module-01-basics", "Basics", "module-01-basics/README.md")), List.of(IPV4));

    /** The example class as written: parsing before ordering, rows before the null check. */
    static final String EXAMPLE_SOURCE = """
            package k8snet.ip;
            @DisplayName("An IPv4 address")
            class Ipv4AddressTest {
                @Nested
                @DisplayName("written in strict dotted-decimal")
                class Parsing {
                    @ParameterizedTest
                    @ValueSource(strings = {"01.2.3.4", "1.2.3.04"})
                    void rejects(String text) { }

                    // rejectsNull() is tested below; this comment must not count as its place
                    @Test
                    void rejectsNull() { }
                }

                @Nested
                @DisplayName("ordered by its unsigned value")
                class Ordering {
                    @Test
                    @DisplayName("a list sorts the way a routing table lists it")
                    void sorting() { }

                    @Test
                    void comparesUnsigned() { }
                }
            }
            """;

    static final String CLASS = "[engine:junit-jupiter]/[class:" + EXAMPLES + "]";
    static final String PARSING = CLASS + "/[nested-class:Parsing]";
    static final String ORDERING = CLASS + "/[nested-class:Ordering]";

    static TestResult test(String testClass, String uid, String name, TestStatus status, String message,
                           String output) {
        return new TestResult("1.1", testClass, name, uid, status, message, output, 0.01);
    }

    /** The results in JUnit's run order, which is not the source's: Ordering ran first, and the rows backwards. */
    static List<TestResult> inRunOrder() {
        return List.of(
                test(EXAMPLES, ORDERING + "/[method:sorting()]",
                        "An IPv4 address > ordered by its unsigned value > a list sorts the way a routing table lists it",
                        TestStatus.FAILED, "[sorted]\nexpected: [0.0.0.1, 128.0.0.0]\n but was: [128.0.0.0, 0.0.0.1]", ""),
                test(EXAMPLES, ORDERING + "/[method:comparesUnsigned()]",
                        "An IPv4 address > ordered by its unsigned value > comparesUnsigned()", TestStatus.PASSED, "", ""),
                test(EXAMPLES, PARSING + "/[method:rejectsNull()]",
                        "An IPv4 address > written in strict dotted-decimal > rejectsNull()", TestStatus.FAILED,
                        "expected an IllegalArgumentException, but a NullPointerException was thrown", ""),
                test(EXAMPLES, PARSING + "/[test-template:rejects(java.lang.String)]/[test-template-invocation:#2]",
                        "An IPv4 address > written in strict dotted-decimal > rejects(String) > [2] 1.2.3.04",
                        TestStatus.FAILED, "\"1.2.3.04\" has a leading zero: expected an IllegalArgumentException",
                        "parts: [1, 2, 3, 04]\n"),
                test(EXAMPLES, PARSING + "/[test-template:rejects(java.lang.String)]/[test-template-invocation:#1]",
                        "An IPv4 address > written in strict dotted-decimal > rejects(String) > [1] 01.2.3.4",
                        TestStatus.FAILED, "\"01.2.3.4\" has a leading zero: expected an IllegalArgumentException",
                        "parts: [01, 2, 3, 4]\nchecking 01\n"),
                test(PROPERTIES, "[engine:junit-jupiter]/[class:" + PROPERTIES + "]/[method:roundTrip()]",
                        "Every IPv4 address > round-trips", TestStatus.FAILED, "Property falsified by 0.0.0.1", ""));
    }

    static String render(boolean all) {
        Board board = new Board("./course", TestOrder.of(Map.of(EXAMPLES, EXAMPLE_SOURCE)), all);
        return board.render(MANIFEST, report(Fixtures.result(IPV4, ExerciseStatus.IN_PROGRESS,
                inRunOrder().toArray(TestResult[]::new))), Style.PLAIN);
    }

    @Nested
    @DisplayName("by default")
    class Default {

        private final String text = render(false);

        @Test
        @DisplayName("lists every failing test, grouped by class and nested class, in the order of the source")
        void groupedInSourceOrder() {
            assertThat(text).contains("  5 of 6 tests fail, the most basic first:\n");
            List<String> order = List.of("\n  An IPv4 address > written in strict dotted-decimal\n",
                    "Failing: rejects [1]: 01.2.3.4\n", "Failing: rejects [2]: 1.2.3.04", "Failing: rejects null",
                    "\n  An IPv4 address > ordered by its unsigned value\n",
                    "Failing: a list sorts the way a routing table lists it", "\n  Every IPv4 address\n",
                    "Failing: round-trips");
            for (int i = 1; i < order.size(); i++) {
                assertThat(text.indexOf(order.get(i))).as("%s after %s", order.get(i), order.get(i - 1))
                        .isGreaterThan(text.indexOf(order.get(i - 1))).isPositive();
            }
            assertThat(text).doesNotContain("compares unsigned");
        }

        @Test
        @DisplayName("shows the first failure in full with what the code printed, and the rest one line each")
        void firstInFullRestOneLine() {
            assertThat(text).contains("""
                        Failing: rejects [1]: 01.2.3.4
                          "01.2.3.4" has a leading zero: expected an IllegalArgumentException
                          Printed while this test ran (System.out and System.err):
                          | parts: [01, 2, 3, 4]
                          | checking 01
                        Failing: rejects [2]: 1.2.3.04 (printed 1 line) -- "1.2.3.04" has a leading zero: expected an IllegalAr...
                        Failing: rejects null -- expected an IllegalArgumentException, but a NullPointerException \
                    was thrown
                    """);
            assertThat(text).contains("    Failing: a list sorts the way a routing table lists it -- sorted\n");
            assertThat(text).doesNotContain("| parts: [1, 2, 3, 04]").doesNotContain(" but was: [128.0.0.0");
            assertThat(text).contains("  Every failure in full: ./course check 1.1 --all\n");
        }

        @Test
        @DisplayName("never shows a Java signature or JUnit's row numbers in brackets first")
        void noSignatures() {
            assertThat(text).doesNotContain("rejects(String)", "rejectsNull()", "[1] 01.2.3.4", "(java.lang.String)");
        }
    }

    @Test
    @DisplayName("with --all shows every failure in full, with its output")
    void all() {
        String text = render(true);
        assertThat(text).contains("""
                    Failing: rejects [2]: 1.2.3.04
                      "1.2.3.04" has a leading zero: expected an IllegalArgumentException
                      Printed while this test ran (System.out and System.err):
                      | parts: [1, 2, 3, 04]
                """, """
                    Failing: a list sorts the way a routing table lists it
                      [sorted]
                      expected: [0.0.0.1, 128.0.0.0]
                       but was: [128.0.0.0, 0.0.0.1]
                """);
        assertThat(text).doesNotContain(" -- ").doesNotContain("--all");
    }

    @Test
    @DisplayName("in run order when no source is known, still grouped")
    void runOrder() {
        String text = new Board("./course").render(MANIFEST, report(Fixtures.result(IPV4, ExerciseStatus.IN_PROGRESS,
                inRunOrder().toArray(TestResult[]::new))), Style.PLAIN);
        assertThat(text.indexOf("Failing: a list sorts")).isLessThan(text.indexOf("Failing: rejects null"));
        assertThat(text.indexOf("Failing: rejects [2]")).isLessThan(text.indexOf("Failing: rejects [1]"));
    }
}
