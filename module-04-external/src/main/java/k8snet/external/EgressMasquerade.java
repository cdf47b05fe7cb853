package k8snet.external;

import java.util.HashMap;
import java.util.Map;

import k8snet.cluster.Node;
import k8snet.cluster.PacketHook;
import k8snet.ip.Ipv4Address;
import k8snet.service.ServiceNetwork;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.transport.SocketAddress;

/**
 * Source NAT for traffic that leaves the cluster: a packet from a pod to an address outside the cluster CIDR,
 * the node subnets and the Service range gets its node's address as its source (the {@code MASQUERADE} rule
 * flannel installs with {@code --ip-masq}, and ip-masq-agent's job on managed clusters). Pod addresses are
 * private to their cluster; masquerading is why two clusters may use the same pod CIDR, and why the far end sees
 * the node, not the pod. The flow is remembered, so later packets are rewritten alike and replies, which come
 * back to the node's address, are translated back to the pod (conntrack). The model keeps the pod's source port,
 * which the pod network hands out uniquely.
 *
 * <p>Trace hops, at the sender's node: {@code masquerade SNAT} for a new flow, {@code conntrack CONNTRACK} and
 * {@code masquerade SNAT} for a later packet, and for a reply {@code conntrack CONNTRACK} and
 * {@code masquerade DNAT} back to the pod.
 */
final class EgressMasquerade implements PacketHook {

    private final ServiceNetwork services;
    /** Original tuple to translated tuple, and reply tuple to original tuple. */
    private final Map<Headers, Headers> out = new HashMap<>();
    private final Map<Headers, Headers> back = new HashMap<>();

    EgressMasquerade(ServiceNetwork services) {
        this.services = services;
    }

    @Override
    public Verdict inspect(Node node, Headers headers) {
        Headers tuple = headers.outsideTunnel();
        Headers translated = out.get(tuple);
        if (translated != null) {
            return Verdict.pass(new Step("conntrack", Action.CONNTRACK, "established connection " + tuple, headers),
                    new Step("masquerade", Action.SNAT, "source " + headers.source() + " -> " + translated.source()
                            + " (" + node.name() + ")", headers.withSource(translated.source())));
        }
        Headers original = back.get(tuple);
        if (original != null) {
            return Verdict.pass(new Step("conntrack", Action.CONNTRACK, "reply of masqueraded connection "
                    + original, headers), new Step("masquerade", Action.DNAT, "destination "
                    + headers.destination() + " -> " + original.source() + ", the pod that opened it",
                    headers.withDestination(original.source())));
        }
        if (!leavesCluster(headers)) {
            return Verdict.pass();
        }
        SocketAddress source = new SocketAddress(node.ip(), headers.source().port());
        Headers masked = headers.withSource(source);
        out.put(tuple, masked.outsideTunnel());
        back.put(masked.outsideTunnel().reversed(), tuple);
        return Verdict.pass(new Step("masquerade", Action.SNAT, "source " + headers.source() + " -> " + source
                + ": " + headers.destination().address() + " is outside the cluster, so the pod's address is "
                + "replaced by " + node.name() + "'s", masked));
    }

    private boolean leavesCluster(Headers h) {
        Ipv4Address src = h.source().address();
        Ipv4Address dst = h.destination().address();
        if (!services.network().podCidrs().clusterCidr().contains(src)
                || services.network().podCidrs().clusterCidr().contains(dst)
                || services.clusterIps().range().contains(dst)) {
            return false;
        }
        for (Node n : services.network().nodes()) {
            if (n.subnet().contains(dst)) {
                return false;
            }
        }
        return true;
    }
}
