package k8snet.policy;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * A new connection as policy enforcement judges it: from an address to an address and port. Policies look at
 * the pod addresses after any Service translation, so {@code destination} is a pod's IP, not a ClusterIP.
 */
public record Connection(Protocol protocol, Ipv4Address source, Ipv4Address destination, Port port) {

    /** @throws IllegalArgumentException if an argument is null */
    public Connection {
        Require.nonNull(protocol, "protocol");
        Require.nonNull(source, "source");
        Require.nonNull(destination, "destination");
        Require.nonNull(port, "port");
    }

    @Override
    public String toString() {
        return source + " to " + destination + ":" + protocol.toString().toLowerCase(java.util.Locale.ROOT) + "/"
                + port;
    }
}
