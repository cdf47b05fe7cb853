package k8snet.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;

/** Reference solution of exercise 2.3, part 1 (the specification is the stub's Javadoc). */
public final class RouteTable {

    /** One map per prefix length, keyed by the block: a lookup is at most 33 hash lookups. */
    @SuppressWarnings("unchecked")
    private final Map<Cidr, Route>[] byLength = new Map[33];
    private int size;

    public RouteTable() {
        for (int i = 0; i <= 32; i++) {
            byLength[i] = new HashMap<>();
        }
    }

    public void add(Route route) {
        Require.nonNull(route, "route");
        Route old = byLength[route.destination().prefixLength()].get(route.destination());
        if (old != null) {
            throw new IllegalStateException("A route to " + route.destination() + " exists already (File exists): "
                    + old);
        }
        replace(route);
    }

    public Optional<Route> replace(Route route) {
        Require.nonNull(route, "route");
        Route old = byLength[route.destination().prefixLength()].put(route.destination(), route);
        if (old == null) {
            size++;
        }
        return Optional.ofNullable(old);
    }

    public Optional<Route> remove(Cidr destination) {
        Require.nonNull(destination, "destination");
        Route old = byLength[destination.prefixLength()].remove(destination);
        if (old != null) {
            size--;
        }
        return Optional.ofNullable(old);
    }

    public Optional<Route> get(Cidr destination) {
        Require.nonNull(destination, "destination");
        return Optional.ofNullable(byLength[destination.prefixLength()].get(destination));
    }

    public Optional<Route> lookup(Ipv4Address address) {
        Require.nonNull(address, "address");
        for (int length = 32; length >= 0; length--) {
            Map<Cidr, Route> routes = byLength[length];
            if (!routes.isEmpty()) {
                Route r = routes.get(Cidr.containing(address, length));
                if (r != null) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    public List<Route> routes() {
        List<Route> all = new ArrayList<>(size);
        for (Map<Cidr, Route> routes : byLength) {
            all.addAll(routes.values());
        }
        all.sort((a, b) -> a.destination().compareTo(b.destination()));
        return List.copyOf(all);
    }

    public int size() {
        return size;
    }
}
