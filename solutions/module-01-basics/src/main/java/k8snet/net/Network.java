package k8snet.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import k8snet.Require;
import k8snet.dns.DnsResult;
import k8snet.dns.Hostname;
import k8snet.dns.Resolver;
import k8snet.host.Dispatch;
import k8snet.host.Host;
import k8snet.host.Interface;
import k8snet.host.InterfaceKind;
import k8snet.ip.Ipv4Address;
import k8snet.trace.Place;
import k8snet.trace.Trace;
import k8snet.transport.Message;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * The model's network of module 1: hosts that can all reach each other directly (one shared segment, no
 * routers yet), and a DNS resolver. {@link #send} is the course's central question in its simplest form:
 * a program on one host sends to {@code host:port}; which application gets it, and by which way?
 *
 * <p><b>Exercise 1.4 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 * Keep all state in the instance (no static fields): two networks never share hosts or port counters.
 *
 * <pre>{@code
 * Network net = new Network(resolver);          // for example a ZoneResolver
 * net.attach(laptop);                           // lo 127.0.0.1, wlan0 192.168.1.7
 * net.attach(server);                           // lo 127.0.0.1, eth0 192.168.1.20, nginx on 0.0.0.0:80
 * Delivery d = net.send(laptop, "http://web.example.com/", "GET /");
 * System.out.println(d.trace().render());   // for example:
 * //  1. laptop  [app]  TCP to http://web.example.com:80/
 * //  2. laptop  [dns]  web.example.com: A 192.168.1.20 (ttl 300s); using 192.168.1.20
 * //  3. laptop wlan0  [route]  192.168.1.7:49152 -> 192.168.1.20:80, sent over wlan0 to server
 * //  4. server eth0  [socket]  TCP 192.168.1.20:80 accepted by nginx (listening on 0.0.0.0:80)
 * }</pre>
 *
 * <h2>Attaching hosts</h2>
 * A host is attached once; host names are unique on a network; a non-loopback address belongs to at most
 * one attached host (checked when attaching; if interfaces are added later, {@link #ownerOf} answers with
 * the first host in attach order). Loopback addresses are never on the network: every host has
 * {@code 127.0.0.1}, and it means "myself".
 *
 * <h2>Sending: the steps, and the hop each one adds to the trace</h2>
 * Build a {@link k8snet.trace.Trace} as the message goes. Every hop has a place ({@code Place.host(name)},
 * with {@code .device(iface)} where one device is involved), a component and a decision that states the
 * values it used. Every outcome returns the trace so far, and it always starts at the sender.
 * <ol>
 *   <li><b>app</b> at the sender: the protocol and the destination as parsed.</li>
 *   <li><b>dns</b> at the sender. An IPv4 literal needs no lookup: say so ("IPv4 literal, no DNS lookup").
 *       Otherwise ask the resolver for {@code Hostname.parse(host)}:
 *       <ul>
 *         <li>{@link k8snet.dns.DnsResult.Answer}: use the first address (the resolver's order); the hop
 *             lists every address, and when aliases were followed the whole CNAME chain.</li>
 *         <li>anything else ends the send with {@link Delivery.UnknownHost} (the destination's host text, the
 *             result, the trace); the hop names the reason: {@code NXDOMAIN} (no such name), {@code NODATA}
 *             (the name exists, without an A record) or {@code SERVFAIL} (with the resolver's reason), and
 *             the CNAME chain when there was one, so a dangling alias is visible.</li>
 *       </ul></li>
 *   <li><b>route</b> at the sender. A loopback address ({@code 127.0.0.0/8}) never leaves the host: the
 *       message goes over {@code lo} from source {@code 127.0.0.1} to the sender itself, even when another
 *       host is attached (a host can never reach another host's loopback). Otherwise the source address is
 *       the sender's first non-loopback interface (none: {@link Delivery.HostUnreachable}, "no network
 *       interface"), and the receiver is {@link #ownerOf} the address (none:
 *       {@link Delivery.HostUnreachable} with the reason "no host on the network has ADDRESS": nobody
 *       answers ARP for it, so the sender reports "No route to host"). The hop names the device used and the
 *       receiving host.</li>
 *   <li>The source port is ephemeral: a per-network counter that starts at 49152, the first dynamic port
 *       (RFC 6335 section 6), goes up by one per message sent, and wraps back to 49152 after 65535, so a run is
 *       reproducible. A message exists only once DNS and the route have succeeded: a send that ends at the
 *       <b>dns</b> or <b>route</b> step (unknown host, host unreachable) uses no port, and the next message
 *       gets the port it would have got without that send. A send that reaches the <b>socket</b> step uses
 *       one, whatever the receiver decides.</li>
 *   <li><b>socket</b> at the receiver (on the device that owns the destination address, {@code lo} for
 *       loopback): {@link Host#dispatch} decides. Accepted becomes {@link Delivery.Delivered} (name the
 *       application and its listener); refused becomes {@link Delivery.ConnectionRefused} (say "connection
 *       refused" and what the sender sees: a TCP reset (RST) for TCP, ICMP port unreachable for UDP);
 *       dropped becomes {@link Delivery.HostUnreachable} with the host's reason.</li>
 * </ol>
 */
public final class Network {

    /** The dynamic (ephemeral) port range, RFC 6335 section 6. */
    private static final int FIRST_EPHEMERAL = 49152;
    private static final int LAST_EPHEMERAL = 65535;

    private final Resolver resolver;
    private final List<Host> hosts = new ArrayList<>();
    private int nextEphemeral = FIRST_EPHEMERAL;

    /**
     * An empty network that resolves names with {@code resolver}.
     *
     * @throws IllegalArgumentException if {@code resolver} is null
     */
    public Network(Resolver resolver) {
        this.resolver = Require.nonNull(resolver, "resolver");
    }

    /**
     * Connects a host.
     *
     * @throws IllegalArgumentException if it is null, already attached, its name is taken, or one of its
     *     non-loopback addresses belongs to another attached host; the message names the host and address
     */
    public void attach(Host host) {
        Require.nonNull(host, "host");
        for (Host attached : hosts) {
            Require.argument(attached != host, "Host " + host.name() + " is already attached to this network");
            Require.argument(!attached.name().equals(host.name()),
                    "A host named " + host.name() + " is already attached; host names are unique on a network");
        }
        for (Interface iface : host.interfaces()) {
            Optional<Host> owner = ownerOf(iface.address());
            if (owner.isPresent()) {
                throw new IllegalArgumentException("Address " + iface.address() + " (" + iface.name() + " on "
                        + host.name() + ") already belongs to " + owner.get().name() + " on this network");
            }
        }
        hosts.add(host);
    }

    /** The attached hosts, in attach order; unmodifiable. */
    public List<Host> hosts() {
        return List.copyOf(hosts);
    }

    /**
     * The attached host that owns a (non-loopback) address.
     *
     * @return the owner; empty for a loopback address, {@code 0.0.0.0} or an address nobody has
     * @throws IllegalArgumentException if {@code address} is null
     */
    public Optional<Host> ownerOf(Ipv4Address address) {
        Require.nonNull(address, "address");
        if (address.isLoopback()) {
            return Optional.empty();
        }
        return hosts.stream().filter(h -> h.interfaceFor(address).isPresent()).findFirst();
    }

    /** Sends over TCP: {@code send(from, Protocol.TCP, destination, payload)}. */
    public Delivery send(Host from, String destination, String payload) {
        return send(from, Protocol.TCP, destination, payload);
    }

    /**
     * Sends a message from an attached host to {@code host:port} or a URL, and reports how it went (see the
     * class doc for the steps and the trace).
     *
     * @param from the sending host; it must be attached
     * @param destination as {@link Destination#parse} accepts it
     * @param payload the message's content, possibly empty
     * @return the outcome, with the trace of every hop
     * @throws IllegalArgumentException if an argument is null, {@code from} is not attached, or
     *     {@code destination} does not parse
     */
    public Delivery send(Host from, Protocol protocol, String destination, String payload) {
        Require.nonNull(from, "from");
        Require.nonNull(protocol, "protocol");
        Require.nonNull(destination, "destination");
        Require.nonNull(payload, "payload");
        Require.argument(hosts.contains(from), "Host " + from.name() + " is not attached to this network");
        Destination target = Destination.parse(destination);
        Place here = Place.host(from.name());
        Trace.Builder trace = Trace.builder();
        trace.add(here, "app", protocol + " to " + target);

        Ipv4Address address;
        if (Ipv4Address.isValid(target.host())) {
            address = Ipv4Address.parse(target.host());
            trace.add(here, "dns", target.host() + " is an IPv4 literal, no DNS lookup");
        } else {
            DnsResult result = resolver.resolve(Hostname.parse(target.host()));
            if (result == null) {
                throw new IllegalStateException("The resolver returned null for " + target.host());
            }
            if (!(result instanceof DnsResult.Answer answer)) {
                trace.add(here, "dns", dnsFailure(result));
                return new Delivery.UnknownHost(target.host(), result, trace.build());
            }
            address = answer.addresses().get(0);
            trace.add(here, "dns", chain(answer) + ": A " + join(answer.addresses()) + " (ttl "
                    + answer.ttl().toSeconds() + "s); using " + address);
        }

        Host receiver;
        Interface outgoing;
        Interface incoming;
        SocketAddress source;
        if (address.isLoopback()) {
            receiver = from;
            outgoing = from.interfaceFor(address).orElseThrow();
            incoming = outgoing;
            source = new SocketAddress(Ipv4Address.LOCALHOST, nextPort());
            trace.add(here.device(outgoing.name()), "route", source + " -> " + address + ":" + target.port()
                    + ", loopback: stays on " + from.name() + " over " + outgoing.name());
        } else {
            Optional<Interface> nic = from.interfaces().stream()
                    .filter(i -> i.kind() != InterfaceKind.LOOPBACK).findFirst();
            if (nic.isEmpty()) {
                String reason = "no network interface: " + from.name() + " has only lo, so " + address
                        + " cannot be reached";
                trace.add(here, "route", reason);
                return new Delivery.HostUnreachable(address, reason, trace.build());
            }
            outgoing = nic.get();
            Optional<Host> owner = ownerOf(address);
            if (owner.isEmpty()) {
                String reason = "no host on the network has " + address;
                trace.add(here.device(outgoing.name()), "route",
                        reason + ": nobody answers ARP for it (No route to host)");
                return new Delivery.HostUnreachable(address, reason, trace.build());
            }
            receiver = owner.get();
            incoming = receiver.interfaceFor(address).orElseThrow();
            source = new SocketAddress(outgoing.address(), nextPort());
            trace.add(here.device(outgoing.name()), "route", source + " -> " + address + ":" + target.port()
                    + ", sent over " + outgoing.name() + " to " + receiver.name());
        }

        Message message = new Message(protocol, source, new SocketAddress(address, target.port()), payload);
        Place there = Place.host(receiver.name()).device(incoming.name());
        Dispatch dispatch = receiver.dispatch(message);
        if (dispatch instanceof Dispatch.Accepted accepted) {
            trace.add(there, "socket", protocol + " " + message.destination() + " accepted by "
                    + accepted.application() + " (listening on " + accepted.listener() + ")");
            return new Delivery.Delivered(receiver, accepted.application(), message, trace.build());
        }
        if (dispatch instanceof Dispatch.Refused refused) {
            String answer = protocol == Protocol.TCP ? "TCP reset (RST)" : "ICMP port unreachable";
            trace.add(there, "socket", "nothing listens on " + protocol + " " + refused.destination()
                    + ": connection refused, " + receiver.name() + " answers with " + answer);
            return new Delivery.ConnectionRefused(refused.destination(), trace.build());
        }
        String reason = ((Dispatch.Dropped) dispatch).reason();
        trace.add(there, "socket", "dropped: " + reason);
        return new Delivery.HostUnreachable(address, reason, trace.build());
    }

    /** The next ephemeral port; wraps so a long run stays in the dynamic range. */
    private Port nextPort() {
        int number = nextEphemeral;
        nextEphemeral = number == LAST_EPHEMERAL ? FIRST_EPHEMERAL : number + 1;
        return Port.of(number);
    }

    private static String chain(DnsResult result) {
        List<Hostname> chain = result.chain();
        if (chain.size() == 1) {
            return chain.get(0).toString();
        }
        return chain.get(0) + " via CNAME chain " + chain.stream().map(Hostname::toString)
                .collect(Collectors.joining(" -> "));
    }

    private static String dnsFailure(DnsResult result) {
        String name = chain(result);
        if (result instanceof DnsResult.NxDomain) {
            return name + ": no such name (NXDOMAIN)";
        }
        if (result instanceof DnsResult.NoData) {
            return name + ": the name exists but has no A record (NODATA)";
        }
        return name + ": the resolver failed (SERVFAIL): " + ((DnsResult.ServerFailure) result).reason();
    }

    private static String join(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
