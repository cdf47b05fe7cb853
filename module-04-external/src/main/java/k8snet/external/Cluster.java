package k8snet.external;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import k8snet.Require;
import k8snet.clusterdns.ClusterDns;
import k8snet.clusterdns.ClusterDnsServer;
import k8snet.clusterdns.DnsEndpoint;
import k8snet.clusterdns.DnsPort;
import k8snet.clusterdns.DnsService;
import k8snet.clusterdns.Lookup;
import k8snet.clusterdns.PodResolver;
import k8snet.cluster.ExternalHost;
import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.dns.CachingResolver;
import k8snet.dns.DnsResult;
import k8snet.dns.DnsZone;
import k8snet.dns.Hostname;
import k8snet.dns.Resolver;
import k8snet.dns.ZoneResolver;
import k8snet.endpoints.EndpointEntry;
import k8snet.endpoints.EndpointSlice;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.ingress.Ingress;
import k8snet.ip.Ipv4Address;
import k8snet.lb.NodeBalancer;
import k8snet.lb.NodeStatus;
import k8snet.net.Delivery;
import k8snet.net.Destination;
import k8snet.nodeport.HealthCheck;
import k8snet.nodeport.NodePortAllocator;
import k8snet.nodeport.TrafficPolicy;
import k8snet.service.Service;
import k8snet.service.ServiceNetwork;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.trace.Trace;
import k8snet.transport.Protocol;

/**
 * Module 4's cluster: module 3's {@link ServiceNetwork} opened to the outside and given names. It adds the
 * NodePort allocator and every node's NodePort rules, external load balancers on the router, hosts on the
 * internet with a public DNS zone, cluster DNS with each pod's resolver, and ingress controllers.
 *
 * <pre>{@code
 * Cluster cluster = Cluster.builder().build();
 * ServiceNetwork net = cluster.services();
 * Node n1 = net.addNode("node-1", "192.168.1.11/24");
 * Pod web = net.addPod("web-1", n1, Labels.of("app", "web"), Map.of("http", Port.of(8080)));
 * web.listen("nginx", Protocol.TCP, Port.of(8080));
 * ExposedService svc = cluster.exposeLoadBalancer(spec, TrafficPolicy.CLUSTER, "203.0.113.10");
 * cluster.internetDns().addA("shop.example.com", "203.0.113.10", Duration.ofMinutes(5));
 * ExternalHost laptop = cluster.addExternalHost("laptop", "198.51.100.7");
 * Delivery d = cluster.send(laptop, Protocol.TCP, "shop.example.com:80", "GET / HTTP/1.1");
 * }</pre>
 *
 * <p>Names: a pod's send to {@code name:port} first looks the name up with its {@link PodResolver} (search
 * list and ndots, exercise 4.4) through one {@link CachingResolver} in front of the cluster DNS server (as
 * CoreDNS's {@code cache} plugin sits in front of its {@code kubernetes} plugin); every query shows as a
 * {@code dns} hop at the pod. Names outside the zone go to the internet's zone ({@link #internetDns()}). The
 * model asks the DNS server directly: the query's own packets to the {@code kube-dns} Service are not walked.
 * An external host looks names up in the internet's zone only. Services live in namespace {@code default}, so a
 * Service {@code api} is {@code api.default.svc.<zone>}.
 */
public final class Cluster {

    private final ServiceNetwork services;
    private final int firstNodePort;
    private final int lastNodePort;
    private final String zone;
    /** Made on first use, so that a cluster that needs no NodePorts or DNS runs with those exercises unfinished. */
    private NodePortAllocator nodePorts;
    private ClusterDns dns;
    private final long seed;
    private final Map<String, ExposedService> exposed = new LinkedHashMap<>();
    private final Map<String, DnsService> externalNames = new LinkedHashMap<>();
    private final Set<String> down = new HashSet<>();
    private final DnsZone internet;
    private final boolean masquerade;
    private final NodePortProxy nodePortProxy;
    private final CachingResolver dnsCache;

    private Cluster(Builder b) {
        this.services = b.services.build();
        this.firstNodePort = b.firstNodePort;
        this.lastNodePort = b.lastNodePort;
        this.zone = b.zone;
        this.seed = b.seed;
        this.internet = b.internet != null ? b.internet : new DnsZone();
        this.masquerade = b.masquerade;
        this.nodePortProxy = new NodePortProxy(services, () -> Optional.ofNullable(nodePorts), exposed, seed);
        services.addFrontHook(nodePortProxy);
        if (masquerade) {
            services.addFrontHook(new EgressMasquerade(services));
        }
        this.dnsCache = new CachingResolver(this::answer, services.clock(), b.negativeTtl);
    }

    /** A builder; every setting has a default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Services, pods and nodes (module 3's entry point). */
    public ServiceNetwork services() {
        return services;
    }

    /** The pod network underneath. */
    public PodNetwork network() {
        return services.network();
    }

    /** The NodePort allocator (exercise 4.1), made on first use. */
    public NodePortAllocator nodePorts() {
        if (nodePorts == null) {
            nodePorts = new NodePortAllocator(firstNodePort, lastNodePort);
        }
        return nodePorts;
    }

    /** Cluster DNS, with its zone (exercise 4.4), made on first use. */
    public ClusterDns dns() {
        if (dns == null) {
            dns = new ClusterDns(zone);
        }
        return dns;
    }

    /** The internet's DNS zone: add the public names of load balancers and outside hosts here. */
    public DnsZone internetDns() {
        return internet;
    }

    /** Whether pods' traffic that leaves the cluster is masqueraded to their node's address (see the builder). */
    public boolean masquerades() {
        return masquerade;
    }

    /** The public addresses of this cluster's load balancers, in the order they were made. */
    public List<Ipv4Address> loadBalancerAddresses() {
        return exposed.values().stream().flatMap(e -> e.loadBalancer().stream()).toList();
    }

    /**
     * Creates a Service of type NodePort: a ClusterIP Service, and on every node a NodePort per Service port,
     * picked by the allocator.
     *
     * @throws IllegalArgumentException as {@link ServiceNetwork#addService(ServiceSpec)}, or for a null policy
     * @throws IllegalStateException if the NodePort range is full
     */
    public ExposedService exposeNodePort(ServiceSpec spec, TrafficPolicy policy) {
        return expose(spec, policy, Map.of(), Optional.empty());
    }

    /**
     * Creates a Service of type NodePort with requested NodePorts ({@code spec.ports[].nodePort}) for some of its
     * ports, by port name.
     *
     * @throws IllegalArgumentException as {@link #exposeNodePort(ServiceSpec, TrafficPolicy)}, for a request
     *     outside the range, or for a port name the Service does not have
     * @throws IllegalStateException if a requested port is taken
     */
    public ExposedService exposeNodePort(ServiceSpec spec, TrafficPolicy policy, Map<String, Integer> requested) {
        return expose(spec, policy, Require.nonNull(requested, "requested"), Optional.empty());
    }

    /**
     * Creates a Service of type LoadBalancer: a NodePort Service and, on the router, a load balancer at
     * {@code publicIp} with one listener per Service port.
     *
     * @throws IllegalArgumentException as {@link #exposeNodePort(ServiceSpec, TrafficPolicy)}, or if the address
     *     is malformed, in the cluster or node networks, or taken
     */
    public ExposedService exposeLoadBalancer(ServiceSpec spec, TrafficPolicy policy, String publicIp) {
        Require.nonNull(publicIp, "publicIp");
        Ipv4Address ip = Ipv4Address.parse(publicIp);
        Require.argument(!network().podCidrs().clusterCidr().contains(ip), "A load balancer's address cannot be in"
                + " the cluster CIDR: " + ip);
        for (Node node : network().nodes()) {
            Require.argument(!node.subnet().contains(ip), "A load balancer's address cannot be on the node network: "
                    + ip + " is in " + node.subnet());
        }
        Require.argument(network().externalHostAt(ip).isEmpty() && exposed.values().stream()
                .noneMatch(e -> e.loadBalancer().map(ip::equals).orElse(false)),
                "Address " + ip + " is taken");
        Require.nonNull(spec, "spec");
        return expose(spec, policy, Map.of(), Optional.of(ip));
    }

    private ExposedService expose(ServiceSpec spec, TrafficPolicy policy, Map<String, Integer> requested,
            Optional<Ipv4Address> lb) {
        Require.nonNull(spec, "spec");
        Require.nonNull(policy, "policy");
        for (String name : requested.keySet()) {
            Require.argument(spec.ports().stream().anyMatch(p -> p.name().equals(name)),
                    "Service " + spec.name() + " has no port named \"" + name + "\"");
        }
        Service service = services.addService(spec);
        Map<String, Integer> ports = new LinkedHashMap<>();
        try {
            for (ServicePort p : spec.ports()) {
                Integer want = requested.get(p.name());
                ports.put(p.name(), want == null ? nodePorts().allocate(spec.name())
                        : nodePorts().allocate(spec.name(), want));
            }
        } catch (RuntimeException e) {
            ports.values().forEach(nodePorts()::release);
            services.removeService(spec.name());
            throw e;
        }
        ExposedService result = new ExposedService(service, ports, policy, lb);
        exposed.put(spec.name(), result);
        if (lb.isPresent()) {
            NodeBalancer balancer = new NodeBalancer(new Random(seed * 17 + spec.name().hashCode()));
            network().addEdgeHook(new ExternalLoadBalancer(result, balancer, this::nodeStatuses, nodePortProxy));
        }
        return result;
    }

    /** The Service opened to the outside with this name. @throws IllegalArgumentException if there is none */
    public ExposedService exposed(String name) {
        Require.nonNull(name, "name");
        ExposedService e = exposed.get(name);
        Require.argument(e != null, "No NodePort or LoadBalancer Service named " + name);
        return e;
    }

    /**
     * Switches a node off or on, as a crash and a reboot would, as far as load balancers see it: a node that is
     * down fails every health check.
     *
     * @throws IllegalArgumentException if there is no such node
     */
    public void setNodeUp(String node, boolean up) {
        network().node(node);
        if (up) {
            down.remove(node);
        } else {
            down.add(node);
        }
    }

    /** The nodes as load balancers see them, in the order they joined. */
    public List<NodeStatus> nodeStatuses() {
        List<NodeStatus> out = new ArrayList<>();
        for (Node n : network().nodes()) {
            out.add(new NodeStatus(n.name(), n.ip(), !down.contains(n.name())));
        }
        return out;
    }

    /**
     * What a node's {@code healthCheckNodePort} answers for a Service (exercise 4.1's rules).
     *
     * @throws IllegalArgumentException if there is no such Service or node
     */
    public HealthCheck healthCheck(String service, String node) {
        network().node(node);
        return nodePortProxy.healthCheck(exposed(service), node);
    }

    /**
     * Adds a Service of type ExternalName: cluster DNS answers its name with a CNAME to {@code target}.
     *
     * @throws IllegalArgumentException if an argument is null or a name is invalid
     */
    public void addExternalName(String name, String target) {
        DnsService s = DnsService.externalName(ServiceNetwork.DEFAULT_NAMESPACE, name, target);
        dns().records(List.of(s));
        externalNames.put(name, s);
    }

    /** A host on the internet, as {@link PodNetwork#addExternalHost}. */
    public ExternalHost addExternalHost(String name, String address) {
        return network().addExternalHost(name, address);
    }

    /** Every Service as cluster DNS sees it now: ClusterIP, headless and ExternalName ones. */
    public List<DnsService> dnsServices() {
        List<DnsService> out = new ArrayList<>();
        String ns = ServiceNetwork.DEFAULT_NAMESPACE;
        for (Service s : services.services()) {
            out.add(new DnsService(ns, s.name(), k8snet.clusterdns.ServiceKind.CLUSTER_IP, Optional.of(s.clusterIp()),
                    Optional.empty(), ports(s.spec()), List.of()));
        }
        for (ServiceSpec spec : services.headlessServices()) {
            List<DnsEndpoint> eps = new ArrayList<>();
            for (EndpointSlice slice : services.endpoints().slices(spec.name())) {
                for (EndpointEntry e : slice.endpoints()) {
                    if (eps.stream().noneMatch(x -> x.ip().equals(e.address()))) {
                        eps.add(new DnsEndpoint(e.address(), Optional.empty(), e.conditions().ready()));
                    }
                }
            }
            out.add(DnsService.headless(ns, spec.name(), ports(spec), eps));
        }
        out.addAll(externalNames.values());
        return out;
    }

    /** The cluster's DNS server as it is now (forwarding outside names to the internet's zone). */
    public ClusterDnsServer dnsServer() {
        return new ClusterDnsServer(dns().zone(), dns().records(dnsServices()), new ZoneResolver(internet));
    }

    /** The resolver a pod in namespace {@code namespace} uses: ClusterFirst, in front of the DNS cache. */
    public PodResolver resolver(String namespace) {
        return PodResolver.clusterFirst(dnsCache, namespace, dns().zone());
    }

    /**
     * How a pod looks a name up: every query its resolver sends, and the outcome.
     *
     * @throws IllegalArgumentException if an argument is null or the name is not a valid hostname
     */
    public Lookup lookup(Pod pod, String name) {
        Require.nonNull(pod, "pod");
        return resolver(services.namespaceOf(pod.name())).resolve(name);
    }

    /**
     * Sends from a pod to {@code name:port} or {@code address:port}; a name is looked up first, and the trace
     * opens with one {@code dns} hop per query.
     *
     * @return the delivery, or {@link Delivery.UnknownHost} if no query found the name
     * @throws IllegalArgumentException if an argument is null or the destination does not parse
     */
    public Delivery send(Pod from, Protocol protocol, String destination, String payload) {
        Require.nonNull(from, "from");
        Require.nonNull(protocol, "protocol");
        Require.nonNull(destination, "destination");
        Require.nonNull(payload, "payload");
        Destination target = Destination.parse(destination);
        if (Ipv4Address.isValid(target.host())) {
            return services.send(from, protocol, destination, payload);
        }
        Place at = from.namespace().place();
        // Destination drops a final dot; keep it, since it makes the name absolute for the resolver.
        boolean absolute = java.util.regex.Pattern.compile("\\.:[0-9]+").matcher(destination).find();
        Lookup lookup = lookup(from, target.host() + (absolute ? "." : ""));
        List<Hop> hops = new ArrayList<>();
        for (Lookup.Attempt a : lookup.attempts()) {
            hops.add(dnsHop(at, a));
        }
        DnsResult result = lookup.result();
        if (!(result instanceof DnsResult.Answer answer)) {
            hops.add(new Hop(at, "dns", target.host() + " not found: " + lookup.attempts().size() + " quer"
                    + (lookup.attempts().size() == 1 ? "y" : "ies") + " sent, none answered",
                    Action.UNKNOWN_HOST, Optional.empty(), Optional.empty()));
            return new Delivery.UnknownHost(target.host(), result, Trace.of(hops));
        }
        return network().send(from, protocol, answer.addresses().get(0) + ":" + target.port(), payload, hops);
    }

    /**
     * Sends from a host on the internet to {@code name:port} or {@code address:port}; a name is looked up in the
     * internet's zone, shown as one {@code dns} hop before the send.
     *
     * @throws IllegalArgumentException if an argument is null or the destination does not parse
     */
    public Delivery send(ExternalHost from, Protocol protocol, String destination, String payload) {
        Require.nonNull(from, "from");
        Require.nonNull(destination, "destination");
        Destination target = Destination.parse(destination);
        if (Ipv4Address.isValid(target.host())) {
            return network().send(from, protocol, destination, payload);
        }
        Hostname name = Hostname.parse(target.host());
        DnsResult result = new ZoneResolver(internet).resolve(name);
        Place at = from.place();
        if (!(result instanceof DnsResult.Answer answer)) {
            Hop miss = new Hop(at, "dns", "query " + name + ": " + describe(result), Action.UNKNOWN_HOST,
                    Optional.empty(), Optional.empty());
            return new Delivery.UnknownHost(target.host(), result, Trace.of(List.of(miss)));
        }
        Delivery d = network().send(from, protocol, answer.addresses().get(0) + ":" + target.port(), payload);
        List<Hop> all = new ArrayList<>();
        all.add(dnsHop(at, new Lookup.Attempt(name, result)));
        all.addAll(d.trace().hops());
        return withTrace(d, Trace.of(all));
    }

    /** The answer of the cluster DNS server as it is now. */
    private DnsResult answer(Hostname name) {
        return dnsServer().resolve(name);
    }

    private static Hop dnsHop(Place at, Lookup.Attempt a) {
        boolean found = a.result() instanceof DnsResult.Answer;
        return new Hop(at, "dns", "query " + a.query() + ": " + describe(a.result()),
                found ? Action.RESOLVED : Action.NOTE, Optional.empty(), Optional.empty());
    }

    private static String describe(DnsResult r) {
        if (r instanceof DnsResult.Answer a) {
            String via = a.chain().size() > 1 ? " (via " + a.chain().subList(1, a.chain().size()) + ")" : "";
            return a.addresses() + via + ", ttl " + a.ttl().toSeconds() + "s";
        }
        if (r instanceof DnsResult.NxDomain) {
            return "NXDOMAIN";
        }
        if (r instanceof DnsResult.NoData) {
            return "NODATA (the name exists, with no address)";
        }
        return "SERVFAIL (" + ((DnsResult.ServerFailure) r).reason() + ")";
    }

    private static Delivery withTrace(Delivery d, Trace trace) {
        if (d instanceof Delivery.Delivered x) {
            return new Delivery.Delivered(x.host(), x.application(), x.message(), trace);
        }
        if (d instanceof Delivery.Dropped x) {
            return new Delivery.Dropped(x.destination(), x.reason(), trace);
        }
        if (d instanceof Delivery.ConnectionRefused x) {
            return new Delivery.ConnectionRefused(x.destination(), trace);
        }
        if (d instanceof Delivery.HostUnreachable x) {
            return new Delivery.HostUnreachable(x.address(), x.reason(), trace);
        }
        Delivery.UnknownHost x = (Delivery.UnknownHost) d;
        return new Delivery.UnknownHost(x.name(), x.result(), trace);
    }

    private static List<DnsPort> ports(ServiceSpec spec) {
        return spec.ports().stream().map(p -> new DnsPort(p.name(), p.protocol(), p.port())).toList();
    }

    /**
     * An ingress controller configured with {@code ingress} (validated by {@link k8snet.ingress.IngressRouter}).
     * Its pods are whichever pods {@link IngressController#handle} is given requests from.
     *
     * @throws IllegalArgumentException if {@code ingress} is null or invalid
     */
    public IngressController ingressController(Ingress ingress) {
        return new IngressController(this, Require.nonNull(ingress, "ingress"));
    }

    /** Settings of a {@link Cluster}; each has a default. */
    public static final class Builder {

        private ServiceNetwork.Builder services = ServiceNetwork.builder();
        private String zone = ClusterDns.DEFAULT_ZONE;
        private int firstNodePort = NodePortAllocator.DEFAULT_FIRST;
        private int lastNodePort = NodePortAllocator.DEFAULT_LAST;
        private long seed = 1;
        private Duration negativeTtl = ClusterDnsServer.TTL;
        private DnsZone internet;
        private boolean masquerade;

        private Builder() {
        }

        /**
         * The internet's DNS zone, shared with other clusters (module 4's world); by default the cluster has a zone
         * of its own.
         */
        public Builder internetDns(DnsZone zone) {
            this.internet = Require.nonNull(zone, "zone");
            return this;
        }

        /**
         * Whether a pod's packets to an address outside the cluster (not a pod, node or Service address) leave
         * with the node's address as their source, as flannel's {@code --ip-masq} and ip-masq-agent arrange;
         * default off, so that an outside host sees the pod's own address. A cluster that talks to another
         * cluster needs it on: the other cluster cannot route back to a pod address.
         */
        public Builder masquerade(boolean on) {
            this.masquerade = on;
            return this;
        }

        /** Module 3's settings (pod network, service range, clock, seed, balancing). */
        public Builder services(ServiceNetwork.Builder services) {
            this.services = Require.nonNull(services, "services");
            return this;
        }

        /** The cluster domain; default {@code cluster.local}. */
        public Builder zone(String zone) {
            this.zone = Require.nonNull(zone, "zone");
            return this;
        }

        /** The NodePort range ({@code --service-node-port-range}); default 30000-32767. */
        public Builder nodePortRange(int first, int last) {
            this.firstNodePort = first;
            this.lastNodePort = last;
            return this;
        }

        /** The seed of the NodePort rules' and load balancers' random choices; default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How long the DNS cache keeps NXDOMAIN and NODATA; default 5 seconds. */
        public Builder negativeTtl(Duration ttl) {
            this.negativeTtl = Require.nonNull(ttl, "ttl");
            return this;
        }

        /** The cluster. @throws IllegalArgumentException if the settings do not fit together */
        public Cluster build() {
            return new Cluster(this);
        }
    }
}
