package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.grader.Fixtures;

@DisplayName("hidden-tests.yaml")
class HiddenTestsFileTest {

    private static HiddenTestsFile parse(String yaml) {
        return HiddenTestsFile.parse(yaml, "hidden/hidden-tests.yaml", Fixtures.manifest());
    }

    @Test
    @DisplayName("gives classes and single test methods their exercise and points, and the visibility")
    void newForm() {
        HiddenTestsFile f = parse("""
                visibility: after_due_date
                k8snet.ip.EdgeCasesTest:
                  exercise: "1.1"
                  points: 3
                k8snet.dns.SecretTest#rejectsEmptyLabels: {exercise: "1.2", points: 1.5}
                """);
        assertThat(f.visibility()).isEqualTo(Visibility.AFTER_DUE_DATE);
        assertThat(f.entries()).containsExactly(
                new HiddenTestsFile.Entry("k8snet.ip.EdgeCasesTest", "k8snet.ip.EdgeCasesTest", Optional.empty(), "1.1",
                        OptionalLong.of(300)),
                new HiddenTestsFile.Entry("k8snet.dns.SecretTest#rejectsEmptyLabels", "k8snet.dns.SecretTest",
                        Optional.of("rejectsEmptyLabels"), "1.2", OptionalLong.of(150)));
        assertThat(f.extraPoints("1.1")).isEqualTo(300);
        assertThat(f.exerciseOfClass()).containsEntry("k8snet.dns.SecretTest", "1.2");
    }

    @Test
    @DisplayName("keeps the first form working: a class mapped to an exercise shares its points")
    void firstForm() {
        HiddenTestsFile f = parse("k8snet.other.MappedTest: \"1.1\"\n");
        assertThat(f.visibility()).isEqualTo(Visibility.AFTER_PUBLISHED);
        assertThat(f.entries()).singleElement().satisfies(e -> {
            assertThat(e.exerciseId()).isEqualTo("1.1");
            assertThat(e.weighted()).isFalse();
        });
        assertThat(f.weightedOf("1.1")).isEmpty();
    }

    @Test
    @DisplayName("is empty, with hidden tests shown when grades are published, when the file is empty")
    void empty() {
        assertThat(parse("")).isEqualTo(HiddenTestsFile.none());
        assertThat(HiddenTestsFile.none().visibility().gradescope()).isEqualTo("after_published");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "an unknown visibility|visibility: soon|visibility must be one of hidden, after_due_date, after_published, "
                + "visible, not 'soon'",
        "an unknown exercise|k8snet.ip.XTest: {exercise: \"9.9\", points: 1}|unknown exercise '9.9' for k8snet.ip.XTest",
        "no points|k8snet.ip.XTest: {exercise: \"1.1\"}|k8snet.ip.XTest needs its points",
        "no exercise|k8snet.ip.XTest: {points: 2}|k8snet.ip.XTest needs the exercise it counts for",
        "three decimals|k8snet.ip.XTest: {exercise: \"1.1\", points: 1.333}|points have at most 2 decimals: 1.333",
        "negative points|k8snet.ip.XTest: {exercise: \"1.1\", points: -2}|points must not be negative: -2",
        "points that are not a number|k8snet.ip.XTest: {exercise: \"1.1\", points: lots}|points must be a number, not 'lots'",
        "an unknown field|k8snet.ip.XTest: {exercise: \"1.1\", points: 1, weight: 2}|unknown fields [weight]",
        "a method in the first form|k8snet.ip.XTest#m: \"1.1\"|names one test method: give its exercise and points",
        "a bad name|not a class: {exercise: \"1.1\", points: 1}|'not a class' is not a test class name",
        "one class, two exercises|{k8snet.ip.XTest: \"1.1\", k8snet.ip.XTest#m: {exercise: \"1.2\", points: 1}}"
                + "|counts for exercise 1.2 but another entry of k8snet.ip.XTest counts for 1.1",
        "a list|[a, b]|must map hidden test classes to their exercise and points",
        "a duplicate key|{k8snet.ip.XTest: \"1.1\", k8snet.ip.XTest: \"1.2\"}|is not valid YAML"})
    @DisplayName("refuses, naming the file, the entry and what is wrong")
    void refuses(String what, String yaml, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> parse(yaml))
                .withMessageContaining("hidden/hidden-tests.yaml").withMessageContaining(message);
    }
}
