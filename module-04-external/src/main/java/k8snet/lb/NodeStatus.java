package k8snet.lb;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * A node as an external load balancer sees it: where to send, and whether the node is running at all.
 *
 * @param up false for a node that crashed or was switched off: it answers nothing, health checks included
 */
public record NodeStatus(String node, Ipv4Address ip, boolean up) {

    /** @throws IllegalArgumentException if an argument is null */
    public NodeStatus {
        Require.nonNull(node, "node");
        Require.nonNull(ip, "ip");
    }
}
