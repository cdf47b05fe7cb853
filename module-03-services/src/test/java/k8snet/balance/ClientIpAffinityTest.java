package k8snet.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.lines;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.ip.Ipv4Address;
import k8snet.sim.ManualClock;
import k8snet.transport.SocketAddress;

@DisplayName("Session affinity by client IP, sessionAffinity: ClientIP (exercise 3.4)")
class ClientIpAffinityTest {

    private static final Ipv4Address ALICE = Ipv4Address.parse("10.244.2.7");
    private static final Ipv4Address BOB = Ipv4Address.parse("10.244.3.9");

    private static final Endpoint WEB_1 = endpoint(1);
    private static final Endpoint WEB_2 = endpoint(2);
    private static final Endpoint WEB_3 = endpoint(3);
    private static final List<Endpoint> WEB = List.of(WEB_1, WEB_2, WEB_3);

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static Endpoint endpoint(int i) {
        return new Endpoint("web-" + i, SocketAddress.of("10.244.1." + (i + 1), 8080));
    }

    /** An inner balancer that takes turns and counts how often it was asked. */
    private static final class Turns implements Balancer {
        private int asked;

        @Override
        public Endpoint pick(Ipv4Address client, List<Endpoint> endpoints) {
            return endpoints.get(asked++ % endpoints.size());
        }

        @Override
        public void closed(Endpoint endpoint) {
            throw new AssertionError("closed is not passed on to the inner balancer");
        }
    }

    private final ManualClock clock = new ManualClock();
    private final Turns inner = new Turns();
    private final ClientIpAffinity sticky = new ClientIpAffinity(inner, clock, TIMEOUT);

    @Nested
    @DisplayName("keeps a client on its endpoint")
    class Sticking {

        @Test
        @DisplayName("a closed connection is not passed on to the inner balancer, and the client still sticks")
        void closedIsNotPassedOn() {
            assertThat(sticky.pick(ALICE, WEB)).isEqualTo(WEB_1);
            sticky.closed(WEB_1);
            sticky.closed(WEB_1);
            assertThat(inner.asked).as("closing asks the inner balancer nothing (its closed would throw)")
                    .isEqualTo(1);
            assertThat(sticky.pick(ALICE, WEB)).as("affinity outlives a connection: alice is still on web-1")
                    .isEqualTo(WEB_1);
        }

        @Test
        @DisplayName("each new client is placed by the inner balancer, then sticks without asking it")
        void sticks() {
            assertThat(sticky.pick(ALICE, WEB)).as("alice is new: the inner balancer's first turn").isEqualTo(WEB_1);
            assertThat(sticky.pick(BOB, WEB)).as("bob is new: the inner balancer's second turn").isEqualTo(WEB_2);
            assertThat(sticky.pick(ALICE, WEB)).as("alice comes back: her endpoint").isEqualTo(WEB_1);
            assertThat(sticky.pick(BOB, WEB)).as("bob comes back: his endpoint").isEqualTo(WEB_2);
            assertThat(sticky.pick(ALICE, WEB)).as("alice again").isEqualTo(WEB_1);
            assertThat(inner.asked).as("the inner balancer chose only for the two new clients").isEqualTo(2);
        }

        @Test
        @DisplayName("just before last pick + timeout the entry still lives")
        void aliveJustBeforeTimeout() {
            sticky.pick(ALICE, WEB);
            clock.advance(TIMEOUT.minusNanos(1));
            assertThat(sticky.pick(ALICE, WEB)).as("29.999999999 s after her pick, with a 30 s timeout").isEqualTo(WEB_1);
            assertThat(inner.asked).isEqualTo(1);
        }

        @Test
        @DisplayName("the timeout runs from the client's last pick, not its first")
        void measuredFromTheLastPick() {
            sticky.pick(ALICE, WEB);
            clock.advance(Duration.ofSeconds(20));
            assertThat(sticky.pick(ALICE, WEB)).as("20 s later: alive, and the pick refreshes her entry")
                    .isEqualTo(WEB_1);
            clock.advance(Duration.ofSeconds(20));
            assertThat(sticky.pick(ALICE, WEB))
                    .as("40 s after her first pick but 20 s after her last one, with a 30 s timeout: still web-1")
                    .isEqualTo(WEB_1);
            clock.advance(Duration.ofSeconds(29));
            assertThat(sticky.pick(ALICE, WEB)).as("29 s after the last pick").isEqualTo(WEB_1);
            assertThat(inner.asked).as("a client that keeps coming back is never placed again").isEqualTo(1);
        }

        @Test
        @DisplayName("clients age separately")
        void separateClients() {
            sticky.pick(ALICE, WEB);
            clock.advance(Duration.ofSeconds(20));
            sticky.pick(BOB, WEB);
            clock.advance(Duration.ofSeconds(10));
            assertThat(sticky.pick(BOB, WEB)).as("bob's entry is 10 s old").isEqualTo(WEB_2);
            assertThat(sticky.pick(ALICE, WEB)).as("alice's entry is exactly 30 s old: expired, placed anew")
                    .isEqualTo(WEB_3);
        }

        @Test
        @DisplayName("the entry does not depend on the list's order")
        void reorderedList() {
            sticky.pick(ALICE, WEB);
            sticky.pick(BOB, WEB);
            assertThat(sticky.pick(BOB, List.of(WEB_3, WEB_2, WEB_1))).as("bob's web-2 is still listed, elsewhere")
                    .isEqualTo(WEB_2);
            assertThat(inner.asked).isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("places a client anew")
    class Replacing {

        @Test
        @DisplayName("exactly at last pick + timeout: the entry has expired")
        void expiredExactlyAtTimeout() {
            sticky.pick(ALICE, WEB);
            clock.advance(TIMEOUT);
            assertThat(sticky.pick(ALICE, WEB))
                    .as("30 s after her last pick, with a 30 s timeout: the entry has expired, the inner balancer "
                            + "chooses (its second turn)")
                    .isEqualTo(WEB_2);
            assertThat(inner.asked).isEqualTo(2);
            clock.advance(Duration.ofSeconds(1));
            assertThat(sticky.pick(ALICE, WEB)).as("the new choice is her entry now").isEqualTo(WEB_2);
            assertThat(inner.asked).isEqualTo(2);
        }

        @Test
        @DisplayName("long after the timeout")
        void longExpired() {
            sticky.pick(ALICE, WEB);
            clock.advance(Duration.ofHours(5));
            assertThat(sticky.pick(ALICE, WEB)).as("five hours later: placed anew").isEqualTo(WEB_2);
        }

        @Test
        @DisplayName("when its endpoint is no longer listed, and sticks to the new one after")
        void endpointVanished() {
            assertThat(sticky.pick(ALICE, WEB)).isEqualTo(WEB_1);
            List<Endpoint> withoutWeb1 = List.of(WEB_2, WEB_3);
            assertThat(sticky.pick(ALICE, withoutWeb1))
                    .as("web-1's pod went away: alice's live entry points nowhere, so the inner balancer chooses "
                            + "(its second turn over web-2, web-3)")
                    .isEqualTo(WEB_3);
            assertThat(inner.asked).isEqualTo(2);
            assertThat(sticky.pick(ALICE, WEB)).as("web-1 is back, but alice's entry is web-3 now").isEqualTo(WEB_3);
            assertThat(inner.asked).isEqualTo(2);
        }

        @Test
        @DisplayName("with the default timeout of 10800 s (3 hours)")
        void defaultTimeout() {
            assertThat(ClientIpAffinity.DEFAULT_TIMEOUT).as("timeoutSeconds defaults to 10800")
                    .isEqualTo(Duration.ofSeconds(10800));
            assertThat(ClientIpAffinity.DEFAULT_TIMEOUT_SECONDS).isEqualTo(10800);
            Turns turns = new Turns();
            ClientIpAffinity defaults = new ClientIpAffinity(turns, clock);
            defaults.pick(ALICE, WEB);
            clock.advance(Duration.ofSeconds(10799));
            assertThat(defaults.pick(ALICE, WEB)).as("10799 s later: alive").isEqualTo(WEB_1);
            clock.advance(Duration.ofSeconds(10800));
            assertThat(defaults.pick(ALICE, WEB)).as("10800 s after that pick: expired").isEqualTo(WEB_2);
            assertThat(turns.asked).isEqualTo(2);
        }
    }

    /** The client of one step of the property: 10.244.2.1 to 10.244.2.3. */
    private static Ipv4Address client(int step) {
        return Ipv4Address.of(10, 244, 2, 1 + step % 3);
    }

    /** The seconds the clock moves on before the step's pick: 0 to 40. */
    private static int seconds(int step) {
        return (step / 3) % 41;
    }

    /** The endpoints listed at the step's pick: a non-empty subset of {@code all}, in its order. */
    private static List<Endpoint> listed(int step, List<Endpoint> all) {
        int mask = 1 + (step / 123) % 15;
        List<Endpoint> listed = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                listed.add(all.get(i));
            }
        }
        return listed;
    }

    /** One step of the property in words: the clock's step, the client and the endpoints it picks from. */
    private static String inWords(int step, List<Endpoint> all) {
        return "+" + seconds(step) + " s: " + client(step) + " picks from "
                + listed(step, all).stream().map(Endpoint::pod).toList();
    }

    @Nested
    @DisplayName("accepts timeoutSeconds from 1 to 86400")
    class Timeouts {

        @ParameterizedTest(name = "{2} is accepted")
        @CsvSource({
            "1, 0, 1 s",
            "86400, 0, '86,400 s (24 h)'",
            "10800, 0, '10,800 s (3 h)'",
            "60, 0, 60 s (1 min)",
            "86399, 0, '86,399 s (23 h 59 min 59 s)'",
        })
        void accepted(long seconds, long nanos, String inWords) {
            Duration timeout = Duration.ofSeconds(seconds, nanos);
            ClientIpAffinity affinity = new ClientIpAffinity(inner, clock, timeout);
            affinity.pick(ALICE, WEB);
            clock.advance(timeout.minusSeconds(1));
            assertThat(affinity.pick(ALICE, WEB)).as("alive 1 s before a timeout of %s", inWords).isEqualTo(WEB_1);
            clock.advance(timeout);
            assertThat(affinity.pick(ALICE, WEB)).as("expired %s after the last pick", inWords).isEqualTo(WEB_2);
        }

        @ParameterizedTest(name = "{2} is rejected")
        @CsvSource({
            "0, 0, 0 s",
            "-1, 0, -1 s",
            "86401, 0, '86,401 s (1 s over a day)'",
            "172800, 0, '172,800 s (48 h)'",
            "0, 500000000, 0.5 s",
            "1, 500000000, 1.5 s",
            "86400, 1, '86,400 s + 1 ns'",
            "0, 1, 1 ns",
            "-86400, 0, '-86,400 s (-24 h)'",
        })
        void rejected(long seconds, long nanos, String inWords) {
            Duration timeout = Duration.ofSeconds(seconds, nanos);
            assertThatIllegalArgumentException()
                    .as("sessionAffinityConfig.clientIP.timeoutSeconds is a whole number of seconds from 1 to 86,400: "
                            + "%s is not, and the message quotes the timeout given", inWords)
                    .isThrownBy(() -> new ClientIpAffinity(inner, clock, timeout))
                    .withMessageContaining(timeout.toString());
        }

        @Test
        @DisplayName("null arguments and an empty list are rejected with an IllegalArgumentException")
        void nulls() {
            assertThatIllegalArgumentException().as("a null inner balancer")
                    .isThrownBy(() -> new ClientIpAffinity(null, clock, TIMEOUT)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a null clock")
                    .isThrownBy(() -> new ClientIpAffinity(inner, null, TIMEOUT)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a null timeout")
                    .isThrownBy(() -> new ClientIpAffinity(inner, clock, null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a null inner balancer, default timeout")
                    .isThrownBy(() -> new ClientIpAffinity(null, clock)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a null clock, default timeout")
                    .isThrownBy(() -> new ClientIpAffinity(inner, null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("pick(null, endpoints)")
                    .isThrownBy(() -> sticky.pick(null, WEB)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("pick(client, null)")
                    .isThrownBy(() -> sticky.pick(ALICE, null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a Service without endpoints: nothing to pick")
                    .isThrownBy(() -> sticky.pick(ALICE, List.of()));
        }
    }

    @Nested
    @DisplayName("under random clients, clock steps and endpoint changes (property)")
    class Properties {

        private static final long SEED = 0x3_4000_0004L;

        @Test
        @DisplayName("never moves a client while its entry lives and its endpoint stays listed")
        void neverMovesALiveClient() {
            List<Endpoint> all = List.of(endpoint(1), endpoint(2), endpoint(3), endpoint(4));
            qt(SEED).withExamples(300)
                    .forAll(named("picks, in order", lists().of(integers().between(0, Integer.MAX_VALUE))
                            .ofSizeBetween(1, 80), steps -> lines(steps, step -> inWords(step, all))))
                    .checkAssert(steps -> {
                ManualClock time = new ManualClock();
                Turns turns = new Turns();
                ClientIpAffinity affinity = new ClientIpAffinity(turns, time, TIMEOUT);
                Map<Ipv4Address, Endpoint> endpointOf = new HashMap<>();
                Map<Ipv4Address, Long> lastPick = new HashMap<>();
                List<String> history = new ArrayList<>();
                long now = 0;
                for (int step : steps) {
                    Ipv4Address client = client(step);
                    int seconds = seconds(step);
                    List<Endpoint> listed = listed(step, all);
                    time.advance(Duration.ofSeconds(seconds));
                    now += seconds;
                    history.add(inWords(step, all));
                    int asked = turns.asked;
                    Endpoint got = affinity.pick(client, listed);
                    Endpoint had = endpointOf.get(client);
                    boolean live = had != null && now < lastPick.get(client) + TIMEOUT.getSeconds()
                            && listed.contains(had);
                    if (live) {
                        assertThat(got).as("after %s: the client's entry lives and its endpoint is listed (seed %d)",
                                history, SEED).isEqualTo(had);
                        assertThat(turns.asked).as("after %s: no new placement (seed %d)", history, SEED)
                                .isEqualTo(asked);
                    } else {
                        assertThat(turns.asked).as("after %s: a new, expired or orphaned client is placed by the "
                                + "inner balancer, so the placements it has made go up by one (seed %d)", history, SEED).isEqualTo(asked + 1);
                        assertThat(got).as("after %s: the inner balancer's choice (seed %d)", history, SEED)
                                .isEqualTo(listed.get(asked % listed.size()));
                    }
                    endpointOf.put(client, got);
                    lastPick.put(client, now);
                }
            });
        }
    }
}
