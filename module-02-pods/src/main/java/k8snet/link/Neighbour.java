package k8snet.link;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * One entry of a neighbour table, as {@code ip neigh} lists it: an IP address on a segment and the MAC behind
 * it. A permanent entry was written by an administrator or an agent (flannel writes one per remote node for
 * VXLAN); the others were learned from ARP replies (ip-neighbour(8)).
 */
public record Neighbour(Ipv4Address address, MacAddress mac, boolean permanent) {

    public Neighbour {
        Require.nonNull(address, "address");
        Require.nonNull(mac, "mac");
    }

    @Override
    public String toString() {
        return address + " lladdr " + mac + (permanent ? " PERMANENT" : " REACHABLE");
    }
}
