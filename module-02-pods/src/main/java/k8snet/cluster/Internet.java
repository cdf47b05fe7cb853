package k8snet.cluster;

import java.util.Optional;

import k8snet.net.Delivery;

/**
 * What lies beyond a network's router when several networks share one internet (module 4's world of two
 * clusters): the router hands it a packet for an address that no node and no external host of its own network
 * has, and the internet carries the packet to the network that has that address.
 *
 * <pre>{@code
 * east.network().connect(packet -> owner(packet.headers().destination().address())
 *         .map(other -> other.network().arrive(packet)));
 * }</pre>
 */
@FunctionalInterface
public interface Internet {

    /**
     * Carries a packet to the network that has its destination address.
     *
     * @param packet the packet as it left the sending network's router, with its trace so far
     * @return how the packet's walk ended in the other network, or empty if no network has the address (the
     *     sending router then drops it: no route)
     */
    Optional<Delivery> carry(Crossing packet);
}
