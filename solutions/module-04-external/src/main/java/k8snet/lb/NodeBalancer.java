package k8snet.lb;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.nodeport.NodeEndpoint;
import k8snet.nodeport.TrafficPolicy;

/**
 * The choice an external load balancer in front of a Service of type LoadBalancer makes for each new
 * connection: which node gets it (Kubernetes docs "Service", "Type LoadBalancer"; "Create an External Load
 * Balancer"). The cloud's load balancer sends the connection to that node's NodePort; from there module 4's
 * NodePort rules take over.
 *
 * <pre>{@code
 * NodeBalancer lb = new NodeBalancer(new SplittableRandom(7));
 * List<NodeStatus> healthy = lb.healthy(TrafficPolicy.LOCAL, nodes, endpoints);  // nodes with a local endpoint
 * lb.pick(client, healthy);                                                      // one of them, or empty
 * }</pre>
 *
 * <p><b>Exercise 4.2.</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A node that is down is never healthy: it answers no health check.</li>
 *   <li>Policy {@code Cluster}: every node that is up is healthy. The load balancer asks kube-proxy's own health
 *       endpoint ({@code :10256/healthz}), which answers while kube-proxy runs, whatever the Service's endpoints;
 *       a node without a local pod still forwards to one elsewhere.</li>
 *   <li>Policy {@code Local}: a node that is up is healthy only if at least one of the endpoints runs on it,
 *       since its {@code healthCheckNodePort} answers 503 otherwise.</li>
 *   <li>{@link #healthy} keeps the nodes' order. {@link #pick} chooses uniformly among the nodes it is given:
 *       the node at index {@code random.nextInt(n)} of the list, one draw per call, so that a seeded generator
 *       repeats its choices; with no node it draws nothing and answers empty (the load balancer has nowhere to
 *       send the connection). The client's address does not change the choice.</li>
 *   <li>Errors: {@link IllegalArgumentException} for a null argument or list element.</li>
 * </ul>
 */
public final class NodeBalancer {

    private final RandomGenerator random;

    /**
     * A balancer drawing from {@code random}.
     *
     * @throws IllegalArgumentException if {@code random} is null
     */
    public NodeBalancer(RandomGenerator random) {
        this.random = Require.nonNull(random, "random");
    }

    /**
     * The nodes that pass the load balancer's health check, in the given order (see the class doc).
     *
     * @throws IllegalArgumentException if an argument or element is null
     */
    public List<NodeStatus> healthy(TrafficPolicy policy, List<NodeStatus> nodes, List<NodeEndpoint> endpoints) {
        Require.nonNull(policy, "policy");
        Require.nonNull(nodes, "nodes");
        Require.nonNull(endpoints, "endpoints");
        Require.argument(nodes.stream().noneMatch(java.util.Objects::isNull), "nodes must not hold null");
        Require.argument(endpoints.stream().noneMatch(java.util.Objects::isNull), "endpoints must not hold null");
        return nodes.stream()
                .filter(NodeStatus::up)
                .filter(n -> policy == TrafficPolicy.CLUSTER
                        || endpoints.stream().anyMatch(e -> e.node().equals(n.node())))
                .toList();
    }

    /**
     * The node for a new connection from {@code client}: one of {@code healthy}, or empty if there is none.
     *
     * @throws IllegalArgumentException if an argument or element is null
     */
    public Optional<NodeStatus> pick(Ipv4Address client, List<NodeStatus> healthy) {
        Require.nonNull(client, "client");
        Require.nonNull(healthy, "healthy");
        Require.argument(healthy.stream().noneMatch(java.util.Objects::isNull), "healthy must not hold null");
        if (healthy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(healthy.get(random.nextInt(healthy.size())));
    }
}
