package k8snet.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.balance.Endpoint;
import k8snet.ip.Ipv4Address;
import k8snet.nodeport.NodeEndpoint;
import k8snet.nodeport.TrafficPolicy;
import k8snet.transport.SocketAddress;
import k8snet.workload.Draws;

/**
 * The external load balancer's choice of node. The nodes of most tests, in this order:
 * <pre>
 *   node-1  192.168.1.11  up     runs web-1
 *   node-2  192.168.1.12  down   runs web-2 (its pod is listed, but the node answers nothing)
 *   node-3  192.168.1.13  up     runs nothing
 *   node-10 192.168.1.20  up     runs web-3 and web-4
 * </pre>
 */
@DisplayName("A cloud load balancer's health checks and choice of node (exercise 4.2)")
class NodeBalancerTest {

    private static final Ipv4Address CLIENT = Ipv4Address.parse("198.51.100.7");

    private static final NodeStatus N1 = new NodeStatus("node-1", Ipv4Address.parse("192.168.1.11"), true);
    private static final NodeStatus N2_DOWN = new NodeStatus("node-2", Ipv4Address.parse("192.168.1.12"), false);
    private static final NodeStatus N3 = new NodeStatus("node-3", Ipv4Address.parse("192.168.1.13"), true);
    private static final NodeStatus N10 = new NodeStatus("node-10", Ipv4Address.parse("192.168.1.20"), true);

    private static final List<NodeStatus> NODES = List.of(N1, N2_DOWN, N3, N10);

    private static final List<NodeEndpoint> ENDPOINTS = List.of(
            endpoint("web-3", "10.244.9.3", "node-10"),
            endpoint("web-2", "10.244.1.2", "node-2"),
            endpoint("web-1", "10.244.0.2", "node-1"),
            endpoint("web-4", "10.244.9.4", "node-10"));

    private static NodeEndpoint endpoint(String pod, String ip, String node) {
        return new NodeEndpoint(new Endpoint(pod, SocketAddress.of(ip, 8080)), node);
    }

    private static NodeStatus node(int i, boolean up) {
        return new NodeStatus("node-" + i, Ipv4Address.of(192, 168, 1, 10 + i), up);
    }

    private static List<NodeStatus> upNodes(int n) {
        List<NodeStatus> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(node(i, true));
        }
        return List.copyOf(out);
    }

    /**
     * Answers {@code nextInt(bound)} with scripted values and records each bound asked for; any other draw is
     * an error, since the rule is one {@code nextInt(n)} per pick.
     */
    private static final class RecordingRandom implements RandomGenerator {
        private final Deque<Integer> answers = new ArrayDeque<>();
        private final List<Integer> bounds = new ArrayList<>();

        RecordingRandom(int... answers) {
            for (int a : answers) {
                this.answers.add(a);
            }
        }

        @Override
        public int nextInt(int bound) {
            bounds.add(bound);
            if (answers.isEmpty()) {
                throw new AssertionError("pick drew more numbers than it was called: one nextInt(n) per pick; "
                        + "bounds asked so far " + bounds);
            }
            return answers.remove();
        }

        @Override
        public int nextInt() {
            throw new AssertionError("pick draws with random.nextInt(n), n the number of healthy nodes; not nextInt()");
        }

        @Override
        public int nextInt(int origin, int bound) {
            throw new AssertionError("pick draws with random.nextInt(n), n the number of healthy nodes; not "
                    + "nextInt(" + origin + ", " + bound + ")");
        }

        @Override
        public long nextLong() {
            throw new AssertionError("pick draws with random.nextInt(n), n the number of healthy nodes; not nextLong()");
        }

        @Override
        public double nextDouble() {
            throw new AssertionError("pick draws with random.nextInt(n), n the number of healthy nodes; not "
                    + "nextDouble()");
        }

        /** Asserts the bounds drawn so far are exactly {@code expected}, saying both in words when they are not. */
        void assertDrew(String context, Integer... expected) {
            List<Integer> wanted = List.of(expected);
            assertThat(bounds).as(context)
                    .withFailMessage("expected %s, but the balancer drew %s", Draws.expected(wanted),
                            Draws.made(bounds))
                    .isEqualTo(wanted);
        }
    }

    @Nested
    @DisplayName("decides which nodes pass the health check")
    class Healthy {

        private final NodeBalancer lb = new NodeBalancer(new RecordingRandom());

        @Test
        @DisplayName("under Cluster, every node that is up, in the given order")
        void cluster() {
            assertThat(lb.healthy(TrafficPolicy.CLUSTER, NODES, ENDPOINTS))
                    .as("under Cluster kube-proxy's own health endpoint answers on every running node, with or "
                            + "without a local pod (node-3 forwards elsewhere); node-2 is down")
                    .containsExactly(N1, N3, N10);
            assertThat(lb.healthy(TrafficPolicy.CLUSTER, NODES, List.of()))
                    .as("under Cluster a node's health does not depend on the Service's endpoints, even none")
                    .containsExactly(N1, N3, N10);
            assertThat(lb.healthy(TrafficPolicy.CLUSTER, List.of(N10, N3, N2_DOWN, N1), ENDPOINTS))
                    .as("the nodes keep the order they were given in, not sorted")
                    .containsExactly(N10, N3, N1);
        }

        @Test
        @DisplayName("under Local, the nodes that are up and run an endpoint, in the given order")
        void local() {
            assertThat(lb.healthy(TrafficPolicy.LOCAL, NODES, ENDPOINTS))
                    .as("under Local a node's healthCheckNodePort answers 503 without a local endpoint (node-3), "
                            + "and a node that is down answers nothing (node-2, though web-2 is listed on it)")
                    .containsExactly(N1, N10);
            assertThat(lb.healthy(TrafficPolicy.LOCAL, List.of(N10, N3, N1), ENDPOINTS))
                    .as("in the given order").containsExactly(N10, N1);
            assertThat(lb.healthy(TrafficPolicy.LOCAL, NODES, List.of()))
                    .as("under Local a Service without endpoints has no healthy node").isEmpty();
        }

        @Test
        @DisplayName("never a node that is down")
        void downNodes() {
            List<NodeStatus> allDown = List.of(node(1, false), node(2, false));
            List<NodeEndpoint> onBoth = List.of(endpoint("a", "10.244.0.2", "node-1"),
                    endpoint("b", "10.244.1.2", "node-2"));
            assertThat(lb.healthy(TrafficPolicy.CLUSTER, allDown, onBoth)).as("Cluster: both nodes are down").isEmpty();
            assertThat(lb.healthy(TrafficPolicy.LOCAL, allDown, onBoth)).as("Local: both nodes are down").isEmpty();
            assertThat(lb.healthy(TrafficPolicy.CLUSTER, List.of(), onBoth)).as("no node at all").isEmpty();
        }

        @Test
        @DisplayName("compares node names exactly: node-1 does not pass on node-10's endpoints")
        void exactNames() {
            List<NodeStatus> nodes = List.of(N1, N10, new NodeStatus("Node-3", N3.ip(), true));
            List<NodeEndpoint> onTen = List.of(endpoint("web-3", "10.244.9.3", "node-10"),
                    endpoint("x", "10.244.2.2", "node-3"));
            assertThat(lb.healthy(TrafficPolicy.LOCAL, nodes, onTen))
                    .as("only node-10 runs an endpoint; node-1 only shares its first characters, and Node-3 is not "
                            + "node-3")
                    .containsExactly(N10);
        }

        @Test
        @DisplayName("draws no random number")
        void noDraw() {
            RecordingRandom random = new RecordingRandom();
            NodeBalancer balancer = new NodeBalancer(random);
            balancer.healthy(TrafficPolicy.CLUSTER, NODES, ENDPOINTS);
            balancer.healthy(TrafficPolicy.LOCAL, NODES, ENDPOINTS);
            random.assertDrew("health checks involve no chance");
        }
    }

    @Nested
    @DisplayName("picks a node for each new connection")
    class Pick {

        @ParameterizedTest(name = "nextInt({0}) = {1}: {2}")
        @CsvSource({"1, 0, node-1", "2, 0, node-1", "2, 1, node-2", "3, 0, node-1", "3, 1, node-2", "3, 2, node-3",
            "5, 4, node-5", "5, 2, node-3"})
        void indexIsTheDraw(int n, int draw, String expected) {
            RecordingRandom random = new RecordingRandom(draw);
            Optional<NodeStatus> picked = new NodeBalancer(random).pick(CLIENT, upNodes(n));
            assertThat(picked.map(NodeStatus::node)).as("among %d healthy nodes the pick is the one at index "
                    + "random.nextInt(%d), here %d", n, n, draw).contains(expected);
            random.assertDrew("one pick among " + n + (n == 1 ? " healthy node draws once, nextInt(n) with n = 1, "
                    + "even though there is nothing to choose" : " healthy nodes draws once, nextInt(n) with n = " + n),
                    n);
        }

        @Test
        @DisplayName("one draw per pick, bounded by the current list's size")
        void oneDrawPerPick() {
            RecordingRandom random = new RecordingRandom(2, 0, 1, 0, 3);
            NodeBalancer lb = new NodeBalancer(random);
            List<String> picked = new ArrayList<>();
            picked.add(lb.pick(CLIENT, upNodes(3)).orElseThrow().node());
            picked.add(lb.pick(CLIENT, upNodes(3)).orElseThrow().node());
            picked.add(lb.pick(CLIENT, upNodes(2)).orElseThrow().node());
            picked.add(lb.pick(CLIENT, upNodes(1)).orElseThrow().node());
            picked.add(lb.pick(CLIENT, upNodes(4)).orElseThrow().node());
            assertThat(picked).containsExactly("node-3", "node-1", "node-2", "node-1", "node-4");
            random.assertDrew("five picks, one draw each, bounded by the healthy nodes of that pick: 3, 3, 2, 1 "
                    + "and 4", 3, 3, 2, 1, 4);
        }

        @Test
        @DisplayName("with no healthy node, answers empty without drawing")
        void empty() {
            RecordingRandom random = new RecordingRandom();
            NodeBalancer lb = new NodeBalancer(random);
            assertThat(lb.pick(CLIENT, List.of())).as("nowhere to send the connection").isEmpty();
            random.assertDrew("an empty list needs no draw (nextInt(0) would throw)");
        }

        @Test
        @DisplayName("picks among the list it is given, down nodes included: health is healthy()'s job")
        void givenList() {
            RecordingRandom random = new RecordingRandom(1);
            assertThat(new NodeBalancer(random).pick(CLIENT, NODES)).contains(N2_DOWN);
        }

        @Test
        @DisplayName("replays a seeded generator exactly, whoever the client")
        void seededReplay() {
            long seed = 4_2_2026L;
            NodeBalancer lb = new NodeBalancer(new SplittableRandom(seed));
            SplittableRandom reference = new SplittableRandom(seed);
            List<String> expected = new ArrayList<>();
            List<String> actual = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                List<NodeStatus> healthy = upNodes(1 + k % 6);
                expected.add(healthy.get(reference.nextInt(healthy.size())).node());
                Ipv4Address client = Ipv4Address.of(198, 51, 100, k % 250);
                actual.add(lb.pick(client, healthy).orElseThrow().node());
                if (k % 7 == 0) {
                    assertThat(lb.pick(client, List.of())).isEmpty();
                }
            }
            assertThat(actual).as("200 picks over 1 to 6 nodes from new SplittableRandom(%d), by varying clients, "
                    + "with empty picks between them: each pick is healthy.get(random.nextInt(n)), the client plays "
                    + "no part and an empty list draws nothing", seed)
                    .containsExactlyElementsOf(expected);
        }

        @Test
        @DisplayName("the client's address does not change the choice")
        void clientIgnored() {
            NodeBalancer a = new NodeBalancer(new SplittableRandom(11));
            NodeBalancer b = new NodeBalancer(new SplittableRandom(11));
            for (int k = 0; k < 50; k++) {
                assertThat(a.pick(CLIENT, upNodes(4)))
                        .as("pick %d: the same draw, from a different client", k)
                        .isEqualTo(b.pick(Ipv4Address.of(203, 0, 113, k), upNodes(4)));
            }
        }
    }

    @Nested
    @DisplayName("spreads connections evenly (property)")
    class Fairness {

        private static final long SEED = 0x4_2000_0002L;
        private static final int PICKS = 4_000;
        /** Each share may differ from 1/n by this much: 3.2 standard deviations at n = 2, 4.2 at n = 6. */
        private static final double TOLERANCE = 0.025;

        @Test
        @DisplayName("over 4,000 picks each of 1 to 6 nodes gets 1/n, give or take 0.025, whatever the seed")
        void evenShares() {
            qt(SEED).withExamples(25).forAll(named("random seed", longs().all()), named("healthy nodes", integers().between(1, 6)))
                    .checkAssert((seed, n) -> {
                        NodeBalancer lb = new NodeBalancer(new SplittableRandom(seed));
                        List<NodeStatus> healthy = upNodes(n);
                        int[] count = new int[n];
                        for (int k = 0; k < PICKS; k++) {
                            count[indexOf(healthy, lb.pick(CLIENT, healthy).orElseThrow())]++;
                        }
                        for (int i = 0; i < n; i++) {
                            assertThat(count[i] / (double) PICKS)
                                    .as("the share of node-%d of %d over %d picks from new SplittableRandom(%d) "
                                            + "(property seed %d; counts %s)", i + 1, n, PICKS, seed, SEED,
                                            Arrays.toString(count))
                                    .isCloseTo(1.0 / n, within(TOLERANCE));
                        }
                    });
        }

        /**
         * {@code nodes.indexOf(picked)}, trying the list's own objects first: the record's generated equals, called
         * for each of 100,000 picks, cost more than the picks on a test JVM that has just started.
         */
        private int indexOf(List<NodeStatus> nodes, NodeStatus picked) {
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i) == picked) {
                    return i;
                }
            }
            return nodes.indexOf(picked);
        }
    }

    @Nested
    @DisplayName("refuses null arguments with an IllegalArgumentException")
    class Nulls {

        @Test
        @DisplayName("a null generator")
        void constructor() {
            assertThatIllegalArgumentException().as("new NodeBalancer(null)")
                    .isThrownBy(() -> new NodeBalancer(null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("in healthy")
        void healthy() {
            NodeBalancer lb = new NodeBalancer(new RecordingRandom());
            assertThatIllegalArgumentException().as("healthy(null, nodes, endpoints)")
                    .isThrownBy(() -> lb.healthy(null, NODES, ENDPOINTS));
            assertThatIllegalArgumentException().as("healthy(policy, null, endpoints)")
                    .isThrownBy(() -> lb.healthy(TrafficPolicy.CLUSTER, null, ENDPOINTS));
            assertThatIllegalArgumentException().as("healthy(Cluster, nodes, null): null even where unused")
                    .isThrownBy(() -> lb.healthy(TrafficPolicy.CLUSTER, NODES, null));
            assertThatIllegalArgumentException().as("healthy(Local, nodes, null)")
                    .isThrownBy(() -> lb.healthy(TrafficPolicy.LOCAL, NODES, null));
            assertThatIllegalArgumentException().as("a null node in the list")
                    .isThrownBy(() -> lb.healthy(TrafficPolicy.CLUSTER, Arrays.asList(N1, null), ENDPOINTS));
            assertThatIllegalArgumentException().as("a null endpoint in the list, under Cluster")
                    .isThrownBy(() -> lb.healthy(TrafficPolicy.CLUSTER, NODES, Arrays.asList(ENDPOINTS.get(0), null)));
            assertThatIllegalArgumentException().as("a null endpoint in the list, under Local")
                    .isThrownBy(() -> lb.healthy(TrafficPolicy.LOCAL, NODES, Arrays.asList(ENDPOINTS.get(0), null)));
        }

        @Test
        @DisplayName("in pick, before any draw")
        void pick() {
            RecordingRandom random = new RecordingRandom();
            NodeBalancer lb = new NodeBalancer(random);
            assertThatIllegalArgumentException().as("pick(null, healthy)")
                    .isThrownBy(() -> lb.pick(null, List.of(N1)));
            assertThatIllegalArgumentException().as("pick(null, empty list)")
                    .isThrownBy(() -> lb.pick(null, List.of()));
            assertThatIllegalArgumentException().as("pick(client, null)")
                    .isThrownBy(() -> lb.pick(CLIENT, null));
            assertThatIllegalArgumentException().as("a null node in the list")
                    .isThrownBy(() -> lb.pick(CLIENT, Arrays.asList(N1, null)));
            random.assertDrew("refused calls draw nothing");
        }
    }
}
