package k8snet.workload;

/**
 * A node's {@code Ready} condition as the node lifecycle controller sets it (Kubernetes docs "Nodes", node status
 * conditions). The model's kubelets never report {@code False}: a node is either heard from ({@link #READY}) or
 * silent for longer than the grace period ({@link #UNKNOWN}).
 */
public enum NodeCondition {
    /** The kubelet renewed its lease within the grace period. */
    READY,
    /** No lease renewal for longer than the grace period: the node may have crashed or lost its network. */
    UNKNOWN
}
