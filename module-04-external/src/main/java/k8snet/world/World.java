package k8snet.world;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.Require;
import k8snet.cluster.Crossing;
import k8snet.cluster.ExternalHost;
import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.dns.DnsResult;
import k8snet.dns.DnsZone;
import k8snet.dns.Hostname;
import k8snet.dns.ZoneResolver;
import k8snet.external.Cluster;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.ObjectNames;
import k8snet.net.Delivery;
import k8snet.net.Destination;
import k8snet.service.ServiceNetwork;
import k8snet.sim.ManualClock;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.transport.Protocol;
import k8snet.workload.ControlPlane;

/**
 * Clusters and hosts on one internet, with one public DNS zone and one clock: the world a cluster serves. Each
 * cluster gets a router of its own ({@code <name>-router}), masquerades its pods' traffic that leaves it (a pod
 * address means nothing outside its cluster, so two clusters may use the same pod CIDR), and shares the public
 * zone, so a pod of one cluster finds a Service of another by its public name. The internet carries a packet
 * from one cluster's router to the cluster that has its destination: one of its load balancers' addresses or an
 * address on its node network. Node networks must therefore differ between clusters, as in two peered networks.
 *
 * <pre>{@code
 * World world = new World(1);
 * ControlPlane east = world.addCluster("east");
 * ControlPlane west = world.addCluster("west");
 * east.addNode("east-1", "192.168.1.11/24");
 * west.addNode("west-1", "192.168.2.11/24");
 * ...                                                 // deploy, expose a LoadBalancer, world.publicDns().addA(...)
 * Delivery d = world.send(pod, Protocol.TCP, "api.west.example:80", "GET /");
 * Delivery answer = world.reply((Delivery.Delivered) d, "200 OK");
 * }</pre>
 *
 * <p>Node names are unique in the world, since a trace names a node without its cluster.
 */
public final class World {

    private final ManualClock clock = new ManualClock();
    private final DnsZone publicDns = new DnsZone();
    private final long seed;
    private final Map<String, ControlPlane> clusters = new LinkedHashMap<>();
    private final Map<String, ExternalHost> hosts = new LinkedHashMap<>();

    /** An empty world whose random choices all derive from {@code seed}. */
    public World(long seed) {
        this.seed = seed;
    }

    /** The clock every cluster of this world runs on. */
    public ManualClock clock() {
        return clock;
    }

    /** The public DNS zone: every cluster resolves outside names here, and so do hosts on the internet. */
    public DnsZone publicDns() {
        return publicDns;
    }

    /**
     * A cluster joins with the default pod network (10.244.0.0/16, host-gw).
     *
     * @param name a lower-case RFC 1123 label, unique in the world
     * @throws IllegalArgumentException if the name is null, malformed or taken
     */
    public ControlPlane addCluster(String name) {
        return addCluster(name, PodNetwork.builder());
    }

    /**
     * A cluster joins with pod network settings of its own; the world names its router {@code <name>-router}.
     *
     * @throws IllegalArgumentException as {@link #addCluster(String)}, or if {@code network} is null
     */
    public ControlPlane addCluster(String name, PodNetwork.Builder network) {
        Require.nonNull(name, "name");
        Require.nonNull(network, "network");
        Require.argument(ObjectNames.isLabel(name) && name.length() <= 56, "A cluster name is a lower-case RFC 1123"
                + " label of at most 56 characters: \"" + name + "\"");
        Require.argument(!clusters.containsKey(name), "A cluster named " + name + " exists already");
        long clusterSeed = seed * 1_000_003L + clusters.size();
        Cluster cluster = Cluster.builder()
                .services(ServiceNetwork.builder().clock(clock).seed(clusterSeed)
                        .network(network.routerName(name + "-router")))
                .seed(clusterSeed)
                .internetDns(publicDns)
                .masquerade(true)
                .build();
        ControlPlane cp = new ControlPlane(cluster, clock, clusterSeed);
        cluster.network().connect(packet -> carry(cluster, packet));
        for (ExternalHost host : hosts.values()) {
            cluster.network().addExternalHost(host);
        }
        clusters.put(name, cp);
        return cp;
    }

    /** The control plane of a cluster. @throws IllegalArgumentException if there is none of that name */
    public ControlPlane cluster(String name) {
        Require.nonNull(name, "name");
        ControlPlane cp = clusters.get(name);
        Require.argument(cp != null, "No cluster named " + name);
        return cp;
    }

    /** The clusters' names, in the order they joined. */
    public List<String> clusters() {
        return List.copyOf(clusters.keySet());
    }

    /**
     * A host on the internet, reachable from every cluster (those that join later too).
     *
     * @throws IllegalArgumentException as {@link PodNetwork#addExternalHost(String, String)}, or if a host of
     *     that name exists
     */
    public ExternalHost addHost(String name, String address) {
        Require.nonNull(name, "name");
        Require.argument(!hosts.containsKey(name), "A host named " + name + " exists already");
        ExternalHost host = null;
        for (ControlPlane cp : clusters.values()) {
            host = host == null ? cp.cluster().addExternalHost(name, address)
                    : cp.cluster().network().addExternalHost(host);
        }
        if (host == null) {
            host = PodNetwork.builder().build().addExternalHost(name, address);
        }
        hosts.put(name, host);
        return host;
    }

    /**
     * Lets time pass for every cluster, one node-monitor period at a time (see {@link ControlPlane#advance}).
     *
     * @throws IllegalArgumentException if {@code time} is null or negative
     */
    public void advance(Duration time) {
        ControlPlane.advance(clock, time, () -> clusters.values().forEach(ControlPlane::tick));
    }

    /**
     * Sends from a pod of any cluster, by name or address, as {@link Cluster#send(Pod, Protocol, String, String)}.
     *
     * @throws IllegalArgumentException if an argument is null, the pod is in no cluster of this world, or the
     *     destination does not parse
     */
    public Delivery send(Pod from, Protocol protocol, String destination, String payload) {
        Require.nonNull(from, "from");
        return clusterOf(from).cluster().send(from, protocol, destination, payload);
    }

    /**
     * Sends from a host on the internet to a public name or address: the host looks the name up in the public
     * zone and its packet goes to the cluster that has the address.
     *
     * @throws IllegalArgumentException if an argument is null, the host is not this world's, the destination does
     *     not parse, or the world has no cluster
     */
    public Delivery send(ExternalHost from, Protocol protocol, String destination, String payload) {
        Require.nonNull(from, "from");
        Require.nonNull(destination, "destination");
        Require.argument(hosts.get(from.name()) == from, from.name() + " is not a host of this world");
        Require.argument(!clusters.isEmpty(), "The world has no cluster to send through");
        Destination target = Destination.parse(destination);
        Optional<Ipv4Address> address = Optional.empty();
        if (Ipv4Address.isValid(target.host())) {
            address = Optional.of(Ipv4Address.parse(target.host()));
        } else if (new ZoneResolver(publicDns).resolve(Hostname.parse(target.host())) instanceof DnsResult.Answer a) {
            address = Optional.of(a.addresses().get(0));
        }
        ControlPlane via = address.flatMap(this::owner).orElse(clusters.values().iterator().next());
        return via.cluster().send(from, protocol, destination, payload);
    }

    /**
     * The receiver of a delivered packet answers, in whichever cluster (or host) it is: see
     * {@link PodNetwork#reply}.
     *
     * @throws IllegalArgumentException if an argument is null or the request was not delivered in this world
     */
    public Delivery reply(Delivery.Delivered request, String payload) {
        Require.nonNull(request, "request");
        Hop last = request.trace().last();
        Require.argument(last.action() == Action.DELIVERED && last.headers().isPresent(),
                "Only a delivered packet can be answered: " + last);
        if (hosts.containsKey(last.place().host())) {
            ControlPlane back = owner(last.headers().get().source().address())
                    .orElse(clusters.values().iterator().next());
            return back.cluster().network().reply(request, payload);
        }
        return clusterWithNode(last.place().host()).cluster().network().reply(request, payload);
    }

    /**
     * Sends the next packet of an earlier send's flow, from where it started: see {@link PodNetwork#sendAgain}.
     *
     * @throws IllegalArgumentException if an argument is null or {@code earlier} did not start in this world
     */
    public Delivery sendAgain(Delivery earlier, String payload) {
        Require.nonNull(earlier, "earlier");
        Hop first = earlier.trace().hops().stream()
                .filter(h -> h.action() == Action.SENT && h.headers().isPresent()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("This delivery never sent a packet"));
        if (hosts.containsKey(first.place().host())) {
            ControlPlane via = owner(first.headers().get().destination().address())
                    .orElse(clusters.values().iterator().next());
            return via.cluster().network().sendAgain(earlier, payload);
        }
        return clusterWithNode(first.place().host()).cluster().network().sendAgain(earlier, payload);
    }

    /** The internet's part: a packet left {@code from}'s router for an address no node or host of it has. */
    private Optional<Delivery> carry(Cluster from, Crossing packet) {
        checkNodeNetworks();
        Optional<ControlPlane> to = owner(packet.headers().destination().address())
                .filter(cp -> cp.cluster() != from);
        return to.map(cp -> cp.cluster().network().arrive(packet));
    }

    /** The cluster that has this public or node address. */
    private Optional<ControlPlane> owner(Ipv4Address address) {
        for (ControlPlane cp : clusters.values()) {
            if (cp.cluster().loadBalancerAddresses().contains(address)) {
                return Optional.of(cp);
            }
            for (Node node : cp.cluster().network().nodes()) {
                if (node.subnet().contains(address)) {
                    return Optional.of(cp);
                }
            }
        }
        return Optional.empty();
    }

    private void checkNodeNetworks() {
        Map<String, String> subnetOwner = new LinkedHashMap<>();
        for (Map.Entry<String, ControlPlane> e : clusters.entrySet()) {
            for (Node node : e.getValue().cluster().network().nodes()) {
                String other = subnetOwner.putIfAbsent(node.subnet().toString(), e.getKey());
                if (other != null && !other.equals(e.getKey())) {
                    throw new IllegalStateException("Clusters " + other + " and " + e.getKey() + " both use the node "
                            + "network " + node.subnet() + ": the internet could not tell where to carry a packet");
                }
            }
        }
    }

    private ControlPlane clusterOf(Pod pod) {
        for (ControlPlane cp : clusters.values()) {
            if (cp.cluster().network().pods().contains(pod)) {
                return cp;
            }
        }
        throw new IllegalArgumentException(pod.name() + " is a pod of no cluster of this world");
    }

    private ControlPlane clusterWithNode(String node) {
        List<ControlPlane> found = clusters.values().stream()
                .filter(cp -> cp.cluster().network().nodes().stream().anyMatch(n -> n.name().equals(node))).toList();
        Require.argument(!found.isEmpty(), "No cluster of this world has a node named " + node);
        Require.argument(found.size() == 1, "Several clusters have a node named " + node + ": node names must be "
                + "unique in the world");
        return found.get(0);
    }
}
