package k8snet.cluster;

import java.util.List;
import java.util.Optional;

import k8snet.host.Application;
import k8snet.host.Dispatch;
import k8snet.host.Host;
import k8snet.host.Interface;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.link.MacAddress;
import k8snet.link.NeighbourTable;
import k8snet.routing.RouteTable;
import k8snet.trace.Place;
import k8snet.transport.Message;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * A Linux network namespace (network_namespaces(7)): a separate copy of the network stack, with its own
 * interfaces, routing table, neighbour table and sockets. Every pod gets one, which is how dozens of pods on
 * one node each have their own IP address and their own port 80; the node's own stack is the root namespace.
 * All the containers of one pod share their pod's namespace: they reach each other on {@code localhost}, and
 * two of them cannot listen on the same port.
 *
 * <pre>{@code
 * NetworkNamespace web = new NetworkNamespace("node-1", "web-1");
 * web.addInterface(new Interface("eth0", Ipv4Address.parse("10.244.1.2"), InterfaceKind.VIRTUAL),
 *         Cidr.parse("10.244.1.0/24"));          // adds 10.244.1.0/24 dev eth0 proto kernel scope link
 * web.routes().add(Route.via(Cidr.parse("0.0.0.0/0"), Ipv4Address.parse("10.244.1.1"), "eth0", Route.Origin.STATIC));
 * web.route(Ipv4Address.parse("10.244.2.7"));   // Via: default via 10.244.1.1 dev eth0, next hop 10.244.1.1
 * web.route(Ipv4Address.parse("10.244.1.3"));   // Via: connected, next hop 10.244.1.3 itself
 * web.route(Ipv4Address.LOCALHOST);             // Local: lo
 * }</pre>
 *
 * <p><b>Exercise 2.3 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 * Keep the sockets in a module 1 {@link Host} named after the namespace (the node's name for a root
 * namespace): its interface, bind and dispatch rules are exactly a namespace's.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A namespace is named by its node and its own name; the root namespace's own name is {@code ""}.
 *       Both are lower-case RFC 1123 labels otherwise ({@link k8snet.ipam.ObjectNames#isLabel}). Its place in a trace is
 *       {@code Place.host(node).namespace(name)}.</li>
 *   <li>A new namespace has only {@code lo} (127.0.0.1), and an empty routing table: it reaches nothing but
 *       itself.</li>
 *   <li>{@link #addInterface} adds a device with its address and the subnet the address is in, as
 *       {@code ip addr add 10.244.1.2/24 dev eth0} does. Like the kernel, it then adds the connected route for
 *       that subnet ({@code 10.244.1.0/24 dev eth0 proto kernel scope link}), except for a {@code /32}, which
 *       no other address shares. The interface's MAC is {@link MacAddress#forAddress} of its address.</li>
 *   <li>{@link #route} decides, in this order: an address of one of the namespace's own interfaces (every
 *       {@code 127.0.0.0/8} address belongs to {@code lo}) is {@link RouteDecision.Local}; otherwise the
 *       routing table's longest match gives the device and the next hop ({@link RouteDecision.Via}: the
 *       route's gateway, or the destination itself for a connected route); no match, or a route whose device
 *       the namespace does not have, is {@link RouteDecision.Unreachable} with a reason that names the
 *       destination and the namespace ("no route to 10.244.9.7 in node-2's root namespace").</li>
 * </ul>
 */
public final class NetworkNamespace {

    /**
     * A namespace with only {@code lo}.
     *
     * @param node the node it lives on
     * @param name its own name, {@code ""} for the node's root namespace
     * @throws IllegalArgumentException if a name is null, or not a lower-case RFC 1123 label (the root's {@code ""}
     *     aside)
     */
    public NetworkNamespace(String node, String name) {
        throw new UnsupportedOperationException("Exercise 2.3: implement the NetworkNamespace constructor");
    }

    /** The node's name. */
    public String node() {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.node");
    }

    /** The namespace's own name; {@code ""} for the root namespace. */
    public String name() {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.name");
    }

    /** True for the node's root namespace. */
    public boolean isRoot() {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.isRoot");
    }

    /** Where this namespace is in a trace: {@code Place.host(node).namespace(name)}. */
    public Place place() {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.place");
    }

    /** The sockets: a module 1 host named after the namespace (the node's name for the root namespace). */
    public Host host() {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.host");
    }

    /**
     * Adds a device with its address, and the connected route of {@code subnet} (see the class doc).
     *
     * @return this namespace
     * @throws IllegalArgumentException if an argument is null, the subnet does not contain the address, the
     *     interface is a loopback one, or its name or address is taken in this namespace
     * @throws IllegalStateException if the routing table has a route to {@code subnet} already
     */
    public NetworkNamespace addInterface(Interface iface, Cidr subnet) {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.addInterface");
    }

    /** The interfaces, {@code lo} first, then in the order added; unmodifiable. */
    public List<Interface> interfaces() {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.interfaces");
    }

    /**
     * The interface with this name.
     *
     * @throws IllegalArgumentException if {@code name} is null
     */
    public Optional<Interface> interfaceNamed(String name) {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.interfaceNamed");
    }

    /**
     * The subnet an interface's address was added with; empty for {@code lo} and unknown names.
     *
     * @throws IllegalArgumentException if {@code device} is null
     */
    public Optional<Cidr> subnetOf(String device) {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.subnetOf");
    }

    /**
     * The MAC address of an interface other than {@code lo}.
     *
     * @throws IllegalArgumentException if {@code device} is null
     */
    public Optional<MacAddress> mac(String device) {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.mac");
    }

    /** The namespace's own routing table (the same object every time). */
    public RouteTable routes() {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.routes");
    }

    /** The namespace's own neighbour table (the same object every time). */
    public NeighbourTable neighbours() {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.neighbours");
    }

    /**
     * How this namespace would send a packet to {@code destination} (see the class doc).
     *
     * @throws IllegalArgumentException if {@code destination} is null
     */
    public RouteDecision route(Ipv4Address destination) {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.route");
    }

    /**
     * Binds an application to (address, port) in this namespace, by module 1's rules ({@link Host#bind}).
     *
     * @throws IllegalArgumentException as {@link Host#bind} does
     * @throws IllegalStateException if the port is taken ("address already in use")
     */
    public void bind(Application application, Protocol protocol, Ipv4Address address, Port port) {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.bind");
    }

    /**
     * Hands an arriving message to the application listening for it, by module 1's rules
     * ({@link Host#dispatch}).
     *
     * @throws IllegalArgumentException if {@code message} is null
     */
    public Dispatch dispatch(Message message) {
        throw new UnsupportedOperationException("Exercise 2.3: implement NetworkNamespace.dispatch");
    }

    @Override
    public String toString() {
        return name().isEmpty() ? node() + "'s root namespace" : "namespace " + name() + " on " + node();
    }
}
