package k8snet.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import k8snet.Require;
import k8snet.balance.Balancer;
import k8snet.balance.Endpoint;
import k8snet.balance.ClientIpAffinity;
import k8snet.balance.LeastConnections;
import k8snet.balance.RandomChain;
import k8snet.balance.RoundRobin;
import k8snet.cluster.Node;
import k8snet.cluster.PacketHook;
import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.endpoints.EndpointsController;
import k8snet.endpoints.PodState;
import k8snet.endpoints.ServicePort;
import k8snet.endpoints.ServiceSpec;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.Cidr;
import k8snet.labels.Labels;
import k8snet.labels.Selector;
import k8snet.policy.NetworkPolicy;
import k8snet.policy.PolicyEnforcer;
import k8snet.policy.PolicyEngine;
import k8snet.policy.PolicyPod;
import k8snet.net.Delivery;
import k8snet.proxy.Conntrack;
import k8snet.proxy.KubeProxy;
import k8snet.trace.Headers;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * Module 3's cluster: module 2's pod network with Services on top. It plays the control plane's part (the
 * ClusterIP allocator of the API server, the EndpointSlice controller) and runs a kube-proxy on every node,
 * installed as the pod network's packet hook. It is the entry point a test or a {@code main} uses:
 *
 * <pre>{@code
 * ServiceNetwork net = ServiceNetwork.builder().build();
 * Node n1 = net.addNode("node-1", "192.168.1.11/24");
 * Node n2 = net.addNode("node-2", "192.168.1.12/24");
 * Pod client = net.addPod("client", n1, Labels.of("app","client"), Map.of());
 * Pod web = net.addPod("web-1", n2, Labels.of("app", "web"), Map.of("http", Port.of(8080)));
 * web.listen("nginx", Protocol.TCP, Port.of(8080));
 * Service svc = net.addService(new ServiceSpec("web", Selector.parse("app=web"),
 *         List.of(ServicePort.tcp("http", 80, TargetPort.named("http")))));   // 10.96.x.y
 * Delivery d = net.send(client, svc.clusterIp() + ":80", "GET /");          // DNAT to web-1
 * Delivery r = net.reply((Delivery.Delivered) d, "200 OK");                 // seen from svc.clusterIp():80
 * }</pre>
 *
 * <p>After every change (a pod added, made ready or unready, terminating or removed; a Service added or
 * removed) the controller recomputes the endpoints of the Services the change concerns, and every kube-proxy
 * gets them at once: the model has no propagation delay. Each node's kube-proxy has its own conntrack table and
 * its own balancer per Service (kube-proxy runs independently on each node), chosen by {@link Builder#balancing}:
 * iptables' random chain seeded from {@link Builder#seed} and the node's position, or round robin, or least
 * connections; a Service added with session affinity wraps it in {@link ClientIpAffinity}.
 *
 * <p>What every node shares is held once: the Services, their ClusterIPs and their usable endpoints live here,
 * and a node's kube-proxy is given a Service (with its balancer and the shared endpoint lists) the first time a
 * packet for that ClusterIP reaches the node, or when {@link #proxy} hands the kube-proxy out. A packet sees the
 * same rules either way, since kube-proxy's verdict on a packet depends only on its conntrack table and the
 * Service of the packet's destination; but a cluster of 5,000 nodes and 10,000 Services does not hold 50 million
 * rule sets.
 *
 * <p>Pods start with an IP, ready and not terminating. Services live in namespace {@value #DEFAULT_NAMESPACE}
 * and select pods there; pods may be put in other namespaces ({@link #addNamespace}) for NetworkPolicies to tell
 * apart. Pod names are unique in the whole cluster, as module 2 requires.
 *
 * <p>Every node has one packet hook: any front hooks ({@link #addFrontHook}), its kube-proxy, then, once a
 * NetworkPolicy exists, a {@link PolicyEnforcer} judging what they left (exercise 3.6).
 */
public final class ServiceNetwork {

    /** How each node's kube-proxy chooses among a Service's endpoints. */
    public enum Balancing {
        /** iptables mode's random chain ({@link RandomChain}), the default. */
        RANDOM,
        /** IPVS {@code rr} ({@link RoundRobin}). */
        ROUND_ROBIN,
        /** IPVS {@code lc} ({@link LeastConnections}). */
        LEAST_CONNECTIONS
    }

    /** The namespace of Services, and of pods added without one. */
    public static final String DEFAULT_NAMESPACE = "default";

    private final PodNetwork network;
    private final InstantSource clock;
    private final long seed;
    private final Balancing balancing;
    private final Duration tcpTimeout;
    private final Duration udpTimeout;
    private final ClusterIpAllocator clusterIps;
    private final EndpointsController endpoints = new EndpointsController();
    /** Each node's kube-proxy and the Services it has been given, in the order the nodes joined. */
    private final Map<String, NodeProxy> proxies = new LinkedHashMap<>();
    private final Map<String, Integer> nodeIndex = new LinkedHashMap<>();
    private final Map<String, PodState> pods = new LinkedHashMap<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<Ipv4Address, Service> byClusterIp = new HashMap<>();
    /** The usable endpoints of every Service port, as the controller last computed them; shared by every node. */
    private final Map<String, Map<String, List<Endpoint>>> usable = new HashMap<>();
    /** The ClusterIP Services by the labels their selectors ask for. */
    private final SelectorIndex selecting = new SelectorIndex();
    /** Service, then the nodes whose kube-proxy has it (the other way round is {@link NodeProxy#programmed}). */
    private final Map<String, Set<String>> programmedOn = new HashMap<>();
    /** Services no kube-proxy has whose endpoints may have changed: asked for again when a kube-proxy needs them. */
    private final Set<String> stale = new HashSet<>();
    private final Map<String, Optional<Duration>> affinity = new LinkedHashMap<>();
    private final Map<String, ServiceSpec> headless = new LinkedHashMap<>();
    private final Map<String, String> namespaceOf = new LinkedHashMap<>();
    private final Map<String, Labels> namespaces = new LinkedHashMap<>(Map.of(DEFAULT_NAMESPACE, Labels.empty()));
    private final List<NetworkPolicy> policyList = new ArrayList<>();
    private final boolean enforcePolicies;
    private final List<PacketHook> frontHooks = new ArrayList<>();
    private PolicyEngine policies;
    private PolicyEnforcer enforcer;
    private int nodesEver;

    private ServiceNetwork(Builder b) {
        this.network = b.network.build();
        this.clock = b.clock;
        this.seed = b.seed;
        this.balancing = b.balancing;
        this.tcpTimeout = b.tcpTimeout;
        this.udpTimeout = b.udpTimeout;
        this.clusterIps = new ClusterIpAllocator(b.serviceRange);
        this.clusterIps.allocate("kubernetes", clusterIps.kubernetesServiceIp());
        this.enforcePolicies = b.enforcePolicies;
        network.addHook(this::onPacket);
    }

    /** A builder with the defaults of the class doc. */
    public static Builder builder() {
        return new Builder();
    }

    /** The pod network underneath. */
    public PodNetwork network() {
        return network;
    }

    /** The clock every conntrack table and affinity reads. */
    public InstantSource clock() {
        return clock;
    }

    /** The EndpointSlice controller, to read slices and usable endpoints. */
    public EndpointsController endpoints() {
        return endpoints;
    }

    /** The ClusterIP allocator; the {@code kubernetes} Service holds the range's first address. */
    public ClusterIpAllocator clusterIps() {
        return clusterIps;
    }

    /**
     * A node joins, with its own kube-proxy.
     *
     * @throws IllegalArgumentException as {@link PodNetwork#addNode}
     */
    public Node addNode(String name, String address) {
        Node node = network.addNode(name, address);
        KubeProxy proxy = new KubeProxy(new Conntrack(clock, tcpTimeout, udpTimeout));
        proxies.put(name, new NodeProxy(proxy, new HashSet<>()));
        nodeIndex.put(name, nodesEver++);
        if (policies != null) {
            policies.setNode(name, List.of(node.ip(), node.ipam().gateway()));
        }
        return node;
    }

    /**
     * A node leaves with its pods.
     *
     * @throws IllegalArgumentException if no node has that name
     */
    public void removeNode(String name) {
        Node node = network.node(name);
        List<PodState> gone = new ArrayList<>();
        for (Pod pod : node.pods()) {
            if (DEFAULT_NAMESPACE.equals(namespaceOf.get(pod.name()))) {
                gone.add(pods.get(pod.name()));
            }
            forgetPod(pod.name());
        }
        network.removeNode(name);
        for (String service : proxies.remove(name).programmed()) {
            programmedOn.get(service).remove(name);
        }
        for (PodState pod : gone) {
            podChanged(pod, null);
        }
    }

    /**
     * A pod starts, ready, in namespace {@value #DEFAULT_NAMESPACE}.
     *
     * @param containerPorts its named container ports, which a Service's named {@code targetPort} refers to
     * @throws IllegalArgumentException as {@link PodNetwork#addPod}, or for bad labels or port names
     */
    public Pod addPod(String name, Node node, Labels labels, Map<String, Port> containerPorts) {
        return addPod(DEFAULT_NAMESPACE, name, node, labels, containerPorts);
    }

    /**
     * A pod starts, ready, in a namespace made with {@link #addNamespace}. Services (all in
     * {@value #DEFAULT_NAMESPACE}) select only pods of {@value #DEFAULT_NAMESPACE}; a pod elsewhere is reached by
     * its address, and NetworkPolicies see its namespace.
     *
     * @throws IllegalArgumentException as {@link PodNetwork#addPod}, for bad labels or port names, or an unknown
     *     namespace
     */
    public Pod addPod(String namespace, String name, Node node, Labels labels, Map<String, Port> containerPorts) {
        Require.nonNull(namespace, "namespace");
        if (!namespaces.containsKey(namespace)) {
            throw new IllegalArgumentException("No namespace named \"" + namespace + "\"");
        }
        Require.nonNull(labels, "labels");
        Require.nonNull(containerPorts, "containerPorts");
        new PodState(Require.nonNull(name, "name"), labels, Optional.empty(), true, false, containerPorts);
        Pod pod = network.addPod(name, node);
        PodState state = new PodState(name, labels, Optional.of(pod.ip()), true, false, containerPorts);
        pods.put(name, state);
        namespaceOf.put(name, namespace);
        if (namespace.equals(DEFAULT_NAMESPACE)) {
            endpoints.setPod(state);
        }
        if (policies != null) {
            policies.setPod(policyPod(state));
        }
        podChanged(null, state);
        return pod;
    }

    /**
     * Creates a namespace, or replaces its labels. {@value #DEFAULT_NAMESPACE} exists from the start.
     *
     * @throws IllegalArgumentException if an argument is null or the name is not a lower-case RFC 1123 label
     */
    public void addNamespace(String name, Labels labels) {
        Require.nonNull(name, "name");
        Require.nonNull(labels, "labels");
        if (!k8snet.ipam.ObjectNames.isLabel(name)) {
            throw new IllegalArgumentException("A namespace name is a lower-case RFC 1123 label: \"" + name + "\"");
        }
        namespaces.put(name, labels);
        if (policies != null) {
            policies.setNamespace(name, labels);
        }
    }

    /** The namespace of a pod. @throws IllegalArgumentException if there is no such pod */
    public String namespaceOf(String pod) {
        state(pod);
        return namespaceOf.get(pod);
    }

    /**
     * A pod's readiness probe starts passing or failing.
     *
     * @throws IllegalArgumentException if no pod has that name
     */
    public void setReady(String pod, boolean ready) {
        PodState s = state(pod);
        update(new PodState(s.name(), s.labels(), s.ip(), ready, s.terminating(), s.containerPorts()));
    }

    /**
     * A pod is being deleted: its deletion timestamp is set, it still runs and still answers until it is
     * removed.
     *
     * @throws IllegalArgumentException if no pod has that name
     */
    public void terminate(String pod) {
        PodState s = state(pod);
        update(new PodState(s.name(), s.labels(), s.ip(), s.ready(), true, s.containerPorts()));
    }

    /**
     * A pod's labels change.
     *
     * @throws IllegalArgumentException if no pod has that name or {@code labels} is null
     */
    public void relabel(String pod, Labels labels) {
        PodState s = state(pod);
        update(new PodState(s.name(), Require.nonNull(labels, "labels"), s.ip(), s.ready(), s.terminating(),
                s.containerPorts()));
    }

    /**
     * A pod is gone: out of the pod network and out of every Service's endpoints.
     *
     * @throws IllegalArgumentException if no pod has that name
     */
    public void removePod(String pod) {
        PodState old = state(pod);
        boolean selectable = DEFAULT_NAMESPACE.equals(namespaceOf.get(pod));
        network.removePod(pod);
        forgetPod(pod);
        if (selectable) {
            podChanged(old, null);
        }
    }

    private void forgetPod(String pod) {
        String namespace = namespaceOf.remove(pod);
        pods.remove(pod);
        if (DEFAULT_NAMESPACE.equals(namespace)) {
            endpoints.removePod(pod);
        }
        if (policies != null) {
            policies.removePod(namespace, pod);
        }
    }

    /** The labels, IP and conditions of a pod. @throws IllegalArgumentException if there is no such pod */
    public PodState state(String pod) {
        Require.nonNull(pod, "pod");
        PodState s = pods.get(pod);
        if (s == null) {
            throw new IllegalArgumentException("No pod named " + pod + " in the cluster");
        }
        return s;
    }

    /**
     * Creates a Service with the next free ClusterIP.
     *
     * @throws IllegalArgumentException if {@code spec} is null or a Service of that name exists
     * @throws IllegalStateException if the service range is full
     */
    public Service addService(ServiceSpec spec) {
        return add(spec, Optional.empty(), Optional.empty());
    }

    /**
     * Creates a Service at a requested ClusterIP ({@code spec.clusterIP}).
     *
     * @throws IllegalArgumentException if an argument is null, the name exists, or the address is out of the
     *     range or taken
     */
    public Service addService(ServiceSpec spec, Ipv4Address clusterIp) {
        return add(spec, Optional.of(Require.nonNull(clusterIp, "clusterIp")), Optional.empty());
    }

    /**
     * Creates a Service with {@code sessionAffinity: ClientIP} and this timeout.
     *
     * @throws IllegalArgumentException if an argument is null, the name exists, or the timeout is out of
     *     {@link ClientIpAffinity}'s range
     */
    public Service addServiceWithAffinity(ServiceSpec spec, Duration timeout) {
        return add(spec, Optional.empty(), Optional.of(Require.nonNull(timeout, "timeout")));
    }

    /**
     * Creates a headless Service ({@code clusterIP: None}): no virtual address and no kube-proxy rules; the
     * controller still keeps its endpoints, which cluster DNS (module 4) hands out directly.
     *
     * @throws IllegalArgumentException if {@code spec} is null or a Service of that name exists
     */
    public void addHeadlessService(ServiceSpec spec) {
        Require.nonNull(spec, "spec");
        if (services.containsKey(spec.name()) || headless.containsKey(spec.name())
                || spec.name().equals("kubernetes")) {
            throw new IllegalArgumentException("A Service named " + spec.name() + " exists already");
        }
        headless.put(spec.name(), spec);
        endpoints.setService(spec);
    }

    /** The headless Services, in the order they were created; unmodifiable. */
    public List<ServiceSpec> headlessServices() {
        return List.copyOf(headless.values());
    }

    private Service add(ServiceSpec spec, Optional<Ipv4Address> requested, Optional<Duration> sticky) {
        Require.nonNull(spec, "spec");
        if (services.containsKey(spec.name()) || headless.containsKey(spec.name())
                || spec.name().equals("kubernetes")) {
            throw new IllegalArgumentException("A Service named " + spec.name() + " exists already");
        }
        sticky.ifPresent(t -> new ClientIpAffinity(new RoundRobin(), clock, t));   // validates the timeout
        Ipv4Address ip = requested.isPresent() ? clusterIps.allocate(spec.name(), requested.get())
                : clusterIps.allocate(spec.name());
        Service service = new Service(spec, ip);
        services.put(spec.name(), service);
        byClusterIp.put(ip, service);
        affinity.put(spec.name(), sticky);
        endpoints.setService(spec);
        selecting.add(spec.name(), spec.selector());
        usable.put(spec.name(), new HashMap<>());
        programmedOn.put(spec.name(), new HashSet<>());
        stale.add(spec.name());
        return service;
    }

    /**
     * Deletes a Service: its ClusterIP is free again and no kube-proxy knows it; flows already tracked live on
     * until they expire.
     *
     * @throws IllegalArgumentException if no Service has that name
     */
    public void removeService(String name) {
        Require.nonNull(name, "name");
        if (headless.remove(name) != null) {
            endpoints.removeService(name);
            return;
        }
        Service service = service(name);
        services.remove(name);
        byClusterIp.remove(service.clusterIp());
        affinity.remove(name);
        endpoints.removeService(name);
        selecting.remove(name);
        usable.remove(name);
        stale.remove(name);
        clusterIps.release(service.clusterIp());
        for (String node : programmedOn.remove(name)) {
            NodeProxy on = proxies.get(node);
            on.proxy().removeService(name);
            on.programmed().remove(name);
        }
    }

    /** The Service with this name. @throws IllegalArgumentException if there is none */
    public Service service(String name) {
        Require.nonNull(name, "name");
        Service s = services.get(name);
        if (s == null) {
            throw new IllegalArgumentException("No Service named " + name + " in the cluster");
        }
        return s;
    }

    /** The Services, in the order they were created; unmodifiable. */
    public List<Service> services() {
        return List.copyOf(services.values());
    }

    /**
     * The kube-proxy of a node, with every Service of the cluster and its endpoints.
     *
     * @throws IllegalArgumentException if there is no such node
     */
    public KubeProxy proxy(String node) {
        Require.nonNull(node, "node");
        NodeProxy on = proxies.get(node);
        if (on == null) {
            throw new IllegalArgumentException("No node named " + node + " in the cluster");
        }
        for (Service service : services.values()) {
            if (!on.programmed().contains(service.name())) {
                program(node, on, service);
            }
        }
        return on.proxy();
    }

    /** Sends over TCP from a pod, as {@link PodNetwork#send(Pod, String, String)}. */
    public Delivery send(Pod from, String destination, String payload) {
        return network.send(from, destination, payload);
    }

    /** Sends from a pod, as {@link PodNetwork#send(Pod, Protocol, String, String)}. */
    public Delivery send(Pod from, Protocol protocol, String destination, String payload) {
        return network.send(from, protocol, destination, payload);
    }

    /** Sends from a pod to an address already parsed, as {@link PodNetwork#send(Pod, Protocol, SocketAddress, String)}. */
    public Delivery send(Pod from, Protocol protocol, SocketAddress destination, String payload) {
        return network.send(from, protocol, destination, payload);
    }

    /** Another packet of the same flow, as {@link PodNetwork#sendAgain}. */
    public Delivery sendAgain(Delivery earlier, String payload) {
        return network.sendAgain(earlier, payload);
    }

    /** The receiver answers, as {@link PodNetwork#reply}. */
    public Delivery reply(Delivery.Delivered request, String payload) {
        return network.reply(request, payload);
    }

    /**
     * Adds a NetworkPolicy, or replaces the one of the same namespace and name. The first policy turns
     * enforcement on (unless the builder said the network plugin ignores policies): from then on every packet is
     * judged by {@link PolicyEngine}, after kube-proxy, through a {@link PolicyEnforcer}.
     *
     * @throws IllegalArgumentException if {@code policy} is null or its namespace is unknown
     */
    public void addPolicy(NetworkPolicy policy) {
        Require.nonNull(policy, "policy");
        if (!namespaces.containsKey(policy.namespace())) {
            throw new IllegalArgumentException("No namespace named \"" + policy.namespace() + "\" for policy "
                    + policy);
        }
        policyList.removeIf(p -> p.namespace().equals(policy.namespace()) && p.name().equals(policy.name()));
        policyList.add(policy);
        if (policies == null) {
            startPolicies();
        }
        policies.addPolicy(policy);
    }

    /**
     * Removes a NetworkPolicy. Connections it allowed that are already open stay open.
     *
     * @throws IllegalArgumentException if an argument is null or there is no such policy
     */
    public void removePolicy(String namespace, String name) {
        Require.nonNull(namespace, "namespace");
        Require.nonNull(name, "name");
        if (!policyList.removeIf(p -> p.namespace().equals(namespace) && p.name().equals(name))) {
            throw new IllegalArgumentException("No policy " + namespace + "/" + name);
        }
        policies.removePolicy(namespace, name);
    }

    /** The policy engine, once a policy has been added. */
    public Optional<PolicyEngine> policies() {
        return Optional.ofNullable(policies);
    }

    private void startPolicies() {
        policies = new PolicyEngine();
        for (Map.Entry<String, Labels> ns : namespaces.entrySet()) {
            policies.setNamespace(ns.getKey(), ns.getValue());
        }
        for (Node node : network.nodes()) {
            policies.setNode(node.name(), List.of(node.ip(), node.ipam().gateway()));
        }
        for (PodState pod : pods.values()) {
            policies.setPod(policyPod(pod));
        }
        if (enforcePolicies) {
            enforcer = new PolicyEnforcer(policies, ip -> network.podAt(ip).map(p -> p.node().name()));
        }
    }

    private PolicyPod policyPod(PodState state) {
        Pod pod = network.pod(state.name());
        return new PolicyPod(namespaceOf.get(state.name()), state.name(), pod.node().name(), state.labels(),
                pod.ip(), state.containerPorts());
    }

    /**
     * Adds a step every node takes on each packet before its kube-proxy (module 4's NodePort rules); such steps
     * run in the order added, each on the headers the one before left.
     *
     * @throws IllegalArgumentException if {@code hook} is null
     */
    public void addFrontHook(PacketHook hook) {
        frontHooks.add(Require.nonNull(hook, "hook"));
    }

    /**
     * The one hook of every node: the front hooks, its kube-proxy, then policy enforcement on the packet as they
     * left it.
     */
    private PacketHook.Verdict onPacket(Node node, Headers headers) {
        if (frontHooks.isEmpty() && enforcer == null) {
            return verdictOf(proxyFor(node, headers), node, headers);     // the common case: kube-proxy alone
        }
        List<PacketHook.Step> all = new ArrayList<>();
        Headers now = headers;
        int hooks = frontHooks.size();
        for (int i = 0; i <= hooks; i++) {
            PacketHook hook = i < hooks ? frontHooks.get(i) : proxyFor(node, now);
            PacketHook.Verdict v = verdictOf(hook, node, now);
            all.addAll(v.steps());
            if (v instanceof PacketHook.Verdict.Stop) {
                return new PacketHook.Verdict.Stop(all);
            }
            if (!v.steps().isEmpty()) {
                now = v.steps().get(v.steps().size() - 1).headers();
            }
        }
        if (enforcer != null) {
            PacketHook.Verdict policed = enforcer.inspect(node, headers, now);
            all.addAll(policed.steps());
            if (policed instanceof PacketHook.Verdict.Stop) {
                return new PacketHook.Verdict.Stop(all);
            }
        }
        return new PacketHook.Verdict.Continue(all);
    }

    /** The node's kube-proxy, given the Service of the packet's destination first if it lacks it. */
    private KubeProxy proxyFor(Node node, Headers packet) {
        NodeProxy on = proxies.get(node.name());
        if (on == null) {
            throw new IllegalArgumentException("No node named " + node.name() + " in the cluster");
        }
        Service target = byClusterIp.get(packet.destination().address());
        if (target != null && !on.programmed().contains(target.name())) {
            program(node.name(), on, target);
        }
        return on.proxy();
    }

    private static PacketHook.Verdict verdictOf(PacketHook hook, Node node, Headers packet) {
        PacketHook.Verdict v = hook.inspect(node, packet);
        if (v == null) {
            throw new IllegalStateException(hook.getClass().getSimpleName() + ".inspect returned null instead of "
                    + "a verdict on " + node.name());
        }
        return v;
    }

    private void update(PodState state) {
        PodState old = pods.put(state.name(), state);
        if (DEFAULT_NAMESPACE.equals(namespaceOf.get(state.name()))) {
            endpoints.setPod(state);
        }
        if (policies != null) {
            policies.setPod(policyPod(state));
        }
        podChanged(old, state);
    }

    /**
     * A pod came, changed or went ({@code null} for the side that does not exist): the Services that selected it
     * before or select it now get their endpoints again. Only pods of {@value #DEFAULT_NAMESPACE} are endpoints.
     */
    private void podChanged(PodState before, PodState after) {
        PodState any = after != null ? after : before;
        if (after != null && !DEFAULT_NAMESPACE.equals(namespaceOf.get(any.name()))) {
            return;
        }
        List<Labels> labelSets = new ArrayList<>(2);
        if (before != null) {
            labelSets.add(before.labels());
        }
        if (after != null) {
            labelSets.add(after.labels());
        }
        for (String name : selecting.candidates(labelSets)) {
            Service service = services.get(name);
            Selector selector = service.spec().selector();
            if ((before != null && selector.matches(before.labels()))
                    || (after != null && selector.matches(after.labels()))) {
                if (programmedOn.get(name).isEmpty()) {
                    stale.add(name);
                } else {
                    refresh(service);
                }
            }
        }
    }

    /**
     * Asks the controller for a Service's usable endpoints, port by port, and gives the lists that changed to
     * every kube-proxy that has the Service. A Service no kube-proxy has is only marked {@link #stale}, so a
     * cluster built pod by pod does not compute every Service's endpoints again at every pod.
     */
    private void refresh(Service service) {
        Map<String, List<Endpoint>> known = usable.get(service.name());
        for (ServicePort port : service.spec().ports()) {
            List<Endpoint> now = endpoints.usable(service.name(), port.name());
            List<Endpoint> before = known.put(port.name(), now);
            if (before != null && !before.equals(now)) {
                for (String node : programmedOn.get(service.name())) {
                    proxies.get(node).proxy().setEndpoints(service.name(), port.name(), now);
                }
            }
        }
    }

    /** Gives a node's kube-proxy a Service: its own balancer, and the shared endpoint lists. */
    private void program(String node, NodeProxy on, Service service) {
        if (stale.remove(service.name())) {
            refresh(service);
        }
        on.proxy().setService(service, balancer(node, service.name()));
        for (ServicePort port : service.spec().ports()) {
            on.proxy().setEndpoints(service.name(), port.name(), usable.get(service.name()).get(port.name()));
        }
        on.programmed().add(service.name());
        programmedOn.get(service.name()).add(node);
    }

    /**
     * A node's kube-proxy and the names of the Services it has been given, together: a packet entering the node
     * needs both, and one lookup finds them.
     */
    private record NodeProxy(KubeProxy proxy, Set<String> programmed) {
    }

    private Balancer balancer(String node, String service) {
        Supplier<Balancer> base = switch (balancing) {
            case RANDOM -> () -> new RandomChain(new Random(seed * 31 + nodeIndex.get(node)));
            case ROUND_ROBIN -> RoundRobin::new;
            case LEAST_CONNECTIONS -> LeastConnections::new;
        };
        Optional<Duration> sticky = affinity.getOrDefault(service, Optional.empty());
        return sticky.isPresent() ? new ClientIpAffinity(base.get(), clock, sticky.get()) : base.get();
    }

    /** Settings of a {@link ServiceNetwork}; each has a default. */
    public static final class Builder {

        private PodNetwork.Builder network = PodNetwork.builder();
        private Cidr serviceRange = Cidr.parse("10.96.0.0/12");
        private InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
        private long seed = 1;
        private Balancing balancing = Balancing.RANDOM;
        private Duration tcpTimeout = Conntrack.TCP_TIMEOUT;
        private Duration udpTimeout = Conntrack.UDP_TIMEOUT;
        private boolean enforcePolicies = true;

        private Builder() {
        }

        /** The pod network's settings; default {@link PodNetwork#builder()}'s. */
        public Builder network(PodNetwork.Builder network) {
            this.network = Require.nonNull(network, "network");
            return this;
        }

        /** The service range ({@code --service-cluster-ip-range}); default {@code 10.96.0.0/12}. */
        public Builder serviceRange(String cidr) {
            this.serviceRange = Cidr.parse(Require.nonNull(cidr, "serviceRange"));
            return this;
        }

        /** The clock of conntrack and affinity; default a clock stopped at 2026-01-01T00:00:00Z. */
        public Builder clock(InstantSource clock) {
            this.clock = Require.nonNull(clock, "clock");
            return this;
        }

        /** The seed of every random chain; default 1. The same seed gives the same picks. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How kube-proxy balances; default {@link Balancing#RANDOM}. */
        public Builder balancing(Balancing balancing) {
            this.balancing = Require.nonNull(balancing, "balancing");
            return this;
        }

        /** The conntrack idle timeouts; default {@link Conntrack#TCP_TIMEOUT} and {@link Conntrack#UDP_TIMEOUT}. */
        public Builder conntrackTimeouts(Duration tcp, Duration udp) {
            this.tcpTimeout = Require.nonNull(tcp, "tcp");
            this.udpTimeout = Require.nonNull(udp, "udp");
            return this;
        }

        /**
         * Whether the network plugin enforces NetworkPolicies; default true, as Calico or Cilium do. Off, as with
         * flannel alone, policies are accepted and stored but nothing enforces them.
         */
        public Builder enforcePolicies(boolean on) {
            this.enforcePolicies = on;
            return this;
        }

        /** The cluster. @throws IllegalArgumentException if the settings do not fit together */
        public ServiceNetwork build() {
            return new ServiceNetwork(this);
        }
    }
}
