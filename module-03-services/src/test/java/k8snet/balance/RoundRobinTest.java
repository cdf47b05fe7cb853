package k8snet.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import k8snet.ip.Ipv4Address;
import k8snet.transport.SocketAddress;

@DisplayName("Round robin, IPVS's default scheduler rr (exercise 3.4)")
class RoundRobinTest {

    private static final Ipv4Address CLIENT = Ipv4Address.parse("10.244.2.7");

    /** Endpoints web-1 to web-n, at 10.244.1.2 to 10.244.1.(n+1), port 8080. */
    private static List<Endpoint> web(int n) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            endpoints.add(new Endpoint("web-" + i, SocketAddress.of("10.244.1." + (i + 1), 8080)));
        }
        return List.copyOf(endpoints);
    }

    /** "1 endpoint", "3 endpoints": a count with its noun. */
    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static List<String> picks(Balancer balancer, List<Endpoint> endpoints, int times) {
        List<String> pods = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            pods.add(balancer.pick(CLIENT, endpoints).pod());
        }
        return pods;
    }

    @Nested
    @DisplayName("over a fixed list of endpoints")
    class FixedList {

        @Test
        @DisplayName("picks them in list order, and after the last comes the first")
        void inOrderWrapping() {
            assertThat(picks(new RoundRobin(), web(3), 7))
                    .as("round robin over web-1, web-2, web-3: each in turn, wrapping after web-3")
                    .containsExactly("web-1", "web-2", "web-3", "web-1", "web-2", "web-3", "web-1");
        }

        @Test
        @DisplayName("keeps its position from call to call, whoever the client is")
        void positionKeptAcrossClients() {
            RoundRobin rr = new RoundRobin();
            List<Endpoint> web = web(3);
            assertThat(rr.pick(Ipv4Address.parse("10.244.2.7"), web).pod()).as("the first pick").isEqualTo("web-1");
            assertThat(rr.pick(Ipv4Address.parse("10.244.3.9"), web).pod())
                    .as("a second client gets the next endpoint: round robin ignores who connects").isEqualTo("web-2");
            assertThat(rr.pick(Ipv4Address.parse("192.168.0.1"), web).pod()).as("a third client").isEqualTo("web-3");
            assertThat(rr.pick(Ipv4Address.parse("10.244.2.7"), web).pod()).as("then round again").isEqualTo("web-1");
        }

        @Test
        @DisplayName("a single endpoint gets every connection")
        void singleEndpoint() {
            assertThat(picks(new RoundRobin(), web(1), 4)).as("one endpoint, four picks")
                    .containsExactly("web-1", "web-1", "web-1", "web-1");
        }

        @Test
        @DisplayName("returns the very endpoint objects of the list")
        void returnsListedEndpoints() {
            List<Endpoint> web = web(2);
            RoundRobin rr = new RoundRobin();
            assertThat(rr.pick(CLIENT, web)).as("the first endpoint, 10.244.1.2:8080").isSameAs(web.get(0));
            assertThat(rr.pick(CLIENT, web)).as("the second endpoint, 10.244.1.3:8080").isSameAs(web.get(1));
        }

        @Test
        @DisplayName("two balancers keep their own positions")
        void ownPositions() {
            RoundRobin first = new RoundRobin();
            RoundRobin second = new RoundRobin();
            first.pick(CLIENT, web(3));
            first.pick(CLIENT, web(3));
            assertThat(second.pick(CLIENT, web(3)).pod()).as("a new balancer starts at the first endpoint")
                    .isEqualTo("web-1");
            assertThat(first.pick(CLIENT, web(3)).pod()).as("the first balancer goes on to its third")
                    .isEqualTo("web-3");
        }
    }

    @Nested
    @DisplayName("when the list changes between picks")
    class ChangingList {

        @Test
        @DisplayName("an endpoint appended after a full turn is picked next")
        void growsAfterFullTurn() {
            RoundRobin rr = new RoundRobin();
            assertThat(picks(rr, web(3), 3)).containsExactly("web-1", "web-2", "web-3");
            assertThat(picks(rr, web(4), 3))
                    .as("web-3 (index 2) was picked last; web-4 joins, so the next index is 3 modulo 4: web-4, "
                            + "then round to web-1, web-2")
                    .containsExactly("web-4", "web-1", "web-2");
        }

        @Test
        @DisplayName("a grown list does not restart the turn")
        void growsMidTurn() {
            RoundRobin rr = new RoundRobin();
            assertThat(rr.pick(CLIENT, web(2)).pod()).isEqualTo("web-1");
            assertThat(picks(rr, web(4), 4))
                    .as("web-1 (index 0) was picked last, so after the list grows the turn goes on at index 1")
                    .containsExactly("web-2", "web-3", "web-4", "web-1");
        }

        @Test
        @DisplayName("the next index is the one after the last picked, not a count of all picks")
        void growsAfterWrap() {
            RoundRobin rr = new RoundRobin();
            assertThat(picks(rr, web(3), 4)).containsExactly("web-1", "web-2", "web-3", "web-1");
            assertThat(rr.pick(CLIENT, web(4)).pod())
                    .as("web-1 (index 0) was picked last: the next is index 1 of the new list, web-2 (a count of "
                            + "4 picks modulo 4 would wrongly give web-1 twice in a row)")
                    .isEqualTo("web-2");
        }

        @Test
        @DisplayName("a list that shrank below the position wraps with the new size")
        void shrinks() {
            RoundRobin rr = new RoundRobin();
            assertThat(picks(rr, web(5), 5)).containsExactly("web-1", "web-2", "web-3", "web-4", "web-5");
            assertThat(picks(rr, web(3), 2))
                    .as("web-5 (index 4) was picked last; two pods went away: the next index is 5 modulo 3 = 2, "
                            + "web-3, then web-1")
                    .containsExactly("web-3", "web-1");
            RoundRobin other = new RoundRobin();
            picks(other, web(5), 4);
            assertThat(picks(other, web(3), 3))
                    .as("web-4 (index 3) was picked last; in a list of 3 the next index is 4 modulo 3 = 1")
                    .containsExactly("web-2", "web-3", "web-1");
            RoundRobin third = new RoundRobin();
            picks(third, web(4), 3);
            assertThat(third.pick(CLIENT, web(2)).pod())
                    .as("web-3 (index 2) was picked last; in a list of 2 the next index is 3 modulo 2 = 1")
                    .isEqualTo("web-2");
        }
    }

    @Nested
    @DisplayName("refuses bad arguments")
    class Errors {

        @Test
        @DisplayName("a null client or list, with an IllegalArgumentException")
        void nulls() {
            RoundRobin rr = new RoundRobin();
            assertThatIllegalArgumentException().as("pick(null, endpoints)")
                    .isThrownBy(() -> rr.pick(null, web(2))).withMessageContaining("null");
            assertThatIllegalArgumentException().as("pick(client, null)")
                    .isThrownBy(() -> rr.pick(CLIENT, null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("an empty list, without moving the position")
        void empty() {
            RoundRobin rr = new RoundRobin();
            assertThatIllegalArgumentException()
                    .as("a Service without endpoints is rejected before any balancer runs: there is nothing to pick")
                    .isThrownBy(() -> rr.pick(CLIENT, List.of()));
            assertThat(picks(rr, web(3), 2)).as("the refused picks moved nothing: the first pick is still web-1")
                    .containsExactly("web-1", "web-2");
            assertThatIllegalArgumentException().isThrownBy(() -> rr.pick(CLIENT, List.of()));
            assertThat(rr.pick(CLIENT, web(3)).pod()).as("and the turn goes on after web-2").isEqualTo("web-3");
        }
    }

    @Nested
    @DisplayName("over any number of picks (property)")
    class Properties {

        private static final long SEED = 0x3_4000_0001L;

        @Test
        @DisplayName("follows the list order and never gives one endpoint two picks more than another")
        void fair() {
            qt(SEED).withExamples(300)
                    .forAll(named("endpoints", integers().between(1, 8)), named("picks", integers().between(0, 200))).checkAssert((n, times) -> {
                List<Endpoint> web = web(n);
                RoundRobin rr = new RoundRobin();
                int[] count = new int[n];
                for (int k = 0; k < times; k++) {
                    Endpoint e = rr.pick(CLIENT, web);
                    assertThat(e).as("pick %d of %d over %s is the (k mod n)-th (seed %d)", k + 1, times,
                            count(n, "endpoint"), SEED).isEqualTo(web.get(k % n));
                    count[web.indexOf(e)]++;
                }
                int max = java.util.Arrays.stream(count).max().orElseThrow();
                int min = java.util.Arrays.stream(count).min().orElseThrow();
                assertThat(max - min).as("after %s over %s, picks per endpoint %s differ by at most one (seed %d)",
                        count(times, "pick"), count(n, "endpoint"), java.util.Arrays.toString(count), SEED)
                        .isLessThanOrEqualTo(1);
            });
        }
    }
}
