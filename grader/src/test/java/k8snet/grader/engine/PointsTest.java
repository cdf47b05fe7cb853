package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import k8snet.grader.Fixtures;
import k8snet.grader.manifest.Exercise;

@DisplayName("Exact points")
class PointsTest {

    private static final long SEED = 20_250_314L;

    @Nested
    @DisplayName("split")
    class Split {

        @Test
        @DisplayName("shares 10 points over 3 tests as 3.34, 3.33, 3.33")
        void tenOverThree() {
            assertThat(Points.split(1000, 3)).containsExactly(334, 333, 333);
        }

        @Test
        @DisplayName("always adds up to the total, with shares at most one hundredth apart, larger ones first")
        void addsUp() {
            qt().withFixedSeed(SEED).withExamples(2000)
                    .forAll(longs().between(0, 1_000_000), integers().between(1, 5000))
                    .checkAssert((total, n) -> {
                        long[] shares = Points.split(total, n);
                        assertThat(LongStream.of(shares).sum()).isEqualTo(total);
                        assertThat(LongStream.of(shares).max().orElseThrow() - LongStream.of(shares).min()
                                .orElseThrow()).isLessThanOrEqualTo(1);
                        for (int i = 1; i < shares.length; i++) {
                            assertThat(shares[i]).isLessThanOrEqualTo(shares[i - 1]);
                        }
                    });
        }

        @Test
        @DisplayName("refuses a negative total and no tests, naming the value")
        void badInput() {
            assertThatIllegalArgumentException().isThrownBy(() -> Points.split(-1, 3)).withMessageContaining("-1");
            assertThatIllegalArgumentException().isThrownBy(() -> Points.split(100, 0)).withMessageContaining("0");
        }
    }

    @Test
    @DisplayName("parses an instructor's points with at most two decimals")
    void parse() {
        assertThat(Points.parse(new BigDecimal("1.5"))).isEqualTo(150);
        assertThat(Points.parse(new BigDecimal("2"))).isEqualTo(200);
        assertThatIllegalArgumentException().isThrownBy(() -> Points.parse(new BigDecimal("1.333")))
                .withMessageContaining("1.333");
        assertThatIllegalArgumentException().isThrownBy(() -> Points.parse(new BigDecimal("-1")))
                .withMessageContaining("-1");
    }

    @Nested
    @DisplayName("scoring an exercise")
    class Scored {

        private final Exercise dns = Fixtures.DNS;

        @Test
        @DisplayName("earns exactly the sum of its passed tests' shares, whatever passes")
        void exact() {
            qt().withFixedSeed(SEED).withExamples(500)
                    .forAll(integers().between(1, 300), integers().between(0, Integer.MAX_VALUE))
                    .checkAssert((n, mask) -> {
                        Random random = new Random(mask);
                        List<TestResult> tests = new ArrayList<>();
                        for (int i = 0; i < n; i++) {
                            tests.add(random.nextBoolean() ? Fixtures.passed(dns, "t" + i)
                                    : Fixtures.failed(dns, "t" + i, "no"));
                        }
                        Scoring.Scored s = Scoring.score(dns, tests, Set.of(), List.of());
                        long passedShares = s.tests().stream().filter(TestResult::passed)
                                .mapToLong(t -> Points.hundredths(t.points())).sum();
                        assertThat(s.score()).isEqualTo(passedShares);
                        assertThat(s.tests().stream().mapToLong(t -> Points.hundredths(t.points())).sum())
                                .isEqualTo(s.max()).isEqualTo(dns.points() * 100L);
                    });
        }

        @Test
        @DisplayName("gives a weighted hidden class its own points, and a method entry its own share of them")
        void weighted() {
            String secret = "k8snet.dns.SecretTest";
            HiddenTestsFile.Entry whole = Fixtures.entry(dns, secret, 300);
            HiddenTestsFile.Entry one = new HiddenTestsFile.Entry(secret + "#edge", secret,
                    java.util.Optional.of("edge"), dns.id(), java.util.OptionalLong.of(150));
            HiddenTestsFile.Entry missing = new HiddenTestsFile.Entry("k8snet.dns.GoneTest", "k8snet.dns.GoneTest",
                    java.util.Optional.empty(), dns.id(), java.util.OptionalLong.of(100));
            Scoring.Scored s = Scoring.score(dns, List.of(Fixtures.passed(dns, "visible"),
                            Fixtures.hidden(dns, secret, "a", true, ""), Fixtures.hidden(dns, secret, "b", false, "no"),
                            Fixtures.hidden(dns, secret, "edge", true, "")),
                    Set.of(secret), List.of(whole, one, missing));
            assertThat(s.tests()).extracting(TestResult::name, TestResult::points, TestResult::hidden)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("visible", 20.0, false),
                            org.assertj.core.groups.Tuple.tuple("a", 1.5, true),
                            org.assertj.core.groups.Tuple.tuple("b", 1.5, true),
                            org.assertj.core.groups.Tuple.tuple("edge", 1.5, true),
                            org.assertj.core.groups.Tuple.tuple("GoneTest", 1.0, true));
            assertThat(s.tests().get(4).status()).as("an entry that matched nothing still counts")
                    .isEqualTo(TestStatus.NOT_RUN);
            assertThat(s.tests().get(4).message()).contains("k8snet.dns.GoneTest", "hidden-tests.yaml");
            assertThat(s.max()).isEqualTo(2000 + 300 + 150 + 100);
            assertThat(s.score()).isEqualTo(2000 + 150 + 150);
        }

        @Test
        @DisplayName("recognises a method's tests by their JUnit unique ids: plain, parameterized, factories")
        void methods() {
            assertThat(Scoring.ofMethod("[engine:junit-jupiter]/[class:a.B]/[method:edge()]", "edge")).isTrue();
            assertThat(Scoring.ofMethod("[engine:junit-jupiter]/[class:a.B]/[nested-class:C]/[test-template:"
                    + "edge(int)]/[test-template-invocation:#2]", "edge")).isTrue();
            assertThat(Scoring.ofMethod("[engine:junit-jupiter]/[class:a.B]/[test-factory:edge()]/[dynamic-test:#1]",
                    "edge")).isTrue();
            assertThat(Scoring.ofMethod("[engine:junit-jupiter]/[class:a.B]/[method:edges()]", "edge")).isFalse();
        }
    }
}
