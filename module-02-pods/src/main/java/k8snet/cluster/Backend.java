package k8snet.cluster;

/**
 * How pod traffic crosses between nodes: the two flannel backends the course builds (flannel's
 * Documentation/backends.md).
 */
public enum Backend {
    /** A kernel route per remote node's pod CIDR via that node's address; nodes must share one L2 subnet. */
    HOST_GW,
    /** Pod packets wrapped in UDP between nodes by the {@code flannel.1} device; works across subnets. */
    VXLAN
}
