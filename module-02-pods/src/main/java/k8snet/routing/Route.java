package k8snet.routing;

import java.util.Locale;
import java.util.Optional;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;

/**
 * One entry of a routing table, as {@code ip route} shows it (ip-route(8)): for destinations in a block, send
 * out of a device, either straight to the destination (a connected route, "scope link") or via a gateway.
 *
 * <pre>{@code
 * Route.connected(Cidr.parse("10.244.1.0/24"), "cni0");
 * //   10.244.1.0/24 dev cni0 proto kernel scope link
 * Route.via(Cidr.parse("10.244.2.0/24"), Ipv4Address.parse("192.168.1.12"), "eth0", Route.Origin.HOST_GW);
 * //   10.244.2.0/24 via 192.168.1.12 dev eth0 proto host-gw
 * Route.via(Cidr.parse("0.0.0.0/0"), gateway, "eth0", Route.Origin.STATIC);
 * //   default via 10.244.1.1 dev eth0
 * }</pre>
 *
 * @param destination the block the route covers; {@code 0.0.0.0/0} is the default route
 * @param gateway the next hop, or empty for a connected route (the destination itself is the next hop)
 * @param device the device the packet leaves by
 * @param origin who wrote the route (ip-route(8) calls it the protocol)
 * @param onlink the gateway is reached on the device even though no subnet of the device contains it (flannel's
 *     VXLAN routes use this)
 */
public record Route(Cidr destination, Optional<Ipv4Address> gateway, String device, Origin origin, boolean onlink) {

    /** Who wrote a route. */
    public enum Origin {
        /** The kernel, for the subnet of an address added to a device. */
        KERNEL,
        /** An administrator or a plugin that configures once (the CNI bridge plugin's default route). */
        STATIC,
        /** flannel's host-gw backend. */
        HOST_GW,
        /** flannel's VXLAN backend. */
        VXLAN
    }

    public Route {
        Require.nonNull(destination, "destination");
        Require.nonNull(gateway, "gateway");
        Require.nonNull(device, "device");
        Require.nonNull(origin, "origin");
        Require.argument(!device.isBlank(), "A route names its device, got a blank one");
        if (onlink && gateway.isEmpty()) {   // the message is built only when needed: agents make many routes
            throw new IllegalArgumentException("Only a route via a gateway can be onlink: " + destination);
        }
    }

    /** A connected route, as the kernel adds one for an address's subnet. */
    public static Route connected(Cidr destination, String device) {
        return new Route(destination, Optional.empty(), device, Origin.KERNEL, false);
    }

    /** A route via a gateway. */
    public static Route via(Cidr destination, Ipv4Address gateway, String device, Origin origin) {
        return new Route(destination, Optional.of(Require.nonNull(gateway, "gateway")), device, origin, false);
    }

    /** A route via a gateway that is declared reachable on the device ({@code onlink}). */
    public static Route onlink(Cidr destination, Ipv4Address gateway, String device, Origin origin) {
        return new Route(destination, Optional.of(Require.nonNull(gateway, "gateway")), device, origin, true);
    }

    /** True for a route without a gateway. */
    public boolean isConnected() {
        return gateway.isEmpty();
    }

    @Override
    public String toString() {
        String where = destination.prefixLength() == 0 ? "default" : destination.toString();
        StringBuilder out = new StringBuilder(where);
        gateway.ifPresent(g -> out.append(" via ").append(g));
        out.append(" dev ").append(device);
        switch (origin) {
            case KERNEL -> out.append(" proto kernel scope link");
            case STATIC -> { }
            default -> out.append(" proto ").append(origin.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        if (onlink) {
            out.append(" onlink");
        }
        return out.toString();
    }
}
