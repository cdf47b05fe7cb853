package k8snet.cluster;

import k8snet.net.Delivery;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.transport.SocketAddress;

/**
 * The netfilter step of a packet's walk: the network's {@link PacketHook}s in a node's root namespace (kube-proxy,
 * policies; PREROUTING and OUTPUT), the same hooks on a frame the bridge carries between two pods (bridge
 * netfilter), and the router's {@link EdgeHook}s. Each hook's steps become hops; a hook that stops the packet
 * ends the walk.
 */
final class NetfilterStage {

    private NetfilterStage() {
    }

    /**
     * Runs the network's hooks on a packet in a root namespace, records their steps and routes the packet as
     * they left it; null (with {@link InFlight#finished} set) if a hook stopped it.
     */
    static RouteDecision hooked(InFlight p, NetworkNamespace root) {
        return runHooks(p, p.nodeOf(root), root.place()) ? root.route(p.headers.destination().address())
                : null;
    }

    /**
     * Runs every hook on the packet at {@code at}, a place in {@code node}'s root namespace, and records their
     * steps there; false (with {@link InFlight#finished} set) if one stopped the packet.
     */
    static boolean runHooks(InFlight p, Node node, Place at) {
        for (PacketHook hook : p.net.hooks()) {
            PacketHook.Verdict v = hook.inspect(node, p.headers);
            if (v == null) {
                throw new IllegalStateException("A packet hook returned null instead of a verdict on " + node.name());
            }
            if (!follow(p, v, at)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs the router's edge hooks on a packet outside any tunnel, at the router; false (with
     * {@link InFlight#finished} set) if one stopped it.
     */
    static boolean edgeHooks(InFlight p, Place router) {
        for (EdgeHook hook : p.net.edgeHooks()) {
            PacketHook.Verdict v = hook.inspect(p.headers);
            if (v == null) {
                throw new IllegalStateException("An edge hook returned null instead of a verdict");
            }
            if (!follow(p, v, router)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records a hook's steps at {@code at} and takes on the headers they leave; false (with
     * {@link InFlight#finished} set: connection refused for a REFUSED step, dropped otherwise) if the hook stopped
     * the packet.
     */
    private static boolean follow(InFlight p, PacketHook.Verdict v, Place at) {
        for (PacketHook.Step step : v.steps()) {
            p.headers = step.headers();
            p.add(Hop.lazy(at, step.component(), step.action(), step::decision, p.headers));
        }
        if (v instanceof PacketHook.Verdict.Stop) {
            Hop last = p.trace.build().last();
            p.finished = last.action() == Action.REFUSED
                    ? new Delivery.ConnectionRefused(p.headers.destination(), p.trace.build())
                    : new Delivery.Dropped(p.headers.destination(), last.decision(), p.trace.build());
            return false;
        }
        return true;
    }

    /**
     * A frame between two pods of one bridge crosses no routing, but with bridge netfilter on
     * ({@code net.bridge.bridge-nf-call-iptables = 1}) the hooks see its packet all the same. They may rewrite
     * its source (a reply translated back) or stop it (a policy); they may not send it elsewhere.
     */
    static boolean bridgedHooks(InFlight p, Node node, Place at) {
        if (!p.net.bridgeNetfilter()) {
            return true;
        }
        SocketAddress before = p.headers.destination();
        if (!runHooks(p, node, at)) {
            return false;
        }
        if (!p.headers.destination().equals(before)) {
            throw new IllegalStateException("A hook changed the destination of a bridged frame from " + before
                    + " to " + p.headers.destination() + "; the model does not reroute bridged frames");
        }
        return true;
    }
}
