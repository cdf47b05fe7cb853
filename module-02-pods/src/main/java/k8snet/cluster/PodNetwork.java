package k8snet.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.Require;
import k8snet.host.Interface;
import k8snet.host.InterfaceKind;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.ipam.PodCidrAllocator;
import k8snet.ipam.PodIpAllocator;
import k8snet.link.Bridge;
import k8snet.link.MacAddress;
import k8snet.net.Delivery;
import k8snet.overlay.VxlanAgent;
import k8snet.overlay.VxlanDevice;
import k8snet.routing.HostGwAgent;
import k8snet.routing.NodeLease;
import k8snet.routing.Route;
import k8snet.routing.RouteAgent;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * The pod network of one cluster: nodes on a node network, pods on the nodes, and the machinery that carries a
 * packet from any pod to any other (module 2's model, figures 2 to 4). It is the entry point a test or a
 * {@code main} uses:
 *
 * <pre>{@code
 * PodNetwork net = PodNetwork.builder().build();          // 10.244.0.0/16, a /24 per node, host-gw
 * Node n1 = net.addNode("node-1", "192.168.1.11/24");     // gets 10.244.0.0/24
 * Node n2 = net.addNode("node-2", "192.168.1.12/24");     // gets 10.244.1.0/24; both agents add routes
 * Pod web = net.addPod("web-1", n1);                      // 10.244.0.2
 * Pod db = net.addPod("db-1", n2);                        // 10.244.1.2
 * db.listen("postgres", Protocol.TCP, Port.of(5432));
 * Delivery d = net.send(web, "10.244.1.2:5432", "SELECT 1");
 * System.out.println(d.trace().render());
 * }</pre>
 *
 * <p>What the control plane does here: {@link #addNode} takes a pod CIDR from the cluster CIDR, builds the
 * node (root namespace, {@code eth0}, bridge {@code cni0} with the gateway address, with VXLAN a
 * {@code flannel.1} device, a default route to the node network's router) and tells every node's route agent
 * about every other node. {@link #addPod} does what the kubelet and the CNI bridge plugin do: an address from
 * the node's block, a namespace with {@code lo} and {@code eth0}, a connected route and a default route via
 * the gateway, and a veth pair whose host end joins the bridge.
 *
 * <p>The node network: every node subnet has a router at its last usable address (for example
 * {@code 192.168.1.254}) that forwards between node subnets and knows nothing about pod addresses. Nodes on one
 * subnet reach each other directly.
 *
 * <p>What is shared is shared: pod CIDRs are looked up in the one {@link PodCidrAllocator} of the cluster, and
 * a send finds a node or pod by address with hash lookups, never by scanning the cluster. Each node's route
 * table, as in a real cluster, holds its own copy of the agent's routes. The model is an instance: no static
 * state; the same calls give the same traces.
 */
public final class PodNetwork {

    private final PodCidrAllocator cidrs;
    private final Backend backend;
    private final int maxPods;
    private final int underlayMtu;
    private final int podMtu;
    private final boolean bridgeNetfilter;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<Ipv4Address, Node> nodesByIp = new HashMap<>();
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final LeaseLog leases = new LeaseLog();
    private final List<PacketHook> hooks = new ArrayList<>();
    private final List<EdgeHook> edgeHooks = new ArrayList<>();
    private final Map<String, ExternalHost> externalHosts = new LinkedHashMap<>();
    private final Map<Ipv4Address, ExternalHost> externalByIp = new HashMap<>();
    private final java.util.Set<String> down = new java.util.HashSet<>();
    private final String routerName;
    private Internet internet;
    private int nextEphemeral = PacketWalk.FIRST_EPHEMERAL;

    private PodNetwork(Builder b) {
        this.cidrs = new PodCidrAllocator(b.clusterCidr, b.nodeMaskSize);
        this.backend = b.backend;
        this.maxPods = b.maxPods;
        this.underlayMtu = b.underlayMtu;
        this.podMtu = b.podMtu != 0 ? b.podMtu
                : backend == Backend.VXLAN ? VxlanDevice.innerMtu(b.underlayMtu) : b.underlayMtu;
        this.bridgeNetfilter = b.bridgeNetfilter;
        this.routerName = b.routerName;
    }

    /** A builder with the defaults of the flannel and kubeadm conventions. */
    public static Builder builder() {
        return new Builder();
    }

    /** The cluster's pod CIDR allocation, shared by every node. */
    public PodCidrAllocator podCidrs() {
        return cidrs;
    }

    /** The backend that carries pod traffic between nodes. */
    public Backend backend() {
        return backend;
    }

    /** The MTU of every pod's {@code eth0}. */
    public int podMtu() {
        return podMtu;
    }

    /** The MTU of the node network. */
    public int underlayMtu() {
        return underlayMtu;
    }

    /** Whether the hooks see frames a bridge carries from one pod to another (see the builder). */
    public boolean bridgeNetfilter() {
        return bridgeNetfilter;
    }

    /** The name of the node network's router, as traces show it; default {@code router}. */
    public String routerName() {
        return routerName;
    }

    /**
     * A node crashes ({@code down}) or comes back. A node that is down takes part in nothing: a frame sent to it
     * is lost on the wire, and its pods and processes cannot send. Everything the control plane knows stays as it
     * was (its pod CIDR, its routes on the other nodes, its pods): noticing a dead node is the control plane's job
     * (module 4's node lifecycle controller), not the network's.
     *
     * @throws IllegalArgumentException if no node has that name
     */
    public void setNodeDown(String name, boolean isDown) {
        node(name);
        if (isDown) {
            down.add(name);
        } else {
            down.remove(name);
        }
    }

    /** Whether a node is down (crashed). @throws IllegalArgumentException if no node has that name */
    public boolean isNodeDown(String name) {
        node(name);
        return down.contains(name);
    }

    /** Whether {@code node}, a node of this network, is down: no name lookup, for the walk. */
    boolean isDown(Node node) {
        return !down.isEmpty() && down.contains(node.name());
    }

    /**
     * Connects the router to an internet shared with other networks: a packet for an address that no node and
     * no external host of this network has is handed to {@code internet} instead of being dropped.
     *
     * @throws IllegalArgumentException if {@code internet} is null
     * @throws IllegalStateException if this network is connected already
     */
    public void connect(Internet internet) {
        Require.nonNull(internet, "internet");
        if (this.internet != null) {
            throw new IllegalStateException("This network is connected to an internet already");
        }
        this.internet = internet;
    }

    Optional<Internet> internet() {
        return Optional.ofNullable(internet);
    }

    /**
     * A packet from another network arrives at this network's router across the internet, and walks on from
     * there (edge hooks, then the node that has its destination) as a packet from an external host does.
     *
     * @return how its walk ended, with the whole trace: {@code packet}'s hops, then this network's
     * @throws IllegalArgumentException if {@code packet} is null
     */
    public Delivery arrive(Crossing packet) {
        Require.nonNull(packet, "packet");
        return new PacketWalk(this).arrive(packet);
    }

    /**
     * A node joins: it gets the next pod CIDR, its devices and routes, and every agent hears of it.
     *
     * @param name a lower-case RFC 1123 label, unique in the cluster
     * @param address its {@code eth0} address with the node network's prefix, such as {@code 192.168.1.11/24}
     * @throws IllegalArgumentException if an argument is null or malformed, the name or address is taken, or the
     *     address is its subnet's router address (the last usable one)
     * @throws IllegalStateException if the cluster CIDR has no free node block
     */
    public Node addNode(String name, String address) {
        Require.nonNull(name, "name");
        Require.nonNull(address, "address");
        Require.argument(!nodes.containsKey(name), "A node named " + name + " is in the cluster already");
        Require.argument(!externalHosts.containsKey(name), "The name " + name + " belongs to an external host");
        int slash = address.indexOf('/');
        Require.argument(slash > 0, "A node address is ADDRESS/PREFIX, such as 192.168.1.11/24: \"" + address + "\"");
        Ipv4Address ip = Ipv4Address.parse(address.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(address.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad prefix in node address \"" + address + "\"", e);
        }
        Require.argument(prefix >= 8 && prefix <= 30, "A node subnet is a /8 to /30: \"" + address + "\"");
        Cidr subnet = Cidr.containing(ip, prefix);
        Require.argument(!ip.equals(subnet.network()) && !ip.equals(subnet.broadcast()),
                "A node address cannot be its subnet's network or broadcast address: " + address);
        Require.argument(!ip.equals(routerOf(subnet)), "Node " + name + " cannot have " + ip
                + ": it is the router address of " + subnet);
        Require.argument(!nodesByIp.containsKey(ip), "Address " + ip + " belongs to node "
                + (nodesByIp.get(ip) == null ? "?" : nodesByIp.get(ip).name()) + " already");
        Require.argument(!cidrs.clusterCidr().overlaps(subnet), "The node subnet " + subnet
                + " overlaps the cluster CIDR " + cidrs.clusterCidr());
        for (ExternalHost outside : externalHosts.values()) {
            Require.argument(!subnet.contains(outside.ip()), "The node subnet " + subnet + " holds the address of "
                    + "external host " + outside);
        }

        NetworkNamespace root = new NetworkNamespace(name, "");
        Cidr podCidr = cidrs.allocate(name);
        try {
            PodIpAllocator ipam = new PodIpAllocator(podCidr, maxPods);
            root.addInterface(new Interface(Node.UPLINK, ip, InterfaceKind.PHYSICAL), subnet);
            root.addInterface(new Interface(Node.BRIDGE, ipam.gateway(), InterfaceKind.VIRTUAL), podCidr);
            root.routes().add(Route.via(Cidr.parse("0.0.0.0/0"), routerOf(subnet), Node.UPLINK, Route.Origin.STATIC));
            Bridge bridge = new Bridge(Node.BRIDGE, MacAddress.forAddress(ipam.gateway()));
            MacAddress vtep = MacAddress.forAddress(podCidr.network());
            VxlanDevice vxlan = null;
            RouteAgent agent;
            if (backend == Backend.VXLAN) {
                vxlan = new VxlanDevice(VxlanStage.DEVICE, VxlanDevice.FLANNEL_VNI, VxlanDevice.LINUX_PORT, ip, vtep);
                root.addInterface(new Interface(VxlanStage.DEVICE, podCidr.network(), InterfaceKind.VIRTUAL),
                        Cidr.of(podCidr.network(), 32));
                agent = new VxlanAgent(name, vxlan, root.routes(), root.neighbours());
            } else {
                agent = new HostGwAgent(name, subnet, Node.UPLINK, root.routes());
            }
            NodeLease lease = new NodeLease(name, ip, subnet, podCidr, vtep);
            // Every agent reads the join from the shared lease log before its node is next used (Node, LeaseLog).
            Node node = new Node(name, root, ip, subnet, podCidr, ipam, bridge, vxlan, agent, lease, leases,
                    leases.joined(lease));
            nodes.put(name, node);
            nodesByIp.put(ip, node);
            return node;
        } catch (RuntimeException e) {
            cidrs.release(name);
            throw e;
        }
    }

    /**
     * A node leaves: its pods are gone, its pod CIDR is free again, and every other agent removes what it had
     * written for it.
     *
     * @throws IllegalArgumentException if no node has that name
     */
    public void removeNode(String name) {
        Node node = node(name);
        for (Pod pod : node.pods()) {
            pods.remove(pod.name());
            pod.stopped();
        }
        nodes.remove(name);
        down.remove(name);
        nodesByIp.remove(node.ip());
        cidrs.release(name);
        leases.left(node.joinedAt());
    }

    /**
     * A pod starts on a node (see the class doc for what that sets up).
     *
     * @param name a lower-case RFC 1123 label, unique in the cluster
     * @throws IllegalArgumentException if an argument is null, the name is malformed or taken, or the node is not
     *     this cluster's
     * @throws IllegalStateException if the node has no free address or runs its maximum of pods
     */
    public Pod addPod(String name, Node node) {
        Require.nonNull(name, "name");
        Require.nonNull(node, "node");
        Require.argument(nodes.get(node.name()) == node, node.name() + " is not a node of this cluster");
        Require.argument(!pods.containsKey(name), "A pod named " + name + " is in the cluster already");
        NetworkNamespace ns = new NetworkNamespace(node.name(), name);
        Ipv4Address ip = node.ipam().allocate(name);
        ns.addInterface(new Interface("eth0", ip, InterfaceKind.VIRTUAL), node.podCidr());
        ns.routes().add(Route.via(Cidr.parse("0.0.0.0/0"), node.ipam().gateway(), "eth0", Route.Origin.STATIC));
        String veth = node.nextVeth();
        node.bridge().attach(veth);
        Pod pod = new Pod(this, name, node, ns, ip, veth, podMtu);
        node.add(pod);
        pods.put(name, pod);
        return pod;
    }

    /**
     * A pod stops: its veth pair goes, and its address returns to its node's allocator.
     *
     * @throws IllegalArgumentException if no pod has that name
     */
    public void removePod(String name) {
        Pod pod = pod(name);
        pod.node().bridge().detach(pod.hostPort());
        pod.node().ipam().release(pod.ip());
        pod.node().remove(pod);
        pods.remove(name);
        pod.stopped();
    }

    /** The node with this name. @throws IllegalArgumentException if there is none */
    public Node node(String name) {
        Require.nonNull(name, "name");
        Node node = nodes.get(name);
        if (node == null) {
            throw new IllegalArgumentException("No node named " + name + " in the cluster");
        }
        return node;
    }

    /** The pod with this name. @throws IllegalArgumentException if there is none */
    public Pod pod(String name) {
        Require.nonNull(name, "name");
        Pod pod = pods.get(name);
        if (pod == null) {
            throw new IllegalArgumentException("No pod named " + name + " in the cluster");
        }
        return pod;
    }

    /** The nodes, in the order they joined; unmodifiable. */
    public List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The pods, in the order they started; unmodifiable. */
    public List<Pod> pods() {
        return List.copyOf(pods.values());
    }

    /**
     * The pod that holds an address, found through the cluster's pod CIDRs without a scan.
     *
     * @throws IllegalArgumentException if {@code address} is null
     */
    public Optional<Pod> podAt(Ipv4Address address) {
        Require.nonNull(address, "address");
        return cidrs.nodeOf(address).map(nodes::get).flatMap(n -> n.podAt(address));
    }

    /** The node whose {@code eth0} has this address. */
    public Optional<Node> nodeAt(Ipv4Address address) {
        Require.nonNull(address, "address");
        return Optional.ofNullable(nodesByIp.get(address));
    }

    /** Sends over TCP from a pod: {@code send(from, Protocol.TCP, destination, payload)}. */
    public Delivery send(Pod from, String destination, String payload) {
        return send(from, Protocol.TCP, destination, payload);
    }

    /**
     * Sends a message from a pod to {@code address:port} and follows it hop by hop.
     *
     * @param destination {@code A.B.C.D:port}, as module 1's {@code Destination} parses it
     * @return how it ended, with the trace of every hop
     * @throws IllegalArgumentException if an argument is null, the pod is not in this cluster, or the destination
     *     does not parse
     */
    public Delivery send(Pod from, Protocol protocol, String destination, String payload) {
        Require.nonNull(from, "from");
        if (!isMember(from)) {
            throw new IllegalArgumentException(from.name() + " is not a pod of this cluster");
        }
        requireUp(from.node());
        return new PacketWalk(this).from(from).send(from.namespace(), protocol, destination, payload);
    }

    /**
     * Sends a message from a pod to an address and port already parsed, as
     * {@link #send(Pod, Protocol, String, String)} does to their text (a caller that holds a {@code SocketAddress}
     * skips the parse; the trace is the same).
     *
     * @throws IllegalArgumentException if an argument is null or the pod is not in this cluster
     */
    public Delivery send(Pod from, Protocol protocol, SocketAddress destination, String payload) {
        Require.nonNull(from, "from");
        if (!isMember(from)) {
            throw new IllegalArgumentException(from.name() + " is not a pod of this cluster");
        }
        requireUp(from.node());
        return new PacketWalk(this).from(from).send(from.namespace(), protocol, destination, payload);
    }

    /**
     * Sends from a pod after something the pod did first, such as a DNS lookup: {@code before} opens the trace,
     * then the send goes on as {@link #send(Pod, Protocol, String, String)}.
     *
     * @param before hops at the pod (its place), in order
     * @throws IllegalArgumentException as {@link #send(Pod, Protocol, String, String)}, or if a hop is null or
     *     elsewhere than at the pod
     */
    public Delivery send(Pod from, Protocol protocol, String destination, String payload, List<Hop> before) {
        Require.nonNull(from, "from");
        Require.nonNull(before, "before");
        if (!isMember(from)) {
            throw new IllegalArgumentException(from.name() + " is not a pod of this cluster");
        }
        requireUp(from.node());
        for (Hop hop : before) {
            Require.nonNull(hop, "hop");
            Require.argument(hop.place().host().equals(from.node().name())
                    && hop.place().namespace().equals(from.name()) && !hop.action().isTerminal(),
                    "A hop before the send happens at " + from.name() + " and ends nothing: " + hop);
        }
        return new PacketWalk(this).from(from).after(before).send(from.namespace(), protocol, destination, payload);
    }

    /**
     * Sends a message from a node's root namespace, as a process on the node itself would.
     *
     * @throws IllegalArgumentException as {@link #send(Pod, Protocol, String, String)}
     */
    public Delivery send(Node from, Protocol protocol, String destination, String payload) {
        Require.nonNull(from, "from");
        if (nodes.get(from.name()) != from) {
            throw new IllegalArgumentException(from.name() + " is not a node of this cluster");
        }
        requireUp(from);
        return new PacketWalk(this).send(from.root(), protocol, destination, payload);
    }

    /**
     * Sends another packet of the flow {@code earlier} started: from the same namespace, with the same protocol,
     * source port and destination as its first packet. It walks the network afresh, so it shows what
     * connection tracking does with a flow that is already known.
     *
     * <pre>{@code
     * Delivery first = net.send(web, "10.244.1.2:5432", "BEGIN");
     * Delivery second = net.sendAgain(first, "SELECT 1");    // same source port as first
     * }</pre>
     *
     * @param earlier any earlier send of this network, however it ended (but not one that never left the app)
     * @throws IllegalArgumentException if an argument is null, or {@code earlier} did not start in this network
     *     with a sent packet
     */
    public Delivery sendAgain(Delivery earlier, String payload) {
        Require.nonNull(earlier, "earlier");
        Require.nonNull(payload, "payload");
        Hop first = firstSent(earlier);
        ExternalHost outside = externalHosts.get(first.place().host());
        if (outside != null) {
            return new PacketWalk(this).sendAgain(outside, first.headers().orElseThrow(), payload);
        }
        Pod pod = podAt(first.place());
        NetworkNamespace from = pod != null ? pod.namespace() : namespaceAt(first.place());
        if (down.contains(first.place().host())) {
            throw new IllegalArgumentException(first.place().host() + " is down: nothing on it can send");
        }
        return new PacketWalk(this).from(pod).sendAgain(from, first.headers().orElseThrow(), payload);
    }

    /**
     * The receiver of a delivered packet answers: a packet with the delivered source and destination swapped
     * leaves the receiving namespace and walks back. Only the client's own connection takes it: the reply must
     * arrive from the address and port the client sent to, or the client's kernel rejects it, as happens when a
     * Service's reply is not translated back (module 3).
     *
     * @return a {@link Delivery.Delivered} to application {@code client}, or how the reply was lost
     * @throws IllegalArgumentException if an argument is null, or {@code request} was not delivered in this
     *     network
     */
    public Delivery reply(Delivery.Delivered request, String payload) {
        Require.nonNull(request, "request");
        Require.nonNull(payload, "payload");
        Hop first = firstSent(request);
        Hop last = request.trace().last();
        Require.argument(last.action() == Action.DELIVERED && last.headers().isPresent(),
                "Only a packet delivered in a pod network can be answered: " + last);
        ExternalHost outside = externalHosts.get(last.place().host());
        if (outside != null) {
            return new PacketWalk(this).reply(outside, last.headers().get(), first.headers().orElseThrow(), payload);
        }
        Pod pod = podAt(last.place());
        NetworkNamespace server = pod != null ? pod.namespace() : namespaceAt(last.place());
        if (down.contains(last.place().host())) {
            throw new IllegalArgumentException(last.place().host() + " is down: nothing on it can answer");
        }
        return new PacketWalk(this).from(pod).reply(server, last.headers().get(), first.headers().orElseThrow(),
                payload);
    }

    /**
     * Whether {@code pod} is one of this cluster's pods. The pod knows, so a send does not look it up in the
     * table of every pod (at 150,000 pods that table is cold in the CPU's caches on every send).
     */
    private boolean isMember(Pod pod) {
        return pod.runsIn(this);
    }

    private void requireUp(Node node) {
        if (down.contains(node.name())) {
            throw new IllegalArgumentException(node.name() + " is down: nothing on it can send");
        }
    }

    /** The hop that sent the packet: the first {@code SENT} hop (a name lookup may come before it). */
    private Hop firstSent(Delivery d) {
        for (Hop hop : d.trace().hops()) {
            if (hop.action() == Action.SENT && hop.headers().isPresent()) {
                return hop;
            }
        }
        throw new IllegalArgumentException("This delivery did not start with a packet sent in a pod network: "
                + d.trace().render());
    }

    /** The pod a trace place is in; null for a node's root namespace. */
    private Pod podAt(Place place) {
        return place.namespace().isEmpty() ? null : namespaceOwner(place);
    }

    /** The namespace a trace place is in. */
    private NetworkNamespace namespaceAt(Place place) {
        if (place.namespace().isEmpty()) {
            Node node = nodes.get(place.host());
            if (node == null) {
                throw new IllegalArgumentException("No node named " + place.host() + " in the cluster (any more)");
            }
            return node.root();
        }
        return namespaceOwner(place).namespace();
    }

    /**
     * The pod a place names, found by its name (unique in the cluster) and checked against the place's host: one
     * lookup, where the node by name and then its pod by name were two, each cold in the caches at thousands of
     * nodes.
     */
    private Pod namespaceOwner(Place place) {
        Pod pod = pods.get(place.namespace());
        if (pod == null || !pod.node().name().equals(place.host())) {
            throw new IllegalArgumentException("No pod " + place.namespace() + " on " + place.host()
                    + " in the cluster (any more)");
        }
        return pod;
    }

    /**
     * A host on the internet joins the model: the router in front of the node network forwards packets for its
     * address to it, and its packets into the network.
     *
     * @param name a lower-case RFC 1123 label, used by no node or other external host
     * @param address an address outside the cluster CIDR and every node subnet, such as {@code 198.51.100.7}
     * @throws IllegalArgumentException if an argument is null or malformed, or the name or address is taken
     */
    public ExternalHost addExternalHost(String name, String address) {
        Require.nonNull(name, "name");
        Require.nonNull(address, "address");
        Ipv4Address ip = Ipv4Address.parse(address);
        ExternalHost host = new ExternalHost(name, ip);
        checkExternal(name, ip);
        externalHosts.put(name, host);
        externalByIp.put(ip, host);
        return host;
    }

    private void checkExternal(String name, Ipv4Address ip) {
        Require.argument(!externalHosts.containsKey(name) && !nodes.containsKey(name) && !name.equals(routerName),
                "The name " + name + " is taken in this network");
        Require.argument(!cidrs.clusterCidr().contains(ip), "An external host cannot have a pod address: " + ip
                + " is in the cluster CIDR " + cidrs.clusterCidr());
        for (Node node : nodes.values()) {
            Require.argument(!node.subnet().contains(ip), "An external host cannot be on the node network: " + ip
                    + " is in " + node.subnet());
        }
        Require.argument(!externalByIp.containsKey(ip), "Address " + ip + " belongs to external host "
                + externalByIp.get(ip) + " already");
    }

    /**
     * A host on the internet that other networks know too (module 4's world): the same host, with the same
     * sockets, becomes reachable from this network.
     *
     * @throws IllegalArgumentException as {@link #addExternalHost(String, String)}
     */
    public ExternalHost addExternalHost(ExternalHost host) {
        Require.nonNull(host, "host");
        checkExternal(host.name(), host.ip());
        externalHosts.put(host.name(), host);
        externalByIp.put(host.ip(), host);
        return host;
    }

    /** The external host with this name. @throws IllegalArgumentException if there is none */
    public ExternalHost externalHost(String name) {
        Require.nonNull(name, "name");
        ExternalHost host = externalHosts.get(name);
        Require.argument(host != null, "No external host named " + name);
        return host;
    }

    /** The external host with this address, if any. */
    public Optional<ExternalHost> externalHostAt(Ipv4Address address) {
        return Optional.ofNullable(externalByIp.get(Require.nonNull(address, "address")));
    }

    /**
     * Sends from a host on the internet: the packet crosses the internet to the router, which forwards it (after
     * its edge hooks) to the node that has the destination address.
     *
     * @throws IllegalArgumentException if an argument is null, the host is not this network's, or the
     *     destination does not parse
     */
    public Delivery send(ExternalHost from, Protocol protocol, String destination, String payload) {
        Require.nonNull(from, "from");
        Require.argument(externalHosts.get(from.name()) == from, from.name() + " is not an external host of this network");
        return new PacketWalk(this).send(from, protocol, destination, payload);
    }

    /**
     * Adds a step the router takes on every packet it forwards (module 4's load balancers); they run in the order
     * added.
     *
     * @throws IllegalArgumentException if {@code hook} is null
     */
    public void addEdgeHook(EdgeHook hook) {
        edgeHooks.add(Require.nonNull(hook, "hook"));
    }

    List<EdgeHook> edgeHooks() {
        return edgeHooks;
    }

    /**
     * Adds a step every node's root namespace takes on each packet entering it, before routing (modules 3 and 4
     * add kube-proxy and NodePort this way); hooks run in the order added.
     *
     * @throws IllegalArgumentException if {@code hook} is null
     */
    public void addHook(PacketHook hook) {
        hooks.add(Require.nonNull(hook, "hook"));
    }

    List<PacketHook> hooks() {
        return hooks;
    }

    Port nextPort() {
        int number = nextEphemeral;
        nextEphemeral = number == PacketWalk.LAST_EPHEMERAL ? PacketWalk.FIRST_EPHEMERAL : number + 1;
        return Port.of(number);
    }

    /** The router of a node subnet: its last usable address. */
    static Ipv4Address routerOf(Cidr subnet) {
        return subnet.lastUsable();
    }

    /** Settings of a {@link PodNetwork}; each has a default. */
    public static final class Builder {

        private Cidr clusterCidr = Cidr.parse("10.244.0.0/16");
        private int nodeMaskSize = 24;
        private Backend backend = Backend.HOST_GW;
        private int maxPods = PodIpAllocator.DEFAULT_MAX_PODS;
        private int underlayMtu = 1500;
        private int podMtu;
        private boolean bridgeNetfilter = true;
        private String routerName = "router";

        private Builder() {
        }

        /**
         * The name traces give the node network's router; default {@code router}. Two networks that share an
         * internet (module 4's world) give theirs different names, so a trace says which router a hop was at.
         */
        public Builder routerName(String name) {
            Require.nonNull(name, "name");
            Require.argument(k8snet.ipam.ObjectNames.isLabel(name), "A router's name is a lower-case RFC 1123 label: \""
                    + name + "\"");
            this.routerName = name;
            return this;
        }

        /**
         * Whether packets a bridge carries between two of its pods pass the hooks too
         * ({@code net.bridge.bridge-nf-call-iptables}, from the {@code br_netfilter} module); default on, as a
         * plugin that uses a Linux bridge must set it for kube-proxy to work (Kubernetes docs "Network Plugins").
         * Off, a pod's reply to another pod of its node skips the node's netfilter, which is why it matters.
         */
        public Builder bridgeNetfilter(boolean on) {
            this.bridgeNetfilter = on;
            return this;
        }

        /** The cluster CIDR ({@code --cluster-cidr}); default {@code 10.244.0.0/16}. */
        public Builder clusterCidr(String cidr) {
            this.clusterCidr = Cidr.parse(cidr);
            return this;
        }

        /** The prefix of each node's block ({@code --node-cidr-mask-size}); default 24. */
        public Builder nodeMaskSize(int size) {
            this.nodeMaskSize = size;
            return this;
        }

        /** How pod traffic crosses nodes; default {@link Backend#HOST_GW}. */
        public Builder backend(Backend backend) {
            this.backend = Require.nonNull(backend, "backend");
            return this;
        }

        /** The most pods per node (the kubelet's {@code maxPods}); default 110. */
        public Builder maxPods(int maxPods) {
            this.maxPods = maxPods;
            return this;
        }

        /** The node network's MTU; default 1500. */
        public Builder underlayMtu(int mtu) {
            Require.argument(mtu >= 68 && mtu <= 65535, "MTU out of range (68-65535): " + mtu);
            this.underlayMtu = mtu;
            return this;
        }

        /**
         * The MTU given to every pod's {@code eth0}; by default the node network's, less 50 bytes with VXLAN.
         * Setting it higher than that reproduces a classic overlay misconfiguration.
         */
        public Builder podMtu(int mtu) {
            Require.argument(mtu >= 68 && mtu <= 65535, "MTU out of range (68-65535): " + mtu);
            this.podMtu = mtu;
            return this;
        }

        /** The pod network. @throws IllegalArgumentException if the settings do not fit together */
        public PodNetwork build() {
            return new PodNetwork(this);
        }
    }
}
