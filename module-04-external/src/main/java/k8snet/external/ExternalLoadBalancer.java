package k8snet.external;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import k8snet.cluster.EdgeHook;
import k8snet.ip.Ipv4Address;
import k8snet.cluster.PacketHook;
import k8snet.endpoints.ServicePort;
import k8snet.lb.NodeBalancer;
import k8snet.lb.NodeStatus;
import k8snet.nodeport.NodeEndpoint;
import k8snet.nodeport.TrafficPolicy;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.transport.SocketAddress;

/**
 * The cloud's load balancer of one Service of type LoadBalancer: it owns a public address, and sends each new
 * connection to one of that address's ports on to a healthy node's NodePort, keeping the client's address (a
 * pass-through load balancer, as many clouds and MetalLB provide). It sits on the router, so it also sees the
 * replies and gives them its own address back. It asks {@link NodeBalancer} which nodes pass its health check
 * and which one gets the connection; the model checks health at every new connection, where a real load
 * balancer probes every few seconds.
 *
 * <p>Trace hops, at the router: {@code lb BALANCED} (how many nodes passed the check, which failed and why, the
 * node picked), {@code lb DNAT} (to the node's address and NodePort); {@code lb DROPPED} when no node passes; a
 * later packet {@code lb CONNTRACK} and its DNAT; a reply {@code lb CONNTRACK} and {@code lb SNAT} back to the
 * public address.
 */
final class ExternalLoadBalancer implements EdgeHook {

    private final ExposedService service;
    private final Ipv4Address address;
    private final NodeBalancer balancer;
    private final Supplier<List<NodeStatus>> nodes;
    private final NodePortProxy nodePorts;
    private final Map<Headers, Headers> originals = new HashMap<>();
    private final Map<Headers, Headers> replies = new HashMap<>();

    ExternalLoadBalancer(ExposedService service, NodeBalancer balancer, Supplier<List<NodeStatus>> nodes,
            NodePortProxy nodePorts) {
        this.service = service;
        this.address = service.loadBalancer().orElseThrow();
        this.balancer = balancer;
        this.nodes = nodes;
        this.nodePorts = nodePorts;
    }

    @Override
    public PacketHook.Verdict inspect(Headers headers) {
        Headers tuple = headers.outsideTunnel();
        Headers sentOn = originals.get(tuple);
        if (sentOn != null) {
            return PacketHook.Verdict.pass(
                    new PacketHook.Step("lb", Action.CONNTRACK, "established connection " + tuple, headers),
                    new PacketHook.Step("lb", Action.DNAT, headers.destination() + " -> " + sentOn.destination(),
                            headers.withDestination(sentOn.destination())));
        }
        Headers original = replies.get(tuple);
        if (original != null) {
            return PacketHook.Verdict.pass(
                    new PacketHook.Step("lb", Action.CONNTRACK, "reply of connection " + original, headers),
                    new PacketHook.Step("lb", Action.SNAT, "source " + headers.source() + " rewritten back to "
                            + original.destination() + ", the load balancer's address",
                            headers.withSource(original.destination())));
        }
        if (!headers.destination().address().equals(address)) {
            return PacketHook.Verdict.pass();
        }
        Optional<ServicePort> port = service.service().port(headers.protocol(), headers.destination().port());
        if (port.isEmpty()) {
            return new PacketHook.Verdict.Stop(List.of(new PacketHook.Step("lb", Action.DROPPED, "the load balancer "
                    + address + " of Service " + service.name() + " has no listener on "
                    + headers.protocol() + "/" + headers.destination().port(), headers)));
        }
        List<NodeStatus> all = nodes.get();
        List<NodeEndpoint> endpoints = nodePorts.readyEndpoints(service);
        List<NodeStatus> healthy = balancer.healthy(service.policy(), all, endpoints);
        if (healthy == null) {
            throw new IllegalStateException("NodeBalancer.healthy returned null");
        }
        String failing = all.stream().filter(n -> !healthy.contains(n))
                .map(n -> n.node() + (n.up() ? service.policy() == TrafficPolicy.LOCAL
                        ? " (health check: 503, no local endpoint)" : " (failed its health check)" : " (down)"))
                .collect(Collectors.joining(", "));
        String checked = healthy.size() + " of " + all.size() + " nodes pass the health check"
                + (failing.isEmpty() ? "" : "; failing: " + failing);
        Optional<NodeStatus> chosen = balancer.pick(headers.source().address(), healthy);
        if (chosen == null) {
            throw new IllegalStateException("NodeBalancer.pick returned null");
        }
        if (chosen.isEmpty()) {
            return new PacketHook.Verdict.Stop(List.of(new PacketHook.Step("lb", Action.DROPPED, "load balancer "
                    + address + " of Service " + service.name() + ": " + checked + ", nowhere to send", headers)));
        }
        SocketAddress target = SocketAddress.of(chosen.get().ip().toString(), service.nodePort(port.get().name()));
        Headers translated = headers.withDestination(target);
        originals.put(tuple, translated.outsideTunnel());
        replies.put(translated.outsideTunnel().reversed(), tuple);
        return PacketHook.Verdict.pass(
                new PacketHook.Step("lb", Action.BALANCED, "load balancer " + address + " of Service "
                        + service.name() + ": " + checked + "; picked " + chosen.get().node(), headers),
                new PacketHook.Step("lb", Action.DNAT, headers.destination() + " -> " + target + " (NodePort on "
                        + chosen.get().node() + ")", translated));
    }
}
