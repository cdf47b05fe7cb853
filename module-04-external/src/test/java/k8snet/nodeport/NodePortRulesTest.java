package k8snet.nodeport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.balance.Endpoint;
import k8snet.transport.SocketAddress;

/**
 * The NodePort rules of one node's kube-proxy. The endpoints of most tests, in the controller's order (which
 * is deliberately not sorted by node or pod):
 * <pre>
 *   web-3 10.244.0.3:8080 on node-1
 *   web-2 10.244.1.2:8080 on node-2
 *   web-1 10.244.0.2:8080 on node-1
 *   web-4 10.244.9.2:8080 on node-10
 * </pre>
 * node-3 runs none of them.
 */
@DisplayName("A node's NodePort rules by externalTrafficPolicy, and its health-check port (exercise 4.1)")
class NodePortRulesTest {

    private static final NodeEndpoint WEB_3 = endpoint("web-3", "10.244.0.3", "node-1");
    private static final NodeEndpoint WEB_2 = endpoint("web-2", "10.244.1.2", "node-2");
    private static final NodeEndpoint WEB_1 = endpoint("web-1", "10.244.0.2", "node-1");
    private static final NodeEndpoint WEB_4 = endpoint("web-4", "10.244.9.2", "node-10");

    private static final List<NodeEndpoint> ALL = List.of(WEB_3, WEB_2, WEB_1, WEB_4);

    private static NodeEndpoint endpoint(String pod, String ip, String node) {
        return new NodeEndpoint(new Endpoint(pod, SocketAddress.of(ip, 8080)), node);
    }

    private static NodePortDecision.Forward forward(NodePortDecision decision, String why) {
        assertThat(decision).as(why + ": expected a Forward, got %s", decision)
                .isInstanceOf(NodePortDecision.Forward.class);
        return (NodePortDecision.Forward) decision;
    }

    private static NodePortDecision.Drop drop(NodePortDecision decision, String why) {
        assertThat(decision).as(why + ": expected a Drop, got %s", decision).isInstanceOf(NodePortDecision.Drop.class);
        return (NodePortDecision.Drop) decision;
    }

    @Nested
    @DisplayName("under externalTrafficPolicy: Cluster")
    class Cluster {

        @ParameterizedTest(name = "at {0}")
        @CsvSource({"node-1", "node-2", "node-3", "node-10"})
        void forwardsToEveryEndpointWithSnat(String node) {
            NodePortDecision.Forward f = forward(NodePortRules.decide(TrafficPolicy.CLUSTER, node, ALL),
                    "policy Cluster with four endpoints, at " + node);
            assertThat(f.candidates())
                    .as("under Cluster any ready endpoint may take the connection, on whichever node it runs: all "
                            + "four, in the order given (not sorted), whether or not %s runs one", node)
                    .containsExactly(WEB_3, WEB_2, WEB_1, WEB_4);
            assertThat(f.snat())
                    .as("under Cluster the node masquerades: the pod may be on another node, and the reply must "
                            + "come back through %s to be translated back", node)
                    .isTrue();
            assertThat(f).isEqualTo(new NodePortDecision.Forward(ALL, true));
        }

        @Test
        @DisplayName("masquerades even when every endpoint runs on the receiving node")
        void snatEvenWhenAllLocal() {
            assertThat(NodePortRules.decide(TrafficPolicy.CLUSTER, "node-1", List.of(WEB_3, WEB_1)))
                    .as("under Cluster kube-proxy marks every external packet for masquerade, without looking "
                            + "where the endpoints run: web-3 and web-1 both run on node-1, and it still SNATs")
                    .isEqualTo(new NodePortDecision.Forward(List.of(WEB_3, WEB_1), true));
        }

        @Test
        @DisplayName("forwards to a single endpoint on another node, with SNAT")
        void oneRemoteEndpoint() {
            assertThat(NodePortRules.decide(TrafficPolicy.CLUSTER, "node-3", List.of(WEB_2)))
                    .as("node-3 runs no pod of the Service, but under Cluster it forwards to web-2 on node-2")
                    .isEqualTo(new NodePortDecision.Forward(List.of(WEB_2), true));
        }

        @Test
        @DisplayName("drops when the Service has no endpoints")
        void noEndpoints() {
            NodePortDecision.Drop d = drop(NodePortRules.decide(TrafficPolicy.CLUSTER, "node-1", List.of()),
                    "policy Cluster without any endpoint");
            assertThat(d.reason()).as("the reason says the Service has no endpoints").containsIgnoringCase("endpoint");
        }
    }

    @Nested
    @DisplayName("under externalTrafficPolicy: Local")
    class Local {

        @Test
        @DisplayName("forwards only to the receiving node's endpoints, in the given order, without SNAT")
        void onlyLocalEndpoints() {
            NodePortDecision.Forward f = forward(NodePortRules.decide(TrafficPolicy.LOCAL, "node-1", ALL),
                    "policy Local at node-1, which runs web-3 and web-1");
            assertThat(f.candidates())
                    .as("under Local only node-1's own endpoints, web-3 then web-1 as the controller listed them; "
                            + "web-2 (node-2) and web-4 (node-10) are left out")
                    .containsExactly(WEB_3, WEB_1);
            assertThat(f.snat())
                    .as("under Local the client's address is kept: no SNAT, so the pod sees who connected").isFalse();
            assertThat(f).isEqualTo(new NodePortDecision.Forward(List.of(WEB_3, WEB_1), false));
        }

        @Test
        @DisplayName("forwards to the one local endpoint of node-2")
        void oneLocalEndpoint() {
            assertThat(NodePortRules.decide(TrafficPolicy.LOCAL, "node-2", ALL))
                    .as("node-2 runs web-2 only")
                    .isEqualTo(new NodePortDecision.Forward(List.of(WEB_2), false));
        }

        @Test
        @DisplayName("drops at a node without a local endpoint, though other nodes have some, naming the node")
        void noLocalEndpoint() {
            NodePortDecision.Drop d = drop(NodePortRules.decide(TrafficPolicy.LOCAL, "node-3", ALL),
                    "policy Local at node-3, which runs none of the four endpoints");
            assertThat(d.reason())
                    .as("under Local a node never forwards to another node's endpoint; the reason names the node and "
                            + "says it has no local endpoint")
                    .contains("node-3")
                    .containsIgnoringCase("local");
        }

        @Test
        @DisplayName("drops when the Service has no endpoints at all")
        void noEndpoints() {
            drop(NodePortRules.decide(TrafficPolicy.LOCAL, "node-1", List.of()), "policy Local without any endpoint");
        }
    }

    @Nested
    @DisplayName("compares node names exactly")
    class NodeNames {

        @Test
        @DisplayName("node-1 is not node-10, and node-10 is not node-1")
        void noPrefixMatch() {
            assertThat(NodePortRules.decide(TrafficPolicy.LOCAL, "node-1", ALL))
                    .as("web-4 runs on node-10, which only starts like node-1")
                    .isEqualTo(new NodePortDecision.Forward(List.of(WEB_3, WEB_1), false));
            assertThat(NodePortRules.decide(TrafficPolicy.LOCAL, "node-10", ALL))
                    .as("node-10 runs web-4 only; node-1's endpoints are not its own")
                    .isEqualTo(new NodePortDecision.Forward(List.of(WEB_4), false));
            assertThat(NodePortRules.healthCheck("node-1", ALL)).as("node-1 runs two endpoints, not three")
                    .isEqualTo(new HealthCheck(200, 2));
            assertThat(NodePortRules.healthCheck("node-10", ALL)).isEqualTo(new HealthCheck(200, 1));
        }

        @ParameterizedTest(name = "\"{0}\" runs nothing")
        @CsvSource({"Node-1", "NODE-1", "node", "node-", "ode-1", "'node-1 '", "node-100", "1"})
        void noLooseMatch(String node) {
            drop(NodePortRules.decide(TrafficPolicy.LOCAL, node, ALL),
                    "\"" + node + "\" is no node that runs an endpoint (names are compared exactly, case included)");
            assertThat(NodePortRules.healthCheck(node, ALL)).as("\"%s\" has no endpoint", node)
                    .isEqualTo(new HealthCheck(503, 0));
        }
    }

    @Nested
    @DisplayName("answers the healthCheckNodePort")
    class Health {

        @ParameterizedTest(name = "{0}: {1} with {2} local endpoint(s)")
        @CsvSource({"node-1, 200, 2", "node-2, 200, 1", "node-10, 200, 1", "node-3, 503, 0"})
        void statusAndCount(String node, int status, int count) {
            HealthCheck h = NodePortRules.healthCheck(node, ALL);
            assertThat(h.status()).as("%s: 200 while it runs an endpoint of the Service, 503 without", node)
                    .isEqualTo(status);
            assertThat(h.localEndpoints()).as("%s: the count of endpoints on this node, not of all four", node)
                    .isEqualTo(count);
            assertThat(h.healthy()).isEqualTo(status == 200);
            assertThat(h.body()).as("kube-proxy's JSON body, reduced to the count")
                    .isEqualTo("{\"localEndpoints\": " + count + "}");
        }

        @Test
        @DisplayName("503 with 0 for a Service without endpoints")
        void noEndpoints() {
            HealthCheck h = NodePortRules.healthCheck("node-1", List.of());
            assertThat(h).isEqualTo(new HealthCheck(HealthCheck.UNAVAILABLE, 0));
            assertThat(h.body()).isEqualTo("{\"localEndpoints\": 0}");
            assertThat(h.healthy()).isFalse();
        }

        @Test
        @DisplayName("counts every endpoint on the node, however many")
        void counts() {
            List<NodeEndpoint> five = List.of(WEB_1, WEB_2, endpoint("web-5", "10.244.0.5", "node-1"),
                    endpoint("web-6", "10.244.0.6", "node-1"), endpoint("web-7", "10.244.0.7", "node-1"));
            assertThat(NodePortRules.healthCheck("node-1", five)).isEqualTo(new HealthCheck(200, 4));
            assertThat(NodePortRules.healthCheck("node-1", five).body()).isEqualTo("{\"localEndpoints\": 4}");
            assertThat(NodePortRules.healthCheck("node-2", five)).isEqualTo(new HealthCheck(200, 1));
        }
    }

    @Nested
    @DisplayName("refuses null arguments with an IllegalArgumentException")
    class Nulls {

        @Test
        @DisplayName("in decide")
        void decide() {
            assertThatIllegalArgumentException().as("decide(null, node, endpoints)")
                    .isThrownBy(() -> NodePortRules.decide(null, "node-1", ALL));
            assertThatIllegalArgumentException().as("decide(policy, null, endpoints)")
                    .isThrownBy(() -> NodePortRules.decide(TrafficPolicy.CLUSTER, null, ALL));
            assertThatIllegalArgumentException().as("decide(policy, null, endpoints) under Local")
                    .isThrownBy(() -> NodePortRules.decide(TrafficPolicy.LOCAL, null, ALL));
            assertThatIllegalArgumentException().as("decide(policy, node, null)")
                    .isThrownBy(() -> NodePortRules.decide(TrafficPolicy.CLUSTER, "node-1", null));
            assertThatIllegalArgumentException().as("decide(policy, node, null) under Local")
                    .isThrownBy(() -> NodePortRules.decide(TrafficPolicy.LOCAL, "node-1", null));
            List<NodeEndpoint> withNull = Arrays.asList(WEB_1, null);
            assertThatIllegalArgumentException().as("a null endpoint in the list, under Cluster")
                    .isThrownBy(() -> NodePortRules.decide(TrafficPolicy.CLUSTER, "node-1", withNull));
            assertThatIllegalArgumentException().as("a null endpoint in the list, under Local")
                    .isThrownBy(() -> NodePortRules.decide(TrafficPolicy.LOCAL, "node-1", withNull));
        }

        @Test
        @DisplayName("in healthCheck")
        void healthCheck() {
            assertThatIllegalArgumentException().as("healthCheck(null, endpoints)")
                    .isThrownBy(() -> NodePortRules.healthCheck(null, ALL));
            assertThatIllegalArgumentException().as("healthCheck(node, null)")
                    .isThrownBy(() -> NodePortRules.healthCheck("node-1", null));
            assertThatIllegalArgumentException().as("a null endpoint in the list")
                    .isThrownBy(() -> NodePortRules.healthCheck("node-1", Arrays.asList(WEB_1, null)));
            assertThatIllegalArgumentException().as("a null endpoint in the list, on a node that runs none")
                    .isThrownBy(() -> NodePortRules.healthCheck("node-3", Arrays.asList(WEB_1, null)));
        }
    }
}
