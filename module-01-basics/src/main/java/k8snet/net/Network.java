package k8snet.net;

import java.util.List;
import java.util.Optional;

import k8snet.dns.Resolver;
import k8snet.host.Host;
import k8snet.ip.Ipv4Address;
import k8snet.transport.Protocol;

/**
 * The model's network of module 1: hosts that can all reach each other directly, and a DNS resolver.
 *
 * <p><b>Exercise 1.4 (part 2).</b> Implement {@link #send(Host, Protocol, String, String)}.
 */
public final class Network {

    /**
     * @throws IllegalArgumentException if {@code resolver} is null
     */
    public Network(Resolver resolver) {
        throw new UnsupportedOperationException("Exercise 1.4: implement the Network constructor");
    }

    /**
     * Connects a host.
     *
     * @throws IllegalArgumentException if it is null, already attached, its name is taken, or one of its
     *     non-loopback addresses belongs to another attached host
     */
    public void attach(Host host) {
        throw new UnsupportedOperationException("Exercise 1.4: implement Network.attach");
    }

    /** The attached hosts, in attach order. */
    public List<Host> hosts() {
        throw new UnsupportedOperationException("Exercise 1.4: implement Network.hosts");
    }

    /** The attached host that owns a (non-loopback) address. */
    public Optional<Host> ownerOf(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 1.4: implement Network.ownerOf");
    }

    /** Sends over TCP: {@code send(from, Protocol.TCP, destination, payload)}. */
    public Delivery send(Host from, String destination, String payload) {
        return send(from, Protocol.TCP, destination, payload);
    }

    /**
     * Sends a message from an attached host to {@code host:port} or a URL, and reports how it went.
     *
     * @throws IllegalArgumentException if an argument is null, {@code from} is not attached, or
     *     {@code destination} does not parse
     */
    public Delivery send(Host from, Protocol protocol, String destination, String payload) {
        throw new UnsupportedOperationException("Exercise 1.4: implement Network.send");
    }
}
