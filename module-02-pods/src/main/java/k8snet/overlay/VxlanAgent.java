package k8snet.overlay;

import k8snet.link.NeighbourTable;
import k8snet.routing.NodeLease;
import k8snet.routing.RouteAgent;
import k8snet.routing.RouteTable;

/**
 * The route agent of one node in the manner of flannel's {@code vxlan} backend (flannel's
 * Documentation/backends.md and its {@code pkg/backend/vxlan}): for every other node it writes three entries,
 * all from that node's lease, none learned by broadcast:
 * <ol>
 *   <li>a route {@code <podCidr> via <podCidr's network address> dev flannel.1 onlink} (origin
 *       {@link k8snet.routing.Route.Origin#VXLAN}): the remote node's VXLAN device owns the network address of
 *       that node's block, and {@code onlink} says it is reached on the device without any subnet of its own;</li>
 *   <li>a permanent neighbour entry: that network address is at the remote node's VTEP MAC;</li>
 *   <li>an FDB entry on the VXLAN device: that VTEP MAC is behind the remote node's address.</li>
 * </ol>
 * A packet for a pod on that node then follows the route to {@code flannel.1}, its next hop's MAC comes from
 * the neighbour entry without ARP, and the FDB gives the outer destination.
 *
 * <p><b>Exercise 2.6 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The agent ignores its own node's lease. Unlike host-gw it needs no shared subnet: a remote node on
 *       another subnet is reached through the node network's routers, as plain UDP.</li>
 *   <li>A join writes (or replaces) all three entries; a leave removes all three, the route only if it is
 *       the VXLAN route for that lease (a route someone else put there stays).</li>
 *   <li>Joins and leaves come in the order the API server made them, as one watch of Node objects delivers them: a
 *       node's block is given to another node only after the first node is gone, so its leave always comes
 *       before the next lease of the same block. An agent need not guard against a leave that comes late.</li>
 * </ul>
 */
public final class VxlanAgent implements RouteAgent {

    /**
     * An agent that writes into this node's tables.
     *
     * @param self this node's name
     * @param device this node's VXLAN device
     * @param table this node's root namespace routing table
     * @param neighbours this node's root namespace neighbour table
     * @throws IllegalArgumentException if an argument is null or {@code self} is blank
     */
    public VxlanAgent(String self, VxlanDevice device, RouteTable table, NeighbourTable neighbours) {
        throw new UnsupportedOperationException("Exercise 2.6: implement the VxlanAgent constructor");
    }

    /** @throws IllegalArgumentException if {@code lease} is null */
    @Override
    public void nodeJoined(NodeLease lease) {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanAgent.nodeJoined");
    }

    /** @throws IllegalArgumentException if {@code lease} is null */
    @Override
    public void nodeLeft(NodeLease lease) {
        throw new UnsupportedOperationException("Exercise 2.6: implement VxlanAgent.nodeLeft");
    }
}
