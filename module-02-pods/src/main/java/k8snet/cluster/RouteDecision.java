package k8snet.cluster;

import k8snet.Require;
import k8snet.host.Interface;
import k8snet.ip.Ipv4Address;
import k8snet.routing.Route;

/** What a {@link NetworkNamespace} decides for a destination address: keep it, send it on, or give up. */
public sealed interface RouteDecision {

    /** The address is the namespace's own (or loopback): the packet stays here, on {@code device}. */
    record Local(Interface device) implements RouteDecision {
        public Local {
            Require.nonNull(device, "device");
        }
    }

    /**
     * Send the packet out of {@code device} to {@code nextHop}: the route's gateway, or the destination itself
     * for a connected route.
     */
    record Via(Route route, Interface device, Ipv4Address nextHop) implements RouteDecision {
        public Via {
            Require.nonNull(route, "route");
            Require.nonNull(device, "device");
            Require.nonNull(nextHop, "nextHop");
        }
    }

    /** No way to the address; {@code reason} says why, for the trace. */
    record Unreachable(String reason) implements RouteDecision {
        public Unreachable {
            Require.nonNull(reason, "reason");
        }
    }
}
