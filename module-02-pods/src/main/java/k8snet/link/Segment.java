package k8snet.link;

import java.util.Optional;

import k8snet.ip.Ipv4Address;

/**
 * One layer-2 segment as ARP sees it: the stations that hear a broadcast. Asking it {@link #whoHas} is
 * broadcasting an ARP request ("who has 10.244.1.3? tell 10.244.1.2"); the answer is the reply of the one
 * station that owns the address. The model's walk implements it for a node's bridge and for the node network.
 */
public interface Segment {

    /** The segment's name for traces, such as {@code cni0 on node-1}. */
    String name();

    /** The MAC of the station that owns {@code address} on this segment, if any answers. */
    Optional<MacAddress> whoHas(Ipv4Address address);
}
