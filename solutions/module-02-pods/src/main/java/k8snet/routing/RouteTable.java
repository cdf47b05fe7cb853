package k8snet.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;

/**
 * Reference solution of exercise 2.3, part 1 (the specification is the stub's Javadoc).
 *
 * <p>One hash table per prefix length, made on first use, so a lookup is at most one probe per prefix length
 * that has routes. The tables are kept compact because a cluster at Kubernetes' limits has 5,000 nodes, each
 * with a route per other node: a route is stored as its network's 32 bits, its gateway's 32 bits and an index
 * into the few (device, origin, onlink) combinations the table has seen, and made into a {@link Route} again
 * when it is read. The answers are equal to the routes added (records compare by value).
 */
public final class RouteTable {

    private final Level[] byLength = new Level[33];
    /** Bit {@code n} is set when a route of prefix length {@code n} exists. */
    private long lengths;
    private int size;
    /** The distinct (device, origin, onlink, via a gateway) combinations; index + 1 is stored per route. */
    private final List<Style> palette = new ArrayList<>(2);

    public RouteTable() {
    }

    public void add(Route route) {
        Require.nonNull(route, "route");
        Optional<Route> old = get(route.destination());
        if (old.isPresent()) {
            throw new IllegalStateException("A route to " + route.destination() + " exists already (File exists): "
                    + old.get());
        }
        replace(route);
    }

    public Optional<Route> replace(Route route) {
        Require.nonNull(route, "route");
        int length = route.destination().prefixLength();
        Level level = byLength[length];
        if (level == null) {
            level = new Level();
            byLength[length] = level;
            lengths |= 1L << length;
        }
        int gateway = route.gateway().map(Ipv4Address::toInt).orElse(0);
        int slot = level.find(route.destination().network().toInt());
        Optional<Route> old = slot >= 0 ? Optional.of(level.route(slot, length, palette)) : Optional.empty();
        level.put(route.destination().network().toInt(), gateway, style(route));
        if (old.isEmpty()) {
            size++;
        }
        return old;
    }

    public Optional<Route> remove(Cidr destination) {
        Require.nonNull(destination, "destination");
        int length = destination.prefixLength();
        Level level = byLength[length];
        if (level == null) {
            return Optional.empty();
        }
        int slot = level.find(destination.network().toInt());
        if (slot < 0) {
            return Optional.empty();
        }
        Route old = level.route(slot, length, palette);
        level.delete(slot);
        size--;
        if (level.count == 0) {
            byLength[length] = null;
            lengths &= ~(1L << length);
        }
        return Optional.of(old);
    }

    public Optional<Route> get(Cidr destination) {
        Require.nonNull(destination, "destination");
        int length = destination.prefixLength();
        Level level = byLength[length];
        if (level == null) {
            return Optional.empty();
        }
        int slot = level.find(destination.network().toInt());
        return slot < 0 ? Optional.empty() : Optional.of(level.route(slot, length, palette));
    }

    public Optional<Route> lookup(Ipv4Address address) {
        Require.nonNull(address, "address");
        int bits = address.toInt();
        long left = lengths;
        while (left != 0) {
            int length = 63 - Long.numberOfLeadingZeros(left);
            left &= ~(1L << length);
            Level level = byLength[length];
            int slot = level.find(bits & mask(length));
            if (slot >= 0) {
                return Optional.of(level.route(slot, length, palette));
            }
        }
        return Optional.empty();
    }

    public List<Route> routes() {
        List<Route> all = new ArrayList<>(size);
        for (int length = 0; length <= 32; length++) {
            Level level = byLength[length];
            if (level != null) {
                for (int slot = 0; slot < level.styles.length; slot++) {
                    if (level.styles[slot] != 0) {
                        all.add(level.route(slot, length, palette));
                    }
                }
            }
        }
        all.sort((a, b) -> a.destination().compareTo(b.destination()));
        return List.copyOf(all);
    }

    public int size() {
        return size;
    }

    /** The index + 1 of the route's combination of device, origin and flags, added if new. */
    private short style(Route route) {
        boolean viaGateway = route.gateway().isPresent();
        for (int i = 0; i < palette.size(); i++) {
            Style s = palette.get(i);
            if (s.origin() == route.origin() && s.onlink() == route.onlink() && s.viaGateway() == viaGateway
                    && s.device().equals(route.device())) {
                return (short) (i + 1);
            }
        }
        palette.add(new Style(route.device(), route.origin(), route.onlink(), viaGateway));
        return (short) palette.size();
    }

    /** {@code n} one bits followed by zeros; shifting an int by 32 is a no-op in Java, hence the long. */
    private static int mask(int n) {
        return (int) (0xFFFF_FFFF_0000_0000L >>> n);
    }

    private record Style(String device, Route.Origin origin, boolean onlink, boolean viaGateway) {
    }

    /** Routes of one prefix length: open addressing with linear probing over parallel arrays. */
    private static final class Level {
        int[] networks = new int[2];
        int[] gateways = new int[2];
        /** 0 for a free slot, else the route's style index + 1. */
        short[] styles = new short[2];
        int count;

        int find(int network) {
            int m = styles.length - 1;
            for (int i = hash(network) & m; styles[i] != 0; i = (i + 1) & m) {
                if (networks[i] == network) {
                    return i;
                }
            }
            return -1;
        }

        void put(int network, int gateway, short style) {
            int m = styles.length - 1;
            int i = hash(network) & m;
            while (styles[i] != 0 && networks[i] != network) {
                i = (i + 1) & m;
            }
            if (styles[i] == 0) {
                count++;
            }
            networks[i] = network;
            gateways[i] = gateway;
            styles[i] = style;
            if (count * 4 > styles.length * 3) {
                grow();
            }
        }

        /** Backward-shift deletion keeps every probe chain unbroken without tombstones. */
        void delete(int slot) {
            int m = styles.length - 1;
            int hole = slot;
            styles[hole] = 0;
            count--;
            for (int i = (hole + 1) & m; styles[i] != 0; i = (i + 1) & m) {
                int home = hash(networks[i]) & m;
                if (((i - home) & m) >= ((i - hole) & m)) {
                    networks[hole] = networks[i];
                    gateways[hole] = gateways[i];
                    styles[hole] = styles[i];
                    styles[i] = 0;
                    hole = i;
                }
            }
        }

        Route route(int slot, int length, List<Style> palette) {
            Style s = palette.get(styles[slot] - 1);
            Cidr destination = Cidr.containing(Ipv4Address.fromInt(networks[slot]), length);
            Optional<Ipv4Address> gateway = s.viaGateway() ? Optional.of(Ipv4Address.fromInt(gateways[slot]))
                    : Optional.empty();
            return new Route(destination, gateway, s.device(), s.origin(), s.onlink());
        }

        private void grow() {
            int[] oldNetworks = networks;
            int[] oldGateways = gateways;
            short[] oldStyles = styles;
            networks = new int[oldStyles.length * 2];
            gateways = new int[oldStyles.length * 2];
            styles = new short[oldStyles.length * 2];
            int m = styles.length - 1;
            for (int j = 0; j < oldStyles.length; j++) {
                if (oldStyles[j] != 0) {
                    int i = hash(oldNetworks[j]) & m;
                    while (styles[i] != 0) {
                        i = (i + 1) & m;
                    }
                    networks[i] = oldNetworks[j];
                    gateways[i] = oldGateways[j];
                    styles[i] = oldStyles[j];
                }
            }
        }

        /** Fibonacci hashing: networks of one length differ in their high bits, which this spreads. */
        private static int hash(int network) {
            int h = network * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
