package k8snet.grader.board;

import static k8snet.grader.Fixtures.DNS;
import static k8snet.grader.Fixtures.IPAM;
import static k8snet.grader.Fixtures.IPV4;
import static k8snet.grader.Fixtures.doesNotCompile;
import static k8snet.grader.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

@DisplayName("The board, when code does not compile")
class BoardCompileErrorsTest {

    static final String FILE = "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java";
    static final String SYNTAX = FILE + ":42: ';' expected\n        int bits = 0\n                    ^";
    static final String SYMBOL = FILE + ":50: cannot find symbol\n        return octet(i);\n               ^\n"
            + "      symbol:   method octet(int)\n      location: class Ipv4Address";

    private final Board board = new Board("./course");

    /** The engine's stand-in for a test class that did not compile: no id, named after the class. */
    static TestResult classOf(String exerciseId, String testClass) {
        return new TestResult(exerciseId, testClass, testClass.substring(testClass.lastIndexOf('.') + 1), "",
                TestStatus.COMPILE_ERROR, SYNTAX, "", 0);
    }

    private String render() {
        return board.render(Fixtures.manifest(), report(
                doesNotCompile(IPV4, List.of(SYNTAX, SYMBOL), classOf("1.1", "k8snet.ip.Ipv4AddressTest")),
                doesNotCompile(DNS, List.of("not compiled: module module-01-basics, which this module needs, does "
                        + "not compile"), classOf("1.2", "k8snet.dns.HostnameTest")),
                Fixtures.result(IPAM, ExerciseStatus.NOT_STARTED, Fixtures.failed(IPAM, "CidrTest > parses",
                        "Exercise 2.1: implement Cidr.parse"))), Style.PLAIN);
    }

    @Test
    @DisplayName("names the file by its repository path and the exercise it belongs to")
    void fileAndExercise() {
        assertThat(render()).contains("  Files:  " + FILE + "\n", "  Your code does not compile (2 errors):\n",
                "\n  " + FILE + "  (exercise 1.1, IPv4 addresses)\n");
    }

    @Test
    @DisplayName("shows each error with its line, the source line and a caret under the column")
    void caret() {
        assertThat(render()).contains("""
                    line 42: ';' expected
                            int bits = 0
                                        ^
                    line 50: cannot find symbol
                            return octet(i);
                                   ^
                          symbol:   method octet(int)
                          location: class Ipv4Address
                """);
    }

    @Test
    @DisplayName("says which exercises build on the broken one: the rest of its module and the later modules")
    void dependants() {
        assertThat(render()).contains("The exercises that build on it compile against this code: 1.2, 2.1\n");
    }

    @Test
    @DisplayName("counts tests, not test classes: a class that never compiled has no tests to count")
    void testsNotClasses() {
        List<String> rows = render().lines().filter(l -> l.startsWith("  1.")).toList();
        assertThat(rows.get(0)).contains("does not compile", "0/10 points", "tests not run").doesNotContain("0/1 tests");
        assertThat(rows.get(1)).contains("tests not run");
    }

    @Test
    @DisplayName("names a graded test that no longer compiles against the student's code, and other broken exercises")
    void testFileAndOthers() {
        String testFile = "module-01-basics/src/test/java/k8snet/dns/HostnameTest.java";
        String text = board.render(Fixtures.manifest(), report(
                Fixtures.result(IPV4, ExerciseStatus.IN_PROGRESS, Fixtures.failed(IPV4, "T > a", "wrong")),
                doesNotCompile(DNS, List.of(testFile + ":12: cannot find symbol"), classOf("1.2", "k8snet.dns.X"))),
                Style.PLAIN);
        assertThat(text).contains("Next: 1.1", "\n  Also does not compile: 1.2 (" + testFile + ":12)\n")
                .doesNotContain("cannot find symbol");
        String next = board.render(Fixtures.manifest(), report(
                doesNotCompile(DNS, List.of(testFile + ":12: cannot find symbol"), classOf("1.2", "k8snet.dns.X"))),
                Style.PLAIN);
        assertThat(next).contains("\n  " + testFile + "  (a graded test of exercise 1.2: it no longer compiles "
                + "against your code; did a public name or signature change?)\n    line 12: cannot find symbol\n");
        String support = "module-01-basics/src/test/java/k8snet/testkit/Explain.java";
        assertThat(CompileErrors.whatIs(Fixtures.manifest(), support)).startsWith("the course's test support: ");
        assertThat(CompileErrors.whatIs(Fixtures.manifest(), "module-01-basics/src/main/java/k8snet/Require.java"))
                .isEqualTo("provided code");
    }
}
