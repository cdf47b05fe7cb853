package k8snet.trace;

import java.util.Optional;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * The packet's headers as they left a hop: protocol, source and destination, and the outer header when it
 * travels inside a tunnel. Comparing the headers of two hops shows what a hop rewrote (a DNAT changes the
 * destination, an SNAT the source, VXLAN adds a tunnel).
 *
 * <pre>{@code
 * Headers h = Headers.of(Protocol.TCP, SocketAddress.of("10.244.1.2", 49152), SocketAddress.of("10.244.2.2", 80));
 * h.toString();   // "TCP 10.244.1.2:49152 -> 10.244.2.2:80"
 * }</pre>
 *
 * @param protocol TCP or UDP
 * @param source where the packet says it comes from
 * @param destination where the packet is going
 * @param tunnel the outer header while encapsulated, else empty
 */
public record Headers(Protocol protocol, SocketAddress source, SocketAddress destination, Optional<Tunnel> tunnel) {

    public Headers {
        Require.nonNull(protocol, "protocol");
        Require.nonNull(source, "source");
        Require.nonNull(destination, "destination");
        Require.nonNull(tunnel, "tunnel");
    }

    /** Headers of a packet that is not in a tunnel. */
    public static Headers of(Protocol protocol, SocketAddress source, SocketAddress destination) {
        return new Headers(protocol, source, destination, Optional.empty());
    }

    /** The same packet with another destination (what DNAT does). */
    public Headers withDestination(SocketAddress destination) {
        return new Headers(protocol, source, destination, tunnel);
    }

    /** The same packet with another source (what SNAT does). */
    public Headers withSource(SocketAddress source) {
        return new Headers(protocol, source, destination, tunnel);
    }

    /**
     * The headers of an answer to this packet: source and destination swapped, no tunnel. Connection tracking
     * knows a reply this way: its source is the original's destination and its destination the original's source.
     */
    public Headers reversed() {
        return new Headers(protocol, destination, source, Optional.empty());
    }

    /** The same packet inside a tunnel. */
    public Headers inside(Tunnel tunnel) {
        return new Headers(protocol, source, destination, Optional.of(Require.nonNull(tunnel, "tunnel")));
    }

    /** The same packet with its outer header removed. */
    public Headers outsideTunnel() {
        return new Headers(protocol, source, destination, Optional.empty());
    }

    @Override
    public String toString() {
        String inner = protocol + " " + source + " -> " + destination;
        return tunnel.map(t -> t + " [" + inner + "]").orElse(inner);
    }

    /**
     * An outer header: VXLAN puts the inner frame in a UDP datagram between two nodes (RFC 7348).
     *
     * @param source the sending node's address
     * @param destination the receiving node's address
     * @param port the UDP destination port (IANA assigned 4789; Linux and flannel use 8472)
     * @param vni the VXLAN network identifier, 24 bits
     */
    public record Tunnel(Ipv4Address source, Ipv4Address destination, int port, int vni) {

        public Tunnel {
            Require.nonNull(source, "source");
            Require.nonNull(destination, "destination");
            Require.argument(port >= 0 && port <= 65535, "Tunnel port out of range (0-65535): " + port);
            Require.argument(vni >= 0 && vni < (1 << 24), "VNI out of range (0-16777215): " + vni);
        }

        @Override
        public String toString() {
            return "UDP " + source + " -> " + destination + ":" + port + " VNI " + vni;
        }
    }
}
