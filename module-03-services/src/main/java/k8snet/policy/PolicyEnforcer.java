package k8snet.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import k8snet.Require;
import k8snet.cluster.Node;
import k8snet.cluster.PacketHook;
import k8snet.ip.Ipv4Address;
import k8snet.trace.Action;
import k8snet.trace.Headers;

/**
 * Puts a {@link PolicyEngine}'s judgements into the packet path, as a network plugin that enforces
 * NetworkPolicies does on every node. On node X it judges the egress of a packet's source if that is a pod of
 * X, and the ingress of its destination if that is a pod of X; so a connection between two nodes is judged for
 * egress on the sender's node and for ingress on the receiver's, each once. It sees a packet after kube-proxy
 * has translated it, so it judges pod addresses, never ClusterIPs.
 *
 * <p>It is stateful, like the conntrack-based enforcement of real plugins: once a connection is allowed, its
 * later packets and its replies pass without being judged again (Kubernetes docs "Network Policies": replies of
 * an allowed connection are allowed). It remembers a flow on each node by the packet's headers both as they
 * arrived and as kube-proxy left them, so a reply is recognised before and after it is translated back.
 *
 * <p>Trace hops: a packet judged at an isolated end gets a {@code policy ALLOWED} step naming the allowing
 * policy, or a {@code policy DENIED} step that ends the trace and names the pod, the policies that select it and
 * what none of them allows. A packet between ends no policy isolates gets no step.
 */
public final class PolicyEnforcer {

    private final PolicyEngine engine;
    private final Function<Ipv4Address, Optional<String>> nodeOfPod;
    /** Per node, the remembered flows (as tuples) and whether they crossed an isolated end. */
    private final Map<String, Map<Headers, Boolean>> flows = new HashMap<>();

    /**
     * An enforcer for these policies.
     *
     * @param nodeOfPod the node a pod address is on, empty for an address that is no pod's
     * @throws IllegalArgumentException if an argument is null
     */
    public PolicyEnforcer(PolicyEngine engine, Function<Ipv4Address, Optional<String>> nodeOfPod) {
        this.engine = Require.nonNull(engine, "engine");
        this.nodeOfPod = Require.nonNull(nodeOfPod, "nodeOfPod");
    }

    /**
     * Judges a packet on {@code node}.
     *
     * @param arrived the packet as it entered the node's root namespace
     * @param translated the same packet after kube-proxy (equal to {@code arrived} if nothing was rewritten)
     * @throws IllegalArgumentException if an argument is null
     */
    public PacketHook.Verdict inspect(Node node, Headers arrived, Headers translated) {
        Require.nonNull(node, "node");
        Require.nonNull(arrived, "arrived");
        Require.nonNull(translated, "translated");
        Map<Headers, Boolean> known = flows.computeIfAbsent(node.name(), n -> new HashMap<>());
        Boolean isolated = firstKnown(known, arrived.outsideTunnel(), translated.outsideTunnel());
        if (isolated != null) {
            return isolated
                    ? PacketHook.Verdict.pass(new PacketHook.Step("policy", Action.ALLOWED,
                            "packet of an allowed connection (tracked): not judged again", translated))
                    : PacketHook.Verdict.pass();
        }
        Connection c = new Connection(translated.protocol(), translated.source().address(),
                translated.destination().address(), translated.destination().port());
        List<Judgement> judged = new ArrayList<>();
        if (onNode(c.source(), node)) {
            judged.add(engine.egress(c));
        }
        if (onNode(c.destination(), node)) {
            judged.add(engine.ingress(c));
        }
        for (Judgement j : judged) {
            if (!j.allowed()) {
                return new PacketHook.Verdict.Stop(List.of(new PacketHook.Step("policy", Action.DENIED, j.describe(),
                        translated)));
            }
        }
        boolean anyIsolated = judged.stream().anyMatch(j -> !j.selecting().isEmpty());
        known.put(arrived.outsideTunnel(), anyIsolated);
        known.put(translated.outsideTunnel(), anyIsolated);
        if (!anyIsolated) {
            return PacketHook.Verdict.pass();
        }
        List<String> lines = judged.stream().filter(j -> !j.selecting().isEmpty()).map(Judgement::describe).toList();
        return PacketHook.Verdict.pass(new PacketHook.Step("policy", Action.ALLOWED, String.join("; ", lines),
                translated));
    }

    /** Forgets every remembered flow (as a restart of the plugin would). */
    public void forgetFlows() {
        flows.clear();
    }

    private boolean onNode(Ipv4Address address, Node node) {
        return nodeOfPod.apply(address).map(node.name()::equals).orElse(false);
    }

    private static Boolean firstKnown(Map<Headers, Boolean> known, Headers arrived, Headers translated) {
        for (Headers h : List.of(arrived, translated, arrived.reversed(), translated.reversed())) {
            Boolean isolated = known.get(h);
            if (isolated != null) {
                return isolated;
            }
        }
        return null;
    }
}
