package k8snet.nodeport;

import java.util.List;

import k8snet.Require;

/**
 * What a node's kube-proxy does with a new connection from outside the cluster to one of its NodePorts, by the
 * Service's {@code externalTrafficPolicy}, and what its health-check port answers (Kubernetes docs "Virtual IPs
 * and Service Proxies", "Traffic policies"; "Create an External Load Balancer", "Preserving the client source
 * IP").
 *
 * <pre>{@code
 * NodePortRules.decide(TrafficPolicy.CLUSTER, "node-1", endpoints);  // Forward(all endpoints, snat = true)
 * NodePortRules.decide(TrafficPolicy.LOCAL, "node-1", endpoints);    // Forward(node-1's only, snat = false)
 * NodePortRules.healthCheck("node-3", endpoints);                    // 503, 0 local endpoints
 * }</pre>
 *
 * <p><b>Exercise 4.1 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The endpoints given are the Service port's ready endpoints (or, as module 3's controller gives them, the
 *       serving-terminating ones when none is ready), each with its pod's node, in the controller's order.</li>
 *   <li>{@code Cluster}: with endpoints, forward to any of them, all in the given order, with SNAT to the
 *       receiving node's address: the pod may run on another node, and the reply must come back through this
 *       node to be translated back. With none, drop (the reason says the Service has no endpoints).</li>
 *   <li>{@code Local}: forward only to the endpoints on the receiving node, in the given order, without SNAT, so
 *       the pod sees the client's real address. With none on this node, drop, even if other nodes have some:
 *       the reason names the node and says it has no local endpoint for {@code externalTrafficPolicy: Local}.</li>
 *   <li>{@link #healthCheck}: 200 with the number of endpoints on the node when it has at least one, else 503
 *       with 0. kube-proxy serves it on the Service's {@code healthCheckNodePort} (only Services with policy
 *       {@code Local} have one); load balancers use it to skip nodes without endpoints.</li>
 *   <li>Node names are compared exactly. Errors: {@link IllegalArgumentException} for a null argument or list
 *       element.</li>
 * </ul>
 */
public final class NodePortRules {

    private NodePortRules() {
    }

    /**
     * The decision for a new connection arriving at {@code node}'s NodePort.
     *
     * @throws IllegalArgumentException if an argument or element is null
     */
    public static NodePortDecision decide(TrafficPolicy policy, String node, List<NodeEndpoint> endpoints) {
        Require.nonNull(policy, "policy");
        Require.nonNull(node, "node");
        Require.nonNull(endpoints, "endpoints");
        Require.argument(endpoints.stream().noneMatch(java.util.Objects::isNull), "endpoints must not hold null");
        if (policy == TrafficPolicy.CLUSTER) {
            if (endpoints.isEmpty()) {
                return new NodePortDecision.Drop("the Service has no endpoints");
            }
            return new NodePortDecision.Forward(endpoints, true);
        }
        List<NodeEndpoint> local = local(node, endpoints);
        if (local.isEmpty()) {
            return new NodePortDecision.Drop(node + " has no local endpoint, and externalTrafficPolicy: Local sends "
                    + "only to local ones (" + endpoints.size() + " on other nodes)");
        }
        return new NodePortDecision.Forward(local, false);
    }

    /**
     * What {@code node}'s health-check port answers.
     *
     * @throws IllegalArgumentException if an argument or element is null
     */
    public static HealthCheck healthCheck(String node, List<NodeEndpoint> endpoints) {
        Require.nonNull(node, "node");
        Require.nonNull(endpoints, "endpoints");
        Require.argument(endpoints.stream().noneMatch(java.util.Objects::isNull), "endpoints must not hold null");
        int count = local(node, endpoints).size();
        return new HealthCheck(count > 0 ? HealthCheck.OK : HealthCheck.UNAVAILABLE, count);
    }

    private static List<NodeEndpoint> local(String node, List<NodeEndpoint> endpoints) {
        return endpoints.stream().filter(e -> e.node().equals(node)).toList();
    }
}
