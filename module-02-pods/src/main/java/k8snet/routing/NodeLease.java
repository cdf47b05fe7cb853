package k8snet.routing;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.link.MacAddress;

/**
 * What the control plane publishes about one node, and what every node's route agent builds its routes
 * from: the node's name, its address on the node network, the pod CIDR it was given, and (for VXLAN) the
 * MAC address of its tunnel endpoint. flannel keeps the same facts in a "lease" per node (flannel's
 * Documentation/backends.md); Kubernetes keeps the pod CIDR in the Node's {@code spec.podCIDR}.
 *
 * @param node the node's name
 * @param nodeIp its address on the node network
 * @param nodeSubnet the node network's subnet as the node sees it (its eth0 address's prefix)
 * @param podCidr the block its pods get addresses from
 * @param vtepMac the MAC of its VXLAN device, {@code flannel.1}
 */
public record NodeLease(String node, Ipv4Address nodeIp, Cidr nodeSubnet, Cidr podCidr, MacAddress vtepMac) {

    public NodeLease {
        Require.nonNull(node, "node");
        Require.nonNull(nodeIp, "nodeIp");
        Require.nonNull(nodeSubnet, "nodeSubnet");
        Require.nonNull(podCidr, "podCidr");
        Require.nonNull(vtepMac, "vtepMac");
        if (!nodeSubnet.contains(nodeIp)) {
            throw new IllegalArgumentException("Node " + node + "'s address " + nodeIp + " is not in its subnet "
                    + nodeSubnet);
        }
    }
}
