package k8snet.external;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

import k8snet.Require;
import k8snet.balance.Endpoint;
import k8snet.balance.RandomChain;
import k8snet.cluster.Node;
import k8snet.cluster.PacketHook;
import k8snet.endpoints.ServicePort;
import k8snet.nodeport.HealthCheck;
import k8snet.nodeport.NodeEndpoint;
import k8snet.nodeport.NodePortAllocator;
import k8snet.nodeport.NodePortDecision;
import k8snet.nodeport.NodePortRules;
import k8snet.service.ServiceNetwork;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.transport.SocketAddress;

/**
 * kube-proxy's NodePort rules on every node: a packet for the node's own address and a NodePort is sent to one
 * of the Service's endpoints as {@link NodePortRules} decides for the Service's external traffic policy (with
 * SNAT to the node for {@code Cluster}), and its flow is remembered so that later packets follow it and replies
 * are translated back (the node's conntrack at work). It runs on each node before kube-proxy's ClusterIP rules
 * ({@link ServiceNetwork#addFrontHook}).
 *
 * <p>Trace hops, all at the node: a new flow gets {@code kube-proxy BALANCED} (the Service, the policy and the
 * endpoint picked), {@code kube-proxy DNAT} (to the pod), with {@code Cluster} also {@code kube-proxy SNAT} (the
 * source becomes the node's address), and {@code conntrack CONNTRACK}; a refused one a {@code kube-proxy DROPPED}
 * hop; a later packet {@code conntrack CONNTRACK} and its rewrites; a reply {@code conntrack CONNTRACK} and the
 * reverse rewrites. The model keeps the client's source port when it masquerades, unless another flow on that
 * node uses it, as Linux does; flows are remembered for the model's lifetime.
 */
final class NodePortProxy implements PacketHook {

    private final ServiceNetwork services;
    private final Supplier<Optional<NodePortAllocator>> allocator;
    private final Map<String, ExposedService> exposed;
    private final long seed;
    /** Per node: flow by original tuple and by reply tuple. */
    private final Map<String, Map<Headers, Nat>> flows = new HashMap<>();
    private final Map<String, RandomChain> chains = new HashMap<>();

    NodePortProxy(ServiceNetwork services, Supplier<Optional<NodePortAllocator>> allocator,
            Map<String, ExposedService> exposed,
            long seed) {
        this.services = services;
        this.allocator = allocator;
        this.exposed = exposed;
        this.seed = seed;
    }

    @Override
    public Verdict inspect(Node node, Headers headers) {
        Map<Headers, Nat> known = flows.computeIfAbsent(node.name(), n -> new HashMap<>());
        Headers tuple = headers.outsideTunnel();
        Nat nat = known.get(tuple);
        if (nat != null) {
            return nat.original.equals(tuple) ? established(nat, headers) : reply(nat, headers);
        }
        if (!headers.destination().address().equals(node.ip())) {
            return Verdict.pass();
        }
        int port = headers.destination().port().number();
        Optional<NodePortAllocator> ports = allocator.get();
        if (ports.isEmpty()) {
            return Verdict.pass();
        }
        Optional<String> owner = ports.get().serviceAt(port);
        if (owner.isEmpty() || !exposed.containsKey(owner.get())) {
            return Verdict.pass();
        }
        ExposedService svc = exposed.get(owner.get());
        String portName = svc.nodePorts().entrySet().stream().filter(e -> e.getValue() == port)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        ServicePort servicePort = svc.service().port(portName).orElseThrow();
        if (servicePort.protocol() != headers.protocol()) {
            return Verdict.pass();
        }
        List<NodeEndpoint> endpoints = endpoints(svc, portName);
        NodePortDecision decision = NodePortRules.decide(svc.policy(), node.name(), endpoints);
        String where = "NodePort " + port + " of Service " + svc.name() + " on " + node.name() + " ("
                + policyName(svc) + ")";
        if (decision == null) {
            throw new IllegalStateException("NodePortRules.decide returned null for " + where);
        }
        if (decision instanceof NodePortDecision.Drop drop) {
            return new Verdict.Stop(List.of(new Step("kube-proxy", Action.DROPPED, where + ": " + drop.reason(),
                    headers)));
        }
        NodePortDecision.Forward forward = (NodePortDecision.Forward) decision;
        List<Endpoint> candidates = forward.candidates().stream().map(NodeEndpoint::endpoint).toList();
        Endpoint chosen = chains.computeIfAbsent(node.name() + "/" + svc.name(),
                k -> new RandomChain(new Random(seed * 31 + k.hashCode()))).pick(headers.source().address(), candidates);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("kube-proxy", Action.BALANCED, where + ": picked " + chosen + " of " + candidates.size()
                + " endpoint" + (candidates.size() == 1 ? "" : "s"), headers));
        Headers translated = headers.withDestination(chosen.address());
        steps.add(new Step("kube-proxy", Action.DNAT, headers.destination() + " -> " + chosen.address() + " ("
                + chosen.pod() + ")", translated));
        if (forward.snat()) {
            SocketAddress masq = masquerade(known, node, headers, translated);
            translated = translated.withSource(masq);
            steps.add(new Step("kube-proxy", Action.SNAT, "source " + headers.source() + " -> " + masq
                    + " (masquerade: the reply must come back through " + node.name() + "; the pod will not see the"
                    + " client's address)", translated));
        }
        Nat entry = new Nat(tuple, translated.outsideTunnel());
        known.put(entry.original, entry);
        known.put(entry.translated.reversed(), entry);
        steps.add(new Step("conntrack", Action.CONNTRACK, "new flow tracked: " + tuple + ", replies to "
                + translated.source(), translated));
        return Verdict.pass(steps.toArray(new Step[0]));
    }

    /**
     * What {@code node}'s health-check port answers for a Service (policy Local). It counts <em>ready</em> local
     * endpoints only: a node whose pods are all terminating fails the check, so load balancers drain it, even
     * though it still serves the connections that arrive (KEP-1669, "Proxy Terminating Endpoints").
     */
    HealthCheck healthCheck(ExposedService svc, String node) {
        return NodePortRules.healthCheck(node, readyEndpoints(svc));
    }

    /** The Service's ready endpoints (each pod once) with their nodes, as health checks count them; only the pod and its node matter, the address carries the first Service port. */
    List<NodeEndpoint> readyEndpoints(ExposedService svc) {
        List<NodeEndpoint> out = new ArrayList<>();
        for (k8snet.endpoints.EndpointSlice slice : services.endpoints().slices(svc.name())) {
            for (k8snet.endpoints.EndpointEntry e : slice.endpoints()) {
                if (!e.conditions().ready() || out.stream().anyMatch(x -> x.endpoint().pod().equals(e.pod()))) {
                    continue;
                }
                services.network().podAt(e.address()).ifPresent(p -> out.add(new NodeEndpoint(
                        new Endpoint(e.pod(), new SocketAddress(e.address(), svc.service().spec().ports().get(0)
                                .port())), p.node().name())));
            }
        }
        return out;
    }

    /** The endpoints of a Service port with their nodes, in the controller's order. */
    List<NodeEndpoint> endpoints(ExposedService svc, String portName) {
        List<NodeEndpoint> out = new ArrayList<>();
        for (Endpoint e : services.endpoints().usable(svc.name(), portName)) {
            services.network().podAt(e.address().address())
                    .ifPresent(p -> out.add(new NodeEndpoint(e, p.node().name())));
        }
        return out;
    }

    private Verdict established(Nat nat, Headers headers) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("conntrack", Action.CONNTRACK, "established NodePort flow " + nat.original, headers));
        Headers h = headers.withDestination(nat.translated.destination());
        steps.add(new Step("conntrack", Action.DNAT, headers.destination() + " -> " + h.destination()
                + " as the flow's entry says", h));
        if (!nat.translated.source().equals(nat.original.source())) {
            h = h.withSource(nat.translated.source());
            steps.add(new Step("conntrack", Action.SNAT, "source " + headers.source() + " -> " + h.source(), h));
        }
        return Verdict.pass(steps.toArray(new Step[0]));
    }

    private Verdict reply(Nat nat, Headers headers) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("conntrack", Action.CONNTRACK, "reply of NodePort flow " + nat.original, headers));
        Headers h = headers.withSource(nat.original.destination());
        steps.add(new Step("conntrack", Action.SNAT, "source " + headers.source() + " rewritten back to "
                + h.source(), h));
        if (!headers.destination().equals(nat.original.source())) {
            Headers back = h.withDestination(nat.original.source());
            steps.add(new Step("conntrack", Action.DNAT, "destination " + h.destination() + " rewritten back to the "
                    + "client " + back.destination(), back));
        }
        return Verdict.pass(steps.toArray(new Step[0]));
    }

    private static SocketAddress masquerade(Map<Headers, Nat> known, Node node, Headers original, Headers translated) {
        int port = original.source().port().number();
        for (int tries = 0; tries < 65536; tries++) {
            SocketAddress candidate = SocketAddress.of(node.ip().toString(), port);
            Headers replyTuple = translated.withSource(candidate).outsideTunnel().reversed();
            if (!known.containsKey(replyTuple)) {
                return candidate;
            }
            port = port == 65535 ? 1024 : port + 1;
        }
        throw new IllegalStateException("No free source port on " + node.name() + " to masquerade with");
    }

    private static String policyName(ExposedService svc) {
        return "externalTrafficPolicy: " + (svc.policy() == k8snet.nodeport.TrafficPolicy.CLUSTER ? "Cluster" : "Local");
    }

    /** A translated flow: the packet as it arrived, and as it was sent on. */
    private record Nat(Headers original, Headers translated) {
    }
}
