package k8snet.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import k8snet.ip.Ipv4Address;
import k8snet.transport.SocketAddress;

@DisplayName("Least connections, IPVS's lc scheduler (exercise 3.4)")
class LeastConnectionsTest {

    private static final Ipv4Address CLIENT = Ipv4Address.parse("10.244.2.7");

    private static final Endpoint WEB_1 = endpoint(1);
    private static final Endpoint WEB_2 = endpoint(2);
    private static final Endpoint WEB_3 = endpoint(3);

    private static Endpoint endpoint(int i) {
        return new Endpoint("web-" + i, SocketAddress.of("10.244.1." + (i + 1), 8080));
    }

    /** "1 open connection", "3 open connections": a count with its noun. */
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
    @DisplayName("sends a new connection to the least busy endpoint")
    class Picking {

        @Test
        @DisplayName("on a tie, the endpoint listed first")
        void tiesToTheFirst() {
            LeastConnections lc = new LeastConnections();
            assertThat(picks(lc, List.of(WEB_1, WEB_2, WEB_3), 4))
                    .as("all start with 0 open connections: each pick opens one, and ties go to the first listed, "
                            + "so web-1, web-2, web-3, then web-1 again when all have one")
                    .containsExactly("web-1", "web-2", "web-3", "web-1");
        }

        @Test
        @DisplayName("after a close, the endpoint with the fewest open connections, wherever it is listed")
        void fewestAfterClose() {
            LeastConnections lc = new LeastConnections();
            List<Endpoint> web = List.of(WEB_1, WEB_2, WEB_3);
            picks(lc, web, 3);
            lc.closed(WEB_3);
            assertThat(lc.pick(CLIENT, web).pod())
                    .as("web-1 and web-2 have one open connection each, web-3 none after its close").isEqualTo("web-3");
            lc.closed(WEB_2);
            assertThat(lc.pick(CLIENT, web).pod()).as("web-2's connection closed: it has none now")
                    .isEqualTo("web-2");
            assertThat(lc.pick(CLIENT, web).pod()).as("all have one: the first listed").isEqualTo("web-1");
            assertThat(lc.pick(CLIENT, web).pod()).as("web-1 has two, the others one: the first of those")
                    .isEqualTo("web-2");
        }

        @Test
        @DisplayName("as in the class example: web-1, web-2, then web-1 once its connection closed")
        void example() {
            LeastConnections lc = new LeastConnections();
            List<Endpoint> web = List.of(WEB_1, WEB_2);
            assertThat(lc.pick(CLIENT, web)).as("both idle: the first").isEqualTo(WEB_1);
            assertThat(lc.pick(CLIENT, web)).as("web-1 is busy").isEqualTo(WEB_2);
            lc.closed(WEB_1);
            assertThat(lc.pick(CLIENT, web)).as("web-1 has 0 open again, web-2 has 1").isEqualTo(WEB_1);
            lc.closed(WEB_1);
            lc.closed(WEB_2);
            assertThat(lc.pick(CLIENT, web)).as("all closed: both idle again, the first wins").isEqualTo(WEB_1);
        }

        @Test
        @DisplayName("long connections pile up on one endpoint, so new ones go elsewhere")
        void longConnections() {
            LeastConnections lc = new LeastConnections();
            List<Endpoint> web = List.of(WEB_1, WEB_2);
            List<String> pods = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Endpoint e = lc.pick(CLIENT, web);
                pods.add(e.pod());
                if (e.equals(WEB_2)) {
                    lc.closed(e); // web-2 serves short requests, web-1 keeps its connections open
                }
            }
            assertThat(pods).as("web-1's connections stay open while web-2's end at once, so web-2 gets all but "
                    + "the first").containsExactly("web-1", "web-2", "web-2", "web-2", "web-2", "web-2");
        }

        @Test
        @DisplayName("counts follow the endpoint when the list is reordered or changes")
        void countsBelongToTheEndpoint() {
            LeastConnections lc = new LeastConnections();
            assertThat(picks(lc, List.of(WEB_1, WEB_2), 3)).containsExactly("web-1", "web-2", "web-1");
            assertThat(lc.pick(CLIENT, List.of(WEB_2, WEB_3)))
                    .as("web-1 left the list; web-2 has one open, the new web-3 none").isEqualTo(WEB_3);
            assertThat(lc.pick(CLIENT, List.of(WEB_1, WEB_2, WEB_3)))
                    .as("web-1 is back with its two open connections; web-2 and web-3 have one: the first of those")
                    .isEqualTo(WEB_2);
            assertThat(lc.pick(CLIENT, List.of(WEB_3, WEB_2, WEB_1)))
                    .as("web-3 has one, web-2 and web-1 two: the count goes with the endpoint, not its place")
                    .isEqualTo(WEB_3);
            assertThat(lc.pick(CLIENT, List.of(WEB_3, WEB_2, WEB_1)))
                    .as("all have two: the first listed is web-3 now").isEqualTo(WEB_3);
        }

        @Test
        @DisplayName("equal endpoints share one count")
        void equalEndpoints() {
            LeastConnections lc = new LeastConnections();
            lc.pick(CLIENT, List.of(WEB_1, WEB_2));
            Endpoint sameAsWeb1 = new Endpoint("web-1", SocketAddress.of("10.244.1.2", 8080));
            assertThat(lc.pick(CLIENT, List.of(sameAsWeb1, WEB_2)))
                    .as("an equal web-1 record is the same endpoint, with the connection already open")
                    .isEqualTo(WEB_2);
            lc.closed(sameAsWeb1);
            assertThat(lc.pick(CLIENT, List.of(WEB_1, WEB_2))).as("the close counted for web-1").isEqualTo(WEB_1);
        }
    }

    @Nested
    @DisplayName("never lets a count go below zero")
    class Closing {

        @Test
        @DisplayName("closing an endpoint with no open connection is an IllegalStateException naming it")
        void neverBelowZero() {
            LeastConnections lc = new LeastConnections();
            assertThatIllegalStateException().as("web-3 was never picked, so no connection to it can close")
                    .isThrownBy(() -> lc.closed(WEB_3)).withMessageContaining("web-3 (10.244.1.4:8080)");
            lc.pick(CLIENT, List.of(WEB_1, WEB_2));
            lc.closed(WEB_1);
            assertThatIllegalStateException().as("web-1's one connection is closed already")
                    .isThrownBy(() -> lc.closed(WEB_1)).withMessageContaining("web-1");
            assertThat(picks(lc, List.of(WEB_1, WEB_2), 3))
                    .as("the refused closes changed nothing: both have 0 open, so web-1, web-2, web-1")
                    .containsExactly("web-1", "web-2", "web-1");
        }

        @Test
        @DisplayName("two open connections take two closes")
        void twoCloses() {
            LeastConnections lc = new LeastConnections();
            picks(lc, List.of(WEB_1), 2);
            lc.closed(WEB_1);
            lc.closed(WEB_1);
            assertThatIllegalStateException().as("web-1 had two connections, both closed")
                    .isThrownBy(() -> lc.closed(WEB_1)).withMessageContaining("web-1");
        }

        @Test
        @DisplayName("null arguments and an empty list are rejected with an IllegalArgumentException")
        void nulls() {
            LeastConnections lc = new LeastConnections();
            assertThatIllegalArgumentException().as("closed(null)")
                    .isThrownBy(() -> lc.closed(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("pick(null, endpoints)")
                    .isThrownBy(() -> lc.pick(null, List.of(WEB_1))).withMessageContaining("null");
            assertThatIllegalArgumentException().as("pick(client, null)")
                    .isThrownBy(() -> lc.pick(CLIENT, null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a Service without endpoints: nothing to pick")
                    .isThrownBy(() -> lc.pick(CLIENT, List.of()));
            assertThat(lc.pick(CLIENT, List.of(WEB_1, WEB_2))).as("the refused calls opened nothing")
                    .isEqualTo(WEB_1);
        }
    }

    @Nested
    @DisplayName("under random opens and closes (property)")
    class Properties {

        private static final long SEED = 0x3_4000_0003L;

        @Test
        @DisplayName("never picks an endpoint with more open connections than another listed one")
        void neverBusier() {
            qt(SEED).withExamples(300)
                    .forAll(named("endpoints", integers().between(1, 5)),
                            named("steps (n > 0: a new connection; n <= 0: one closes)", lists().of(integers().between(-6, 6))
                                    .ofSizeBetween(1, 120)))
                    .checkAssert((n, steps) -> {
                List<Endpoint> web = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    web.add(endpoint(i));
                }
                LeastConnections lc = new LeastConnections();
                int[] open = new int[n];
                List<String> history = new ArrayList<>();
                for (int step : steps) {
                    if (step < 0 && open[-step % n] > 0) {
                        int k = -step % n;
                        lc.closed(web.get(k));
                        open[k]--;
                        history.add("close " + web.get(k).pod());
                        continue;
                    }
                    Endpoint e = lc.pick(CLIENT, web);
                    int k = web.indexOf(e);
                    for (int j = 0; j < n; j++) {
                        assertThat(open[k]).as("after %s, %s with %s was picked while %s had %d (seed %d)", history,
                                e.pod(), count(open[k], "open connection"), web.get(j).pod(), open[j], SEED)
                                .isLessThanOrEqualTo(open[j]);
                    }
                    int first = 0;
                    for (int j = 1; j < n; j++) {
                        if (open[j] < open[first]) {
                            first = j;
                        }
                    }
                    assertThat(e).as("after %s, the first of the least busy endpoints (seed %d)", history, SEED)
                            .isEqualTo(web.get(first));
                    open[k]++;
                    history.add("pick " + e.pod());
                }
            });
        }
    }
}
