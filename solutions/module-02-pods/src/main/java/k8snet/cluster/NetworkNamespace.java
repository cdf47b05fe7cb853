package k8snet.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.Require;
import k8snet.host.Application;
import k8snet.host.Dispatch;
import k8snet.host.Host;
import k8snet.host.Interface;
import k8snet.host.InterfaceKind;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.ipam.ObjectNames;
import k8snet.link.MacAddress;
import k8snet.link.NeighbourTable;
import k8snet.routing.Route;
import k8snet.routing.RouteTable;
import k8snet.trace.Place;
import k8snet.transport.Message;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/** Reference solution of exercise 2.3, part 2 (the specification is the stub's Javadoc). */
public final class NetworkNamespace {

    private final String node;
    private final String name;
    private final Host host;
    private final RouteTable routes = new RouteTable();
    private final NeighbourTable neighbours = new NeighbourTable();
    private final Map<String, Cidr> subnets = new HashMap<>();
    /** The interfaces, lo first, as the host has them: every hop of a packet looks one up by name. */
    private final List<Interface> own = new ArrayList<>(3);
    private final Place place;

    public NetworkNamespace(String node, String name) {
        Require.nonNull(node, "node");
        Require.nonNull(name, "name");
        if (!ObjectNames.isLabel(node)) {
            throw new IllegalArgumentException("A node name is a lower-case RFC 1123 label: \"" + node + "\"");
        }
        if (!(name.isEmpty() || ObjectNames.isLabel(name))) {
            throw new IllegalArgumentException(
                    "A namespace name is a lower-case RFC 1123 label, or \"\" for the root namespace: \"" + name
                    + "\"");
        }
        this.node = node;
        this.name = name;
        this.host = new Host(name.isEmpty() ? node : name);
        this.place = Place.host(node).namespace(name);
        own.addAll(host.interfaces());
    }

    public String node() {
        return node;
    }

    public String name() {
        return name;
    }

    public boolean isRoot() {
        return name.isEmpty();
    }

    public Place place() {
        return place;
    }

    public Host host() {
        return host;
    }

    public NetworkNamespace addInterface(Interface iface, Cidr subnet) {
        Require.nonNull(iface, "interface");
        Require.nonNull(subnet, "subnet");
        if (iface.kind() == InterfaceKind.LOOPBACK) {
            throw new IllegalArgumentException("A namespace has its lo already: " + iface);
        }
        if (!subnet.contains(iface.address())) {
            throw new IllegalArgumentException("Subnet " + subnet + " does not contain " + iface.name()
                    + "'s address " + iface.address());
        }
        boolean route = subnet.prefixLength() < 32;
        if (route && routes.get(subnet).isPresent()) {
            throw new IllegalStateException("A route to " + subnet + " exists already in " + this + ": "
                    + routes.get(subnet).get());
        }
        host.addInterface(iface);
        own.add(iface);
        subnets.put(iface.name(), subnet);
        if (route) {
            routes.add(Route.connected(subnet, iface.name()));
        }
        return this;
    }

    public List<Interface> interfaces() {
        return host.interfaces();
    }

    public Optional<Interface> interfaceNamed(String name) {
        Require.nonNull(name, "name");
        for (Interface iface : own) {
            if (iface.name().equals(name)) {
                return Optional.of(iface);
            }
        }
        return Optional.empty();
    }

    public Optional<Cidr> subnetOf(String device) {
        Require.nonNull(device, "device");
        return Optional.ofNullable(subnets.get(device));
    }

    public Optional<MacAddress> mac(String device) {
        Require.nonNull(device, "device");
        return interfaceNamed(device).filter(i -> i.kind() != InterfaceKind.LOOPBACK)
                .map(i -> MacAddress.forAddress(i.address()));
    }

    public RouteTable routes() {
        return routes;
    }

    public NeighbourTable neighbours() {
        return neighbours;
    }

    public RouteDecision route(Ipv4Address destination) {
        Require.nonNull(destination, "destination");
        Optional<Interface> own = host.interfaceFor(destination);
        if (own.isPresent()) {
            return new RouteDecision.Local(own.get());
        }
        Optional<Route> match = routes.lookup(destination);
        if (match.isEmpty()) {
            return new RouteDecision.Unreachable("no route to " + destination + " in " + this
                    + ": no route in its table covers it");
        }
        Route r = match.get();
        Optional<Interface> device = interfaceNamed(r.device());
        if (device.isEmpty()) {
            return new RouteDecision.Unreachable("no route to " + destination + " in " + this + ": route " + r
                    + " names device " + r.device() + ", which it does not have");
        }
        return new RouteDecision.Via(r, device.get(), r.gateway().orElse(destination));
    }

    public void bind(Application application, Protocol protocol, Ipv4Address address, Port port) {
        host.bind(application, protocol, address, port);
    }

    public Dispatch dispatch(Message message) {
        return host.dispatch(message);
    }

    @Override
    public String toString() {
        return name.isEmpty() ? node + "'s root namespace" : "namespace " + name + " on " + node;
    }
}
