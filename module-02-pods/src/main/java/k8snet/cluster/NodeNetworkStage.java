package k8snet.cluster;

import java.util.Optional;
import java.util.function.Supplier;

import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.net.Delivery;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.trace.Place;

/**
 * The node network step of a packet's walk: a frame leaves a node's eth0 for a node of its subnet or for the
 * subnet's router, and the router forwards by the (outer) destination to the node that has it, to a host on
 * the internet, or across the internet to another network. The router knows the node subnets only: a pod
 * address ends here.
 */
final class NodeNetworkStage {

    private NodeNetworkStage() {
    }

    /** A frame leaves a node's eth0 for {@code nextHop} on the node network: a node of the subnet, or its router. */
    static Optional<NetworkNamespace> overWire(InFlight p, Node node, Place out, Ipv4Address nextHop,
            Supplier<String> frame) {
        PodNetwork net = p.net;
        Optional<Node> peer = net.nodeAt(nextHop);
        if (peer.isPresent() && net.isDown(peer.get())) {
            p.finished = lost(p, out, peer.get(), frame.get());
            return Optional.empty();
        }
        Cidr subnet = node.subnet();
        if (peer.isPresent()) {
            String name = peer.get().name();
            p.add(Hop.lazyMoving(out, "link", Action.FORWARDED, () -> frame.get() + " to " + name + " ("
                    + nextHop + ") on " + subnet, p.headers, Place.host(name).device(Node.UPLINK)));
            return VxlanStage.afterWire(p, peer.get());
        }
        p.add(Hop.lazyMoving(out, "link", Action.FORWARDED, () -> frame.get() + " to the router of " + subnet
                + " (" + nextHop + ")", p.headers, Place.host(net.routerName())));
        return routerForwards(p);
    }

    /**
     * The node network's router forwards the packet (by its outer destination while it is in a tunnel) to the
     * node that has that address; it knows the node subnets only, so a pod address ends here.
     */
    static Optional<NetworkNamespace> routerForwards(InFlight p) {
        PodNetwork net = p.net;
        Place router = Place.host(net.routerName());
        if (p.headers.tunnel().isEmpty() && !NetfilterStage.edgeHooks(p, router)) {
            return Optional.empty();
        }
        Headers headers = p.headers;
        Ipv4Address dst = headers.tunnel().map(Headers.Tunnel::destination).orElse(headers.destination().address());
        Optional<Node> owner = net.nodeAt(dst);
        if (owner.isEmpty()) {
            Optional<ExternalHost> outside = headers.tunnel().isEmpty() ? net.externalHostAt(dst) : Optional.empty();
            if (outside.isPresent()) {
                p.ttl--;
                String name = outside.get().name();
                p.add(Hop.lazyMoving(router, "route", Action.FORWARDED, () -> dst + " is on the internet: out to "
                        + name, headers, outside.get().place().device("eth0")));
                p.finished = SocketStage.deliverOutside(p, outside.get());
                return Optional.empty();
            }
            Optional<Internet> internet = headers.tunnel().isEmpty() && p.ttl > 1 ? net.internet() : Optional.empty();
            if (internet.isPresent()) {
                p.ttl--;
                String name = net.routerName();
                p.add(Hop.lazyMoving(router, "route", Action.FORWARDED, () -> dst + " is in no network of "
                        + name + ": out to the internet", headers, Place.host("internet")));
                Optional<Delivery> carried = internet.get().carry(new Crossing(headers, p.payload, p.size, p.ttl,
                        Optional.ofNullable(p.expectedReply), p.trace.build().hops()));
                if (carried == null) {
                    throw new IllegalStateException("The internet returned null instead of a delivery");
                }
                if (carried.isPresent()) {
                    p.finished = carried.get();
                    return Optional.empty();
                }
                p.finished = p.drop(Place.host("internet"), "route", Action.NO_ROUTE, "no route to " + dst
                        + " on the internet: no network and no host has that address");
                return Optional.empty();
            }
            String why = net.podCidrs().clusterCidr().contains(dst)
                    ? "no route to " + dst + " on the node network's router: it knows the node subnets only, not "
                            + "pod addresses"
                    : "no route to " + dst + " on the node network's router: no node and no known host on the "
                            + "internet has that address";
            p.finished = p.drop(router, "route", Action.NO_ROUTE, why);
            return Optional.empty();
        }
        if (net.isDown(owner.get())) {
            p.finished = lost(p, router, owner.get(), "the packet");
            return Optional.empty();
        }
        p.ttl--;
        Cidr subnet = owner.get().subnet();
        String name = owner.get().name();
        p.add(Hop.lazyMoving(router, "route", Action.FORWARDED, () -> dst + " is on " + subnet + ": out to "
                + name, headers, Place.host(name).device(Node.UPLINK)));
        return VxlanStage.afterWire(p, owner.get());
    }

    /** A frame for a node that is down: nothing takes it off the wire. */
    private static Delivery lost(InFlight p, Place at, Node dead, String frame) {
        return p.drop(at, "link", Action.DROPPED, frame + " for " + dead.name() + " (" + dead.ip() + ") is lost: "
                + dead.name() + " is down, nothing answers on the wire");
    }
}
