package k8snet.cluster;

import k8snet.host.Application;
import k8snet.host.Dispatch;
import k8snet.host.Host;
import k8snet.host.Interface;
import k8snet.net.Delivery;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.transport.Message;
import k8snet.transport.Protocol;

/**
 * The last step of a packet's walk: the namespace (or the host on the internet) that has its destination hands
 * it to a socket. A listener takes it, or nothing listens (a refusal); a reply is taken only by the client's own
 * connection.
 */
final class SocketStage {

    private SocketStage() {
    }

    /** The packet reached {@code ns}, which has its destination on {@code device}. */
    static Delivery deliver(InFlight p, NetworkNamespace ns, Interface device) {
        Place at = ns.place().device(device.name());
        Message message = new Message(p.headers.protocol(), p.headers.source(), p.headers.destination(), p.payload);
        if (p.expectedReply != null) {
            return deliverReply(p, ns.host(), at, message);
        }
        return dispatched(p, ns.host(), at, ns.dispatch(message), message);
    }

    /** A packet reaches a host on the internet: its sockets take it, or, for a reply, its client's connection. */
    static Delivery deliverOutside(InFlight p, ExternalHost host) {
        Place at = host.place().device("eth0");
        Message message = new Message(p.headers.protocol(), p.headers.source(), p.headers.destination(), p.payload);
        if (p.expectedReply != null) {
            return deliverReply(p, host.host(), at, message);
        }
        Dispatch d = host.host().dispatch(message);
        return dispatched(p, host.host(), at, d, message);
    }

    private static Delivery dispatched(InFlight p, Host host, Place at, Dispatch d, Message message) {
        Headers headers = p.headers;
        if (d instanceof Dispatch.Accepted a) {
            p.add(Hop.lazy(at, "socket", Action.DELIVERED, () -> headers.protocol() + " " + headers.destination()
                    + " accepted by " + a.application() + " (listening on " + a.listener() + ")", headers));
            return new Delivery.Delivered(host, a.application(), message, p.trace.build());
        }
        if (d instanceof Dispatch.Refused r) {
            String answer = headers.protocol() == Protocol.TCP ? "TCP reset (RST)" : "ICMP port unreachable";
            p.add(Hop.of(at, "socket", Action.REFUSED, "nothing listens on " + headers.protocol() + " "
                    + r.destination() + ": connection refused, answered with " + answer, headers));
            return new Delivery.ConnectionRefused(r.destination(), p.trace.build());
        }
        return p.drop(at, "socket", Action.DROPPED, ((Dispatch.Dropped) d).reason());
    }

    /**
     * A reply reaches the client's namespace. The client's socket is connected to where it sent its first
     * packet, so it takes the reply only if the reply comes from there (RFC 9293 section 3.10.7: a segment that
     * matches no connection is answered with a reset).
     */
    private static Delivery deliverReply(InFlight p, Host host, Place at, Message message) {
        Headers got = p.headers.outsideTunnel();
        Headers expected = p.expectedReply;
        if (got.equals(expected)) {
            p.add(Hop.lazy(at, "socket", Action.DELIVERED, () -> "reply from " + got.source() + " taken by the "
                    + "client's connection " + got.destination() + " -> " + got.source(), p.headers));
            return new Delivery.Delivered(host, new Application("client"), message, p.trace.build());
        }
        String why = "the reply comes from " + got.source() + " to " + got.destination() + ", but the client's "
                + "connection is " + expected.destination() + " -> " + expected.source()
                + ": no socket matches, so the kernel answers with a reset (was the reply translated back?)";
        return p.drop(at, "socket", Action.DROPPED, why);
    }
}
