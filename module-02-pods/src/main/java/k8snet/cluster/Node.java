package k8snet.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.ipam.PodIpAllocator;
import k8snet.link.Bridge;
import k8snet.link.MacAddress;
import k8snet.overlay.VxlanDevice;
import k8snet.routing.NodeLease;
import k8snet.routing.RouteAgent;

/**
 * A node of the cluster: a machine with an {@code eth0} on the node network, a root namespace with its
 * routing and neighbour tables, the bridge {@code cni0} for its pods, their address allocator, its route
 * agent and, with the VXLAN backend, its {@code flannel.1} device. Nodes are made by {@link PodNetwork#addNode}.
 *
 * <p>The agent learns of the other nodes from the cluster's shared {@link LeaseLog}: before anything reads what
 * the agent writes (the root namespace with its routes and neighbours, the agent itself, the VXLAN device), it
 * acts on every entry it has not read yet, in order. So a caller or a packet sees what it would see had every
 * agent been told of every join at once; but a cluster that grows to 5,000 nodes one node at a time does not
 * touch 5,000 route tables at each join, and a node writes its routes in one run when it is next used.
 */
public final class Node {

    /** The name of the node's bridge, as the CNI bridge plugin calls it. */
    public static final String BRIDGE = "cni0";
    /** The name of the node's device on the node network. */
    public static final String UPLINK = "eth0";

    private final String name;
    private final NetworkNamespace root;
    private final Ipv4Address ip;
    private final Cidr subnet;
    private final Cidr podCidr;
    private final PodIpAllocator ipam;
    private final Bridge bridge;
    private final VxlanDevice vxlan;
    private final RouteAgent agent;
    private final NodeLease lease;
    private final LeaseLog leases;
    private final int joinedAt;
    /** The next entry of the lease log the agent has not acted on. */
    private int heard;
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final Map<String, Pod> podsByPort = new HashMap<>();
    private int veths;

    Node(String name, NetworkNamespace root, Ipv4Address ip, Cidr subnet, Cidr podCidr, PodIpAllocator ipam,
         Bridge bridge, VxlanDevice vxlan, RouteAgent agent, NodeLease lease, LeaseLog leases, int joinedAt) {
        this.name = name;
        this.root = root;
        this.ip = ip;
        this.subnet = subnet;
        this.podCidr = podCidr;
        this.ipam = ipam;
        this.bridge = bridge;
        this.vxlan = vxlan;
        this.agent = agent;
        this.lease = lease;
        this.leases = leases;
        this.joinedAt = joinedAt;
    }

    /** The node's name. */
    public String name() {
        return name;
    }

    /** Its root namespace: the node's own network stack. */
    public NetworkNamespace root() {
        catchUp();
        return root;
    }

    /** Its address on the node network ({@code eth0}). */
    public Ipv4Address ip() {
        return ip;
    }

    /** The node network's subnet as this node sees it. */
    public Cidr subnet() {
        return subnet;
    }

    /** The pod CIDR the control plane gave it. */
    public Cidr podCidr() {
        return podCidr;
    }

    /** Its pods' address allocator. */
    public PodIpAllocator ipam() {
        return ipam;
    }

    /** Its bridge, {@code cni0}. */
    public Bridge bridge() {
        return bridge;
    }

    /** Its VXLAN device, with the VXLAN backend. */
    public Optional<VxlanDevice> vxlan() {
        catchUp();
        return Optional.ofNullable(vxlan);
    }

    /** Its route agent. */
    public RouteAgent agent() {
        catchUp();
        return agent;
    }

    /** What the control plane publishes about it. */
    public NodeLease lease() {
        return lease;
    }

    /** The MAC of its {@code eth0}. */
    public MacAddress mac() {
        return MacAddress.forAddress(ip);
    }

    /** Its pods, in the order they started; unmodifiable. */
    public Collection<Pod> pods() {
        return Collections.unmodifiableCollection(new ArrayList<>(pods.values()));
    }

    /** The pod of this name on this node, or null. */
    Pod podNamed(String name) {
        return pods.get(name);
    }

    Optional<Pod> podOnPort(String port) {
        return Optional.ofNullable(podsByPort.get(port));
    }

    Optional<Pod> podAt(Ipv4Address address) {
        return ipam.podAt(address).map(pods::get);
    }

    /** Where this node's join is in the lease log. */
    int joinedAt() {
        return joinedAt;
    }

    /** The agent acts on the lease log's entries it has not read, oldest first; one that makes it throw is gone. */
    private void catchUp() {
        while (heard < leases.size()) {
            leases.tell(heard++, joinedAt, agent);
        }
    }

    String nextVeth() {
        return "veth" + (++veths);
    }

    void add(Pod pod) {
        pods.put(pod.name(), pod);
        podsByPort.put(pod.hostPort(), pod);
    }

    void remove(Pod pod) {
        pods.remove(pod.name());
        podsByPort.remove(pod.hostPort());
    }

    @Override
    public String toString() {
        return "node " + name + " (" + ip + ", pods " + podCidr + ")";
    }
}
