package k8snet.nodeport;

/**
 * A Service's {@code externalTrafficPolicy}: what a node does with traffic from outside the cluster that arrives
 * at its NodePort (Kubernetes docs "Virtual IPs and Service Proxies", "Traffic policies"; "Create an External
 * Load Balancer", "Preserving the client source IP").
 */
public enum TrafficPolicy {
    /** The default: any ready endpoint, on any node; the client's address is replaced by the node's (SNAT). */
    CLUSTER,
    /** Only the receiving node's ready endpoints; the client's address is kept; no local endpoint, no service. */
    LOCAL
}
