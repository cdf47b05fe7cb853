package k8snet.host;

import java.util.List;
import java.util.Optional;

import k8snet.ip.Ipv4Address;
import k8snet.transport.Message;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * A computer with network interfaces and the applications listening on it: a laptop, a server, later a
 * Kubernetes node. Its interfaces decide which addresses are its own; its bindings decide which application
 * gets a message that arrives for one of them.
 *
 * <p><b>Exercise 1.3 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 * Choose the fields yourself (no static state: every host is its own instance).
 *
 * <pre>{@code
 * Host server = new Host("server")
 *         .addInterface(new Interface("eth0", Ipv4Address.parse("192.168.1.20"), InterfaceKind.PHYSICAL));
 * server.bind(new Application("nginx"), Protocol.TCP, Ipv4Address.ANY, Port.HTTP);
 * server.dispatch(new Message(Protocol.TCP, SocketAddress.of("192.168.1.7", 50000),
 *         SocketAddress.of("192.168.1.20", 80), "GET /"));
 * // Accepted[application=nginx, listener=0.0.0.0:80]
 * }</pre>
 *
 * <h2>Name</h2>
 * The host's name is one RFC 1123 label (letters, digits, {@code '-'} not at either end, 1-63 characters;
 * the label rules of {@link k8snet.dns.Hostname}), without dots. It is kept in lower case.
 *
 * <h2>Interfaces</h2>
 * <ul>
 *   <li>A new host has exactly one interface, {@link Interface#loopback()} ({@code lo 127.0.0.1}).
 *       Interface names and addresses are unique on a host, and a host has only one loopback interface.</li>
 *   <li>On Linux the whole block {@code 127.0.0.0/8} is routed to {@code lo} (RFC 1122 3.2.1.3 reserves it
 *       for loopback), so {@link #interfaceFor} answers {@code lo} for any 127.x.y.z address. Other addresses
 *       need an exact match; {@code 0.0.0.0} belongs to no interface.</li>
 * </ul>
 *
 * <h2>Binding (the rules of Linux {@code bind(2)} for a listening socket)</h2>
 * On Linux, {@code SO_REUSEADDR} does not change these rules for listeners: it never lets a socket bind a
 * specific address beside a listener on the wildcard with the same port (socket(7)). Only {@code SO_REUSEPORT},
 * set on both sockets by the same user, lets two listeners share a port (BSD's looser {@code SO_REUSEADDR} also
 * would); the model has no socket options.
 * <ul>
 *   <li>An application binds to (protocol, address, port). The address is one of the host's own, or
 *       {@link Ipv4Address#ANY} ({@code 0.0.0.0}) for "every address of this host". Any other address fails
 *       as {@code EADDRNOTAVAIL} does: an {@link IllegalArgumentException} whose message says "cannot assign
 *       requested address" (in any case) and names the address.</li>
 *   <li>TCP and UDP have separate port spaces: TCP 53 and UDP 53 are two different sockets.</li>
 *   <li>Within one protocol, two bindings on the same port clash when their addresses are equal, or when
 *       either of them is {@code 0.0.0.0} (the wildcard already covers, or would cover, the specific
 *       address). A clash fails as {@code EADDRINUSE} does: an {@link IllegalStateException} whose message
 *       says "address already in use" (in any case) and names the application holding the port and the
 *       (protocol, address, port) it holds. Different specific addresses on the same port do not clash
 *       ({@code 127.0.0.1:80} and {@code 10.0.0.2:80}).</li>
 * </ul>
 *
 * <h2>Dispatch (what the receiving kernel does with an arriving message)</h2>
 * <ol>
 *   <li>The destination address must be this host's ({@link #interfaceFor}); otherwise the message is
 *       {@link Dispatch.Dropped dropped}, with a reason that says it is not this host's address.</li>
 *   <li>A loopback destination with a non-loopback source came from the wire: Linux drops such "martian"
 *       packets, because loopback traffic never leaves its host (RFC 1122 3.2.1.3). The model has no
 *       incoming device, so the source address is the evidence: drop it, saying why.</li>
 *   <li>Otherwise look for a binding of the message's protocol and port on exactly the destination address,
 *       then on {@code 0.0.0.0}; the specific binding wins. The application gets it:
 *       {@link Dispatch.Accepted} with the listener's own (address, port), which may be {@code 0.0.0.0}.</li>
 *   <li>No binding: {@link Dispatch.Refused} with the message's destination ("connection refused";
 *       a TCP reset, or ICMP port unreachable for UDP).</li>
 * </ol>
 */
public final class Host {

    /**
     * A host with only its loopback interface {@code lo 127.0.0.1}.
     *
     * @param name the host's name: a single valid RFC 1123 label such as {@code laptop} or {@code node-1}
     * @throws IllegalArgumentException if {@code name} is null or not a valid label; the message quotes it
     */
    public Host(String name) {
        throw new UnsupportedOperationException("Exercise 1.3: implement the Host constructor");
    }

    /** The host's name, in lower case. */
    public String name() {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.name");
    }

    /**
     * Adds an interface.
     *
     * @return this host, for chaining
     * @throws IllegalArgumentException if the interface is null, its name or address is already used on this
     *     host, or it is a second loopback interface; the message names the interface
     */
    public Host addInterface(Interface iface) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.addInterface");
    }

    /** The interfaces, loopback first, then in the order added; unmodifiable. */
    public List<Interface> interfaces() {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.interfaces");
    }

    /**
     * The interface that owns {@code address}; every 127.0.0.0/8 address belongs to {@code lo}.
     *
     * @return the interface, or empty if the address is not this host's (always empty for {@code 0.0.0.0})
     * @throws IllegalArgumentException if {@code address} is null
     */
    public Optional<Interface> interfaceFor(Ipv4Address address) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.interfaceFor");
    }

    /**
     * Binds an application to (address, port) for a protocol, as a server socket does.
     *
     * @param address one of this host's addresses, or {@link Ipv4Address#ANY} for all of them
     * @throws IllegalArgumentException if an argument is null, or the address is not this host's
     *     ("cannot assign requested address")
     * @throws IllegalStateException if the (protocol, address, port) clashes with a binding that is already
     *     there ("address already in use"; the message names the application holding it)
     */
    public void bind(Application application, Protocol protocol, Ipv4Address address, Port port) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.bind");
    }

    /**
     * Removes the binding at exactly (protocol, address, port): unbinding {@code 0.0.0.0:80} does not remove
     * {@code 10.0.0.2:80}, and the other way round.
     *
     * @return true if there was one
     * @throws IllegalArgumentException if an argument is null
     */
    public boolean unbind(Protocol protocol, Ipv4Address address, Port port) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.unbind");
    }

    /**
     * Hands an arriving message to the one application listening on its destination (see the class doc
     * for the order of the checks).
     *
     * @return accepted (by whom, on which listener), refused, or dropped (with the reason)
     * @throws IllegalArgumentException if {@code message} is null
     */
    public Dispatch dispatch(Message message) {
        throw new UnsupportedOperationException("Exercise 1.3: implement Host.dispatch");
    }
}
