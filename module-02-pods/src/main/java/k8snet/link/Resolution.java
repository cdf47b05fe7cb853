package k8snet.link;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/** How a {@link NeighbourTable} found (or failed to find) the MAC address of a next hop. */
public sealed interface Resolution {

    /** The next hop whose MAC was wanted. */
    Ipv4Address address();

    /** The table already knew it: no ARP traffic at all. */
    record Cached(Ipv4Address address, MacAddress mac, boolean permanent) implements Resolution {
        public Cached {
            Require.nonNull(address, "address");
            Require.nonNull(mac, "mac");
        }
    }

    /** An ARP request was broadcast on the segment and the owner replied; the answer is now cached. */
    record Replied(Ipv4Address address, MacAddress mac, String segment) implements Resolution {
        public Replied {
            Require.nonNull(address, "address");
            Require.nonNull(mac, "mac");
            Require.nonNull(segment, "segment");
        }
    }

    /** An ARP request was broadcast and nobody answered: the packet cannot be sent to this next hop. */
    record Unanswered(Ipv4Address address, String segment) implements Resolution {
        public Unanswered {
            Require.nonNull(address, "address");
            Require.nonNull(segment, "segment");
        }
    }
}
