package k8snet.link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/** Reference solution of exercise 2.4, part 1 (the specification is the stub's Javadoc). */
public final class NeighbourTable {

    /** A hash table, not a sorted one: a node's table holds every node it talks to, and lookups are per packet. */
    private final Map<Ipv4Address, Neighbour> entries = new HashMap<>();

    public NeighbourTable() {
    }

    public Optional<Neighbour> lookup(Ipv4Address address) {
        return Optional.ofNullable(entries.get(check(address)));
    }

    public boolean learn(Ipv4Address address, MacAddress mac) {
        check(address);
        Require.nonNull(mac, "mac");
        Neighbour old = entries.get(address);
        if (old != null && old.permanent()) {
            return false;
        }
        entries.put(address, new Neighbour(address, mac, false));
        return true;
    }

    public void addPermanent(Ipv4Address address, MacAddress mac) {
        check(address);
        Require.nonNull(mac, "mac");
        entries.put(address, new Neighbour(address, mac, true));
    }

    public boolean remove(Ipv4Address address) {
        Require.nonNull(address, "address");
        return entries.remove(address) != null;
    }

    public List<Neighbour> entries() {
        List<Neighbour> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing(Neighbour::address));
        return List.copyOf(sorted);
    }

    public Resolution resolve(Ipv4Address nextHop, Segment segment) {
        check(nextHop);
        Require.nonNull(segment, "segment");
        Neighbour known = entries.get(nextHop);
        if (known != null) {
            return new Resolution.Cached(nextHop, known.mac(), known.permanent());
        }
        Optional<MacAddress> reply = segment.whoHas(nextHop);
        if (reply == null || reply.isEmpty()) {
            return new Resolution.Unanswered(nextHop, segment.name());
        }
        learn(nextHop, reply.get());
        return new Resolution.Replied(nextHop, reply.get(), segment.name());
    }

    private static Ipv4Address check(Ipv4Address address) {
        Require.nonNull(address, "address");
        if (!(!address.isUnspecified() && !address.equals(Ipv4Address.BROADCAST))) {
            throw new IllegalArgumentException("Not a neighbour's address: " + address);
        }
        return address;
    }
}
