package k8snet.routing;

import java.util.List;

import k8snet.ipam.Cidr;

/**
 * The route agent of one node in the manner of flannel's {@code host-gw} backend (flannel's
 * Documentation/backends.md): for every other node of the cluster it keeps one kernel route, "that node's
 * pod CIDR via that node's address", so a packet for a pod on another node leaves this node addressed, at
 * layer 2, to the right node. Nothing is broadcast and nothing is learned from ARP: the routes come from the
 * control plane's allocation (the nodes' leases), and ARP only resolves the one next hop, the other node's
 * MAC, on the shared segment.
 *
 * <pre>{@code
 * HostGwAgent agent = new HostGwAgent("node-1", Cidr.parse("192.168.1.0/24"), "eth0", node1Routes);
 * agent.nodeJoined(leaseOfNode2);   // adds 10.244.2.0/24 via 192.168.1.12 dev eth0 proto host-gw
 * agent.nodeLeft(leaseOfNode2);     // removes it
 * }</pre>
 *
 * <p><b>Exercise 2.5.</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The agent ignores its own node's lease: its own pod CIDR is a connected route on the bridge already.</li>
 *   <li>A gateway must be directly reachable, so host-gw works only between nodes on one layer-2 subnet.
 *       A lease whose node address is outside this node's subnet gets no route; the agent records a problem
 *       that names the node and both subnets (flannel logs an error), and that lease's pods stay unreachable
 *       by host-gw: that is the case for an overlay. If the agent had routed that pod CIDR before (the node
 *       moved off the subnet), its host-gw route there goes too, as its gateway is no longer this node's
 *       neighbour; a route to the block that is not a host-gw route stays.</li>
 *   <li>A join installs (or, for a node that moved, replaces) the route {@code podCidr via nodeIp dev device}
 *       with {@link Route.Origin#HOST_GW}. The table then holds exactly one host-gw route per other live node on
 *       the subnet.</li>
 *   <li>A leave removes the route to that lease's pod CIDR, but only if it is the host-gw route via that
 *       lease's node: a route that is not the agent's, or that another node's newer lease replaced, stays.</li>
 * </ul>
 */
public final class HostGwAgent implements RouteAgent {

    /**
     * An agent that writes into {@code table}.
     *
     * @param self this node's name
     * @param nodeSubnet this node's subnet on the node network
     * @param device the device facing the node network, such as {@code eth0}
     * @param table this node's root namespace routing table
     * @throws IllegalArgumentException if an argument is null or blank
     */
    public HostGwAgent(String self, Cidr nodeSubnet, String device, RouteTable table) {
        // Exercise 2.5: check the arguments and keep them in fields. (This constructor does not throw
        // UnsupportedOperationException, so that a one-node cluster works before you reach exercise 2.5.)
    }

    /** @throws IllegalArgumentException if {@code lease} is null */
    @Override
    public void nodeJoined(NodeLease lease) {
        throw new UnsupportedOperationException("Exercise 2.5: implement HostGwAgent.nodeJoined");
    }

    /** @throws IllegalArgumentException if {@code lease} is null */
    @Override
    public void nodeLeft(NodeLease lease) {
        throw new UnsupportedOperationException("Exercise 2.5: implement HostGwAgent.nodeLeft");
    }

    /** The leases the agent could not route, one sentence each, oldest first; unmodifiable. */
    public List<String> problems() {
        throw new UnsupportedOperationException("Exercise 2.5: implement HostGwAgent.problems");
    }
}
