package k8snet.grader.board;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.grader.engine.TestResult;
import k8snet.grader.engine.TestStatus;

@DisplayName("A test's name on the board")
class TestNamesTest {

    private static TestResult named(String uid, String name) {
        return new TestResult("1.1", "k8snet.ip.T", name, uid, TestStatus.FAILED, "m", "", 0);
    }

    @ParameterizedTest(name = "{0} reads \"{1}\"")
    @CsvSource({
            "rejectsLeadingZeros(), rejects leading zeros",
            "parse(String), parse",
            "comparesIPv4Addresses(String; String), compares IPv4 addresses",
            "a_b_c(), a b c",
            "uses DNS TTLs, uses DNS TTLs",
            "parse(String) is lenient, parse(String) is lenient"})
    void withoutSignature(String display, String readable) {
        assertThat(TestNames.withoutSignature(display.replace(';', ','))).isEqualTo(readable);
    }

    @Test
    @DisplayName("splits the group (class and nested classes) from the test, by the unique id")
    void split() {
        TestNames.Split s = TestNames.split(named("[engine:junit-jupiter]/[class:k8snet.ip.T]/[nested-class:A]"
                + "/[nested-class:B]/[method:x()]", "An address > written > in short > x()"));
        assertThat(s.group()).containsExactly("An address", "written", "in short");
        assertThat(s.test()).isEqualTo("x");
    }

    @Test
    @DisplayName("keeps \" > \" inside a row's own name and shows such a row by its name alone")
    void rowWithItsOwnName() {
        TestNames.Split s = TestNames.split(named("[engine:junit-jupiter]/[class:k8snet.ip.T]/[test-template:"
                + "less(java.lang.String)]/[test-template-invocation:#3]", "T > less(String) > 9.0.0.0 > 10.0.0.0"));
        assertThat(s.group()).containsExactly("T");
        assertThat(s.test()).isEqualTo("9.0.0.0 > 10.0.0.0");
    }

    @Test
    @DisplayName("writes a default row after its method with its number and arguments")
    void defaultRow() {
        TestNames.Split s = TestNames.split(named("[engine:junit-jupiter]/[class:k8snet.ip.T]/[test-template:"
                + "less(java.lang.String)]/[test-template-invocation:#12]", "T > less(String) > [12] 9.0.0.0, x"));
        assertThat(s.test()).isEqualTo("less [12]: 9.0.0.0, x");
    }

    @Test
    @DisplayName("falls back to first-is-class, last-is-test when there is no unique id")
    void noId() {
        TestNames.Split s = TestNames.split(named("", "T > a group > a test"));
        assertThat(s.group()).containsExactly("T", "a group");
        assertThat(s.test()).isEqualTo("a test");
        assertThat(TestNames.split(named("", "OnlyAClass")).test()).isEqualTo("OnlyAClass");
    }
}
