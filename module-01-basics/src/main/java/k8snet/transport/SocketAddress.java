package k8snet.transport;

import k8snet.Require;
import k8snet.ip.Ipv4Address;

/**
 * An (address, port) pair: where an application listens, or where a message is going.
 *
 * <pre>{@code
 * new SocketAddress(Ipv4Address.parse("10.0.0.2"), Port.HTTP).toString();   // "10.0.0.2:80"
 * }</pre>
 */
public record SocketAddress(Ipv4Address address, Port port) {

    public SocketAddress {
        Require.nonNull(address, "address");
        Require.nonNull(port, "port");
    }

    /** Shorthand for {@code new SocketAddress(Ipv4Address.parse(address), Port.of(port))}. */
    public static SocketAddress of(String address, int port) {
        return new SocketAddress(Ipv4Address.parse(address), Port.of(port));
    }

    @Override
    public String toString() {
        return address + ":" + port;
    }
}
