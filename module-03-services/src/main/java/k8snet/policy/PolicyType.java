package k8snet.policy;

/**
 * A direction a NetworkPolicy can isolate a pod for ({@code spec.policyTypes}; Kubernetes docs "Network
 * Policies"). Ingress is traffic to the pod, egress traffic from it.
 */
public enum PolicyType {
    /** Connections to the selected pods. */
    INGRESS,
    /** Connections from the selected pods. */
    EGRESS;

    /** {@code ingress} or {@code egress}, as traces and messages say it. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
