package k8snet.proxy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import k8snet.Require;
import k8snet.balance.Balancer;
import k8snet.balance.Endpoint;
import k8snet.cluster.Node;
import k8snet.cluster.PacketHook;
import k8snet.endpoints.ServicePort;
import k8snet.ip.Ipv4Address;
import k8snet.service.Service;
import k8snet.trace.Action;
import k8snet.trace.Headers;

/**
 * The kube-proxy of one node: it turns a packet for a Service's virtual address into a packet for one of the
 * Service's pods, in the node's root namespace, before the node routes it (Kubernetes docs "Virtual IPs and
 * Service Proxies"). It is a {@link PacketHook}, so module 2's packet walk runs it on every packet that enters
 * the node.
 *
 * <pre>{@code
 * KubeProxy proxy = new KubeProxy(new Conntrack(clock));
 * proxy.setService(web, new RandomChain(random));                 // web: 10.96.0.10, port http 80
 * proxy.setEndpoints("web", "http", List.of(web1, web2));
 * net.addHook(proxy);                                             // (one node; ServiceNetwork wires many)
 * net.send(client, "10.96.0.10:80", "GET /");                     // DNAT to web-1 or web-2
 * }</pre>
 *
 * <p><b>Exercise 3.5 (part 2).</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Rules for {@link #inspect}, in this order</h2>
 * <ol>
 *   <li><b>A tracked flow.</b> If the conntrack table knows the packet ({@link Conntrack#lookup}), the table
 *       decides, whatever the Services and endpoints are now:
 *     <ul>
 *       <li>original direction: go on with two steps, {@code conntrack CONNTRACK} (headers unchanged; the
 *           decision says the flow is established and names its backend), then {@code conntrack DNAT} (the
 *           destination rewritten to the flow's backend);</li>
 *       <li>reply direction: go on with {@code conntrack CONNTRACK} (unchanged), then {@code conntrack SNAT}
 *           (the source rewritten back to the flow's Service address), so the client sees the address it
 *           talked to.</li>
 *     </ul></li>
 *   <li><b>A Service address.</b> Otherwise, if the destination address is the ClusterIP of a Service:
 *     <ul>
 *       <li>no Service port has the packet's protocol and destination port: stop with one
 *           {@code kube-proxy REFUSED} step (the client sees "connection refused"); the decision names the
 *           Service and the protocol and port asked for;</li>
 *       <li>that port has no endpoints: stop with one {@code kube-proxy REFUSED} step; the decision names the
 *           Service and says it has no endpoints (kube-proxy installs a reject rule for such a Service);</li>
 *       <li>else the Service's balancer picks an endpoint for the packet's source address, from the endpoints
 *           in the order they were set; the flow is tracked with that backend; go on with three steps:
 *           {@code kube-proxy BALANCED} (unchanged; names the chosen pod and, in digits, how many endpoints
 *           there were),
 *           {@code kube-proxy DNAT} (destination rewritten to the endpoint's address), {@code conntrack CONNTRACK}
 *           (the rewritten headers; says a new flow was tracked).</li>
 *     </ul></li>
 *   <li><b>Anything else</b> (a pod address, a node address, a reply of nothing tracked): go on with no steps.</li>
 * </ol>
 * The balancer is asked once per new flow, never for a tracked one, and a packet that is refused is not
 * tracked. The model never ends a connection, so {@code Balancer.closed} is not called. {@code inspect} does
 * not look at the node it is given: a {@code KubeProxy} serves one node, and whoever installs it passes only
 * that node's packets.
 *
 * <h2>Rules for the tables</h2>
 * <ul>
 *   <li>{@link #setService} adds a Service or replaces the one of the same name (with its new ClusterIP, ports
 *       and balancer); endpoints already set for a port name the new spec still has are kept, the others
 *       dropped. A new Service's ports start with no endpoints. Two Services cannot share a ClusterIP.</li>
 *   <li>{@link #setEndpoints} replaces the endpoints of one Service port (the list is copied; it may be empty).</li>
 *   <li>{@link #removeService} forgets a Service; flows already tracked to it live on in the conntrack table.</li>
 *   <li>Errors: {@link IllegalArgumentException} for a null argument or list element, an unknown Service or port
 *       name (the message quotes it), or a ClusterIP another Service has.</li>
 * </ul>
 */
public final class KubeProxy implements PacketHook {

    private final Conntrack conntrack;
    private final Map<String, Entry> services = new LinkedHashMap<>();
    private final Map<Ipv4Address, Entry> byIp = new HashMap<>();

    /**
     * A kube-proxy that tracks flows in {@code conntrack}.
     *
     * @throws IllegalArgumentException if {@code conntrack} is null
     */
    public KubeProxy(Conntrack conntrack) {
        this.conntrack = Require.nonNull(conntrack, "conntrack");
    }

    /** The node's connection-tracking table. */
    public Conntrack conntrack() {
        return conntrack;
    }

    /**
     * Adds or replaces a Service, with the balancer that picks its endpoints.
     *
     * @throws IllegalArgumentException if an argument is null, or another Service has this ClusterIP
     */
    public void setService(Service service, Balancer balancer) {
        Require.nonNull(service, "service");
        Require.nonNull(balancer, "balancer");
        Entry other = byIp.get(service.clusterIp());
        if (!(other == null || other.service.name().equals(service.name()))) {
            throw new IllegalArgumentException("ClusterIP "
                    + service.clusterIp() + " belongs to Service " + (other == null ? "" : other.service.name()));
        }
        Entry old = services.remove(service.name());
        if (old != null) {
            byIp.remove(old.service.clusterIp());
        }
        Entry entry = new Entry(service, balancer);
        for (ServicePort port : service.spec().ports()) {
            List<Endpoint> kept = old == null ? List.of() : old.endpoints.getOrDefault(port.name(), List.of());
            entry.endpoints.put(port.name(), kept);
        }
        services.put(service.name(), entry);
        byIp.put(service.clusterIp(), entry);
    }

    /**
     * Forgets a Service.
     *
     * @throws IllegalArgumentException if {@code name} is null or no such Service is set
     */
    public void removeService(String name) {
        Entry entry = entry(name);
        services.remove(name);
        byIp.remove(entry.service.clusterIp());
    }

    /**
     * Sets the endpoints of one Service port.
     *
     * @param portName the Service port's name, {@code ""} for a single unnamed port
     * @throws IllegalArgumentException if an argument or element is null, or the Service or port is unknown
     */
    public void setEndpoints(String service, String portName, List<Endpoint> endpoints) {
        Entry entry = entry(service);
        Require.nonNull(portName, "portName");
        Require.nonNull(endpoints, "endpoints");
        if (!entry.endpoints.containsKey(portName)) {
            throw new IllegalArgumentException("Service " + service + " has no port named \"" + portName + "\"");
        }
        if (!endpoints.stream().noneMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("endpoints must not hold null: " + endpoints);
        }
        entry.endpoints.put(portName, List.copyOf(endpoints));
    }

    /**
     * The endpoints of one Service port, as last set; unmodifiable.
     *
     * @throws IllegalArgumentException as {@link #setEndpoints}
     */
    public List<Endpoint> endpoints(String service, String portName) {
        Entry entry = entry(service);
        Require.nonNull(portName, "portName");
        List<Endpoint> list = entry.endpoints.get(portName);
        if (list == null) {
            throw new IllegalArgumentException("Service " + service + " has no port named \"" + portName + "\"");
        }
        return list;
    }

    /**
     * The Service whose ClusterIP this is, if one is set.
     *
     * @throws IllegalArgumentException if {@code clusterIp} is null
     */
    public Optional<Service> serviceAt(Ipv4Address clusterIp) {
        Require.nonNull(clusterIp, "clusterIp");
        return Optional.ofNullable(byIp.get(clusterIp)).map(e -> e.service);
    }

    /**
     * What this node does with a packet entering its root namespace: the rules of the class doc, in order.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    @Override
    public Verdict inspect(Node node, Headers headers) {
        Require.nonNull(node, "node");
        Require.nonNull(headers, "headers");
        Optional<FlowMatch> tracked = conntrack.lookup(headers);
        if (tracked.isPresent()) {
            Flow flow = tracked.get().flow();
            // Step.lazy: the words are written only if someone reads the trace (a busy node writes none).
            if (tracked.get().direction() == FlowMatch.Direction.ORIGINAL) {
                return Verdict.pass(
                        Step.lazy("conntrack", Action.CONNTRACK, () -> "established flow " + flow + ", tracked since "
                                + flow.created(), headers),
                        Step.lazy("conntrack", Action.DNAT, () -> flow.service() + " -> " + flow.backend()
                                + " as the flow's entry says", headers.withDestination(flow.backend())));
            }
            return Verdict.pass(
                    Step.lazy("conntrack", Action.CONNTRACK, () -> "reply of flow " + flow, headers),
                    Step.lazy("conntrack", Action.SNAT, () -> "source " + flow.backend() + " rewritten back to "
                            + flow.service() + " (the reverse of the flow's DNAT)", headers.withSource(flow.service())));
        }
        Entry entry = byIp.get(headers.destination().address());
        if (entry == null) {
            return Verdict.pass();
        }
        Service service = entry.service;
        Optional<ServicePort> port = service.port(headers.protocol(), headers.destination().port());
        if (port.isEmpty()) {
            String ports = service.spec().ports().stream()
                    .map(p -> (p.name().isEmpty() ? "" : p.name() + " ") + p.protocol() + "/" + p.port())
                    .collect(Collectors.joining(", "));
            return new Verdict.Stop(List.of(new Step("kube-proxy", Action.REFUSED, "Service " + service
                    + " has no port " + headers.protocol() + "/" + headers.destination().port() + " (its ports: "
                    + ports + "): rejected", headers)));
        }
        String portName = port.get().name();
        List<Endpoint> endpoints = entry.endpoints.get(portName);
        if (endpoints.isEmpty()) {
            return new Verdict.Stop(List.of(new Step("kube-proxy", Action.REFUSED, label(service, portName)
                    + " has no endpoints: rejected, the client sees connection refused", headers)));
        }
        Endpoint chosen = entry.balancer.pick(headers.source().address(), endpoints);
        Headers translated = headers.withDestination(chosen.address());
        conntrack.track(headers, chosen.address());
        int count = endpoints.size();
        return Verdict.pass(
                Step.lazy("kube-proxy", Action.BALANCED, () -> label(service, portName) + " (" + headers.destination()
                        + "): picked " + chosen + " of " + count + " endpoint" + (count == 1 ? "" : "s"), headers),
                Step.lazy("kube-proxy", Action.DNAT, () -> headers.destination() + " -> " + chosen.address() + " ("
                        + chosen.pod() + ")", translated),
                Step.lazy("conntrack", Action.CONNTRACK, () -> "new flow tracked: " + headers + ", replies from "
                        + chosen.address(), translated));
    }

    /** How the steps name a Service port: {@code Service web port http}, or {@code Service web} if unnamed. */
    private static String label(Service service, String portName) {
        return "Service " + service.name() + (portName.isEmpty() ? "" : " port " + portName);
    }

    private Entry entry(String name) {
        Require.nonNull(name, "service");
        Entry entry = services.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("No Service named \"" + name + "\" is set on this kube-proxy");
        }
        return entry;
    }

    /** A Service, its balancer and its endpoints per port name. */
    private static final class Entry {
        final Service service;
        final Balancer balancer;
        final Map<String, List<Endpoint>> endpoints = new LinkedHashMap<>();

        Entry(Service service, Balancer balancer) {
            this.service = service;
            this.balancer = balancer;
        }
    }
}
