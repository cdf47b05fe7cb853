package k8snet.host;

import java.util.List;
import java.util.Optional;

import k8snet.ip.Ipv4Address;
import k8snet.transport.Message;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * A computer with network interfaces and the applications listening on it.
 *
 * <p><b>Exercise 1.3 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 */
public final class Host {

    /**
     * A host with only its loopback interface {@code lo 127.0.0.1}.
     *
     * @param name the host's name: a valid RFC 1123 label such as {@code laptop} or {@code node-1}
     * @throws IllegalArgumentException if {@code name} is null or not a valid label
     */
    public Host(String name) {
        throw new UnsupportedOperationException("Exercise 1.3: implement the Host constructor");
    }

    /** The host's name. */
    public String name() {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.name");
    }

    /**
     * Adds an interface.
     *
     * @return this host, for chaining
     * @throws IllegalArgumentException if the interface is null, or its name or address is already used on this host
     */
    public Host addInterface(Interface iface) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.addInterface");
    }

    /** The interfaces, loopback first, then in the order added; unmodifiable. */
    public List<Interface> interfaces() {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.interfaces");
    }

    /** The interface that owns {@code address}; every 127.0.0.0/8 address belongs to {@code lo}. */
    public Optional<Interface> interfaceFor(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.interfaceFor");
    }

    /**
     * Binds an application to (address, port) for a protocol, as a server socket does.
     *
     * @param address one of this host's addresses, or {@link Ipv4Address#ANY} for all of them
     * @throws IllegalArgumentException if an argument is null, or the address is not this host's
     * @throws IllegalStateException if the (protocol, address, port) is already taken ("address in use")
     */
    public void bind(Application application, Protocol protocol, Ipv4Address address, Port port) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.bind");
    }

    /**
     * Removes the binding at exactly (protocol, address, port).
     *
     * @return true if there was one
     */
    public boolean unbind(Protocol protocol, Ipv4Address address, Port port) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.unbind");
    }

    /**
     * Hands an arriving message to the one application listening on its destination.
     *
     * @throws IllegalArgumentException if {@code message} is null
     */
    public Dispatch dispatch(Message message) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.dispatch");
    }
}
