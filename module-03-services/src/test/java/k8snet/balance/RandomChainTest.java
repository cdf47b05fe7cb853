package k8snet.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.ip.Ipv4Address;
import k8snet.transport.SocketAddress;

@DisplayName("kube-proxy's iptables chain of random rules (exercise 3.4)")
class RandomChainTest {

    private static final Ipv4Address CLIENT = Ipv4Address.parse("10.244.2.7");

    /** Endpoints web-1 to web-n, at 10.244.1.2 to 10.244.1.(n+1), port 8080. */
    private static List<Endpoint> web(int n) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            endpoints.add(new Endpoint("web-" + i, SocketAddress.of("10.244.1." + (i + 1), 8080)));
        }
        return List.copyOf(endpoints);
    }

    /** "1 rule", "3 rules": a count with its noun. */
    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Hands out the given nextDouble() values in order, and refuses any other draw. It knows how many rules the
     * chain has, or that the pick must be refused before any rule is reached, to say what went wrong.
     */
    private static final class ScriptedRandom implements RandomGenerator {
        private final Deque<Double> draws = new ArrayDeque<>();
        private final int rules;
        private final int given;
        private int asked;

        /** Draws for one pick over a chain of {@code rules} rules. */
        ScriptedRandom(int rules, double... draws) {
            this.rules = rules;
            this.given = draws.length;
            for (double d : draws) {
                this.draws.add(d);
            }
        }

        /** No draws at all: the pick must be refused before the chain is walked. */
        ScriptedRandom() {
            this(0);
        }

        @Override
        public double nextDouble() {
            asked++;
            if (draws.isEmpty()) {
                throw new AssertionError(rules == 0
                        ? "a refused pick reaches no rule, so it draws nothing: expected 0 draws, got at least 1"
                        : "a chain of " + count(rules, "rule") + " draws once per rule it reaches, except the last: "
                                + "expected " + count(given, "draw") + ", got at least " + asked);
            }
            return draws.remove();
        }

        @Override
        public long nextLong() {
            throw new AssertionError("each rule draws one number with random.nextDouble(), as iptables' statistic "
                    + "match compares one random number with the rule's probability; no other draw");
        }

        int left() {
            return draws.size();
        }
    }

    @Nested
    @DisplayName("gives rule i of n the probability 1/(n-i)")
    class Probabilities {

        @ParameterizedTest(name = "rule {1} of {0}: 1/{2}")
        @CsvSource({
            "1, 0, 1",
            "2, 0, 2", "2, 1, 1",
            "3, 0, 3", "3, 1, 2", "3, 2, 1",
            "4, 0, 4", "4, 1, 3", "4, 2, 2", "4, 3, 1",
            "10, 0, 10", "10, 9, 1", "100, 1, 99",
        })
        void table(int n, int i, int denominator) {
            assertThat(RandomChain.probability(i, n))
                    .as("rule %d of %d sees only the connections the %s before it let through, so it takes "
                            + "1/%d of them", i, n, count(i, "rule"), denominator)
                    .isCloseTo(1.0 / denominator, within(1e-12));
        }

        @Test
        @DisplayName("so every endpoint gets 1/n, where a chain of 1/n rules would favour the last")
        void sharesAreEqual() {
            for (int n = 1; n <= 12; n++) {
                double reaching = 1.0;
                for (int i = 0; i < n; i++) {
                    double share = reaching * RandomChain.probability(i, n);
                    assertThat(share).as("endpoint %d of %d: the chance to reach its rule times the rule's "
                            + "probability must be 1/%d", i, n, n).isCloseTo(1.0 / n, within(1e-9));
                    reaching -= share;
                }
                assertThat(reaching).as("the last of %s takes every connection that reaches it", count(n, "rule"))
                        .isCloseTo(0.0, within(1e-9));
            }
        }

        @Test
        @DisplayName("for three endpoints: 1/3 each, not the naive chain's 1/3, 2/9, 4/9")
        void naiveChainIsSkewed() {
            double[] naive = {1.0 / 3, (2.0 / 3) * (1.0 / 3), (2.0 / 3) * (2.0 / 3)};
            assertThat(naive[1]).as("a naive chain with probability 1/3 on every rule gives web-2 2/9")
                    .isCloseTo(2.0 / 9, within(1e-12));
            assertThat(naive[2]).as("and leaves 4/9 to web-3").isCloseTo(4.0 / 9, within(1e-12));
            double[] chain = {
                RandomChain.probability(0, 3),
                (1 - RandomChain.probability(0, 3)) * RandomChain.probability(1, 3),
                (1 - RandomChain.probability(0, 3)) * (1 - RandomChain.probability(1, 3)),
            };
            assertThat(chain).as("the shares of web-1, web-2, web-3 in kube-proxy's chain of three (the naive "
                    + "chain would give %s)", Arrays.toString(naive))
                    .containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-12));
        }

        @ParameterizedTest(name = "rule {0} of {1} is rejected")
        @CsvSource({"-1, 3, -1", "3, 3, 3", "4, 3, 4", "0, 0, 0", "0, -2, -2", "-2147483648, 5, -2147483648",
            "1, 1, 1"})
        void outsideTheChain(int i, int n, String quoted) {
            assertThatIllegalArgumentException()
                    .as("a chain of n >= 1 rules has the rules 0 to n-1: (i=%d, n=%d) is none of them", i, n)
                    .isThrownBy(() -> RandomChain.probability(i, n)).withMessageContaining(quoted);
        }
    }

    @Nested
    @DisplayName("walks the rules in order, one draw per rule reached")
    class Walking {

        @ParameterizedTest(name = "{0}, draws [{1}]: {2}")
        @CsvSource({
            "1 endpoint, '', web-1",
            "2 endpoints, 0.49, web-1",
            "2 endpoints, 0.5, web-2",
            "3 endpoints, 0.2, web-1",
            "3 endpoints, 0.3333333333333333 0.2, web-2",
            "3 endpoints, 0.34 0.49, web-2",
            "3 endpoints, 0.34 0.5, web-3",
            "3 endpoints, 0.9 0.999, web-3",
            "4 endpoints, 0.0, web-1",
            "4 endpoints, 0.25 0.3, web-2",
            "4 endpoints, 0.25 0.3333333333333333 0.1, web-3",
            "4 endpoints, 0.9 0.9 0.4, web-3",
            "4 endpoints, 0.9 0.9 0.5, web-4",
            "5 endpoints, 0.99 0.99 0.99 0.99, web-5",
        })
        void scripted(String endpoints, String draws, String expected) {
            int n = Integer.parseInt(endpoints.substring(0, endpoints.indexOf(' ')));
            double[] values = draws.isBlank() ? new double[0]
                    : Arrays.stream(draws.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
            ScriptedRandom random = new ScriptedRandom(n, values);
            assertThat(new RandomChain(random).pick(CLIENT, web(n)).pod())
                    .as("with %s and %s: a rule is taken when its draw is strictly below its probability "
                            + "1/(n-i); the last rule needs no draw", endpoints,
                            values.length == 0 ? "no draws" : "the draws " + Arrays.toString(values))
                    .isEqualTo(expected);
            assertThat(random.left())
                    .as("draws left unused: a chain of %s draws once per rule it reaches, except the last, and %s "
                            + "are exactly what this pick needs", count(n, "rule"),
                            values.length == 0 ? "no draws" : "the draws " + Arrays.toString(values))
                    .isZero();
        }

        @Test
        @DisplayName("the same seed gives the same picks as the chain worked by hand")
        void exactSequence() {
            long seed = 3_4_2026L;
            RandomChain chain = new RandomChain(new SplittableRandom(seed));
            SplittableRandom reference = new SplittableRandom(seed);
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (int k = 0; k < 300; k++) {
                int n = 1 + k % 5;
                int chosen = n - 1;
                for (int i = 0; i < n - 1; i++) {
                    if (reference.nextDouble() < 1.0 / (n - i)) {
                        chosen = i;
                        break;
                    }
                }
                expected.add(web(n).get(chosen).pod());
                actual.add(chain.pick(CLIENT, web(n)).pod());
            }
            assertThat(actual).as("300 picks over 1 to 5 endpoints with new SplittableRandom(%d): all randomness "
                    + "comes from the given generator, one nextDouble() per rule reached", seed)
                    .containsExactlyElementsOf(expected);
        }

        @Test
        @DisplayName("draws from the generator it was given, and from nothing else")
        void usesTheGivenGenerator() {
            SplittableRandom random = new SplittableRandom(7);
            RandomChain chain = new RandomChain(random);
            chain.pick(CLIENT, web(1));
            SplittableRandom fresh = new SplittableRandom(7);
            assertThat(random.nextDouble()).as("a single endpoint is picked without a draw").isEqualTo(fresh.nextDouble());
            RandomChain again = new RandomChain(random);
            double first = fresh.nextDouble();
            String pod = again.pick(CLIENT, web(2)).pod();
            assertThat(pod).as("two endpoints: one draw %s against 1/2", first)
                    .isEqualTo(first < 0.5 ? "web-1" : "web-2");
            assertThat(random.nextDouble()).as("the pick drew exactly one number from the given generator")
                    .isEqualTo(fresh.nextDouble());
        }
    }

    @Nested
    @DisplayName("spreads connections evenly (seeded)")
    class Distribution {

        private static final long SEED = 0x3_4000_0002L;
        private static final int PICKS = 30_000;
        private static final double TOLERANCE = 0.02;

        @Test
        @DisplayName("over 30,000 picks each of 2 to 5 endpoints gets 1/n, give or take 0.02")
        void evenShares() {
            for (int n = 2; n <= 5; n++) {
                RandomChain chain = new RandomChain(new SplittableRandom(SEED + n));
                List<Endpoint> web = web(n);
                int[] count = new int[n];
                for (int k = 0; k < PICKS; k++) {
                    count[web.indexOf(chain.pick(CLIENT, web))]++;
                }
                for (int i = 0; i < n; i++) {
                    assertThat(count[i] / (double) PICKS)
                            .as("the share of web-%d of %d over %d picks (seed %d, so the run is the same every "
                                    + "time; counts %s): a naive 1/n chain would favour the last", i + 1, n, PICKS,
                                    SEED + n, Arrays.toString(count))
                            .isCloseTo(1.0 / n, within(TOLERANCE));
                }
            }
        }
    }

    @Nested
    @DisplayName("refuses bad arguments")
    class Errors {

        @Test
        @DisplayName("a null generator, client or list, and an empty list, with an IllegalArgumentException")
        void rejects() {
            assertThatIllegalArgumentException().as("new RandomChain(null): the model owns the seeded generator")
                    .isThrownBy(() -> new RandomChain(null)).withMessageContaining("null");
            RandomChain chain = new RandomChain(new ScriptedRandom());
            assertThatIllegalArgumentException().as("pick(null, endpoints)")
                    .isThrownBy(() -> chain.pick(null, web(2))).withMessageContaining("null");
            assertThatIllegalArgumentException().as("pick(client, null)")
                    .isThrownBy(() -> chain.pick(CLIENT, null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a Service without endpoints: nothing to pick")
                    .isThrownBy(() -> chain.pick(CLIENT, List.of()));
        }
    }
}
