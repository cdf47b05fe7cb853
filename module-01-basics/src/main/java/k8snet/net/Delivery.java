package k8snet.net;

import k8snet.Require;
import k8snet.dns.DnsResult;
import k8snet.host.Application;
import k8snet.host.Host;
import k8snet.ip.Ipv4Address;
import k8snet.trace.Action;
import k8snet.trace.Trace;
import k8snet.transport.Message;
import k8snet.transport.SocketAddress;

/**
 * How a send ended. Every outcome carries the {@link Trace} of the hops the message took.
 *
 * <p>Module 1's send ends in one of the first four outcomes. From module 2 on, a packet can also be discarded
 * on its way, at any hop: that is {@link Dropped}, and the last hop of its trace says which component dropped
 * it and why, in a closed vocabulary ({@link Action#NO_ROUTE}, {@link Action#NO_NEIGHBOUR},
 * {@link Action#TOO_BIG}, {@link Action#DENIED}, {@link Action#DROPPED}). Later modules add causes to that
 * vocabulary, not records to this interface, so a consumer asks {@link #endedBy()} instead of casting.
 */
public sealed interface Delivery {

    /** The hops, from the sender to where the message ended. */
    Trace trace();

    /**
     * What the last hop did: {@link Action#DELIVERED}, {@link Action#REFUSED}, a cause of a drop, ...;
     * {@link Action#NOTE} for module 1's untyped traces and an empty trace.
     */
    default Action endedBy() {
        return trace().size() == 0 ? Action.NOTE : trace().last().action();
    }

    /** The message reached an application. */
    record Delivered(Host host, Application application, Message message, Trace trace) implements Delivery {
        public Delivered {
            Require.nonNull(host, "host");
            Require.nonNull(application, "application");
            Require.nonNull(message, "message");
            Require.nonNull(trace, "trace");
        }
    }

    /** The name could not be turned into an address; {@code result} is the resolver's answer. */
    record UnknownHost(String name, DnsResult result, Trace trace) implements Delivery {
        public UnknownHost {
            Require.nonNull(name, "name");
            Require.nonNull(result, "result");
            Require.nonNull(trace, "trace");
        }
    }

    /** No host in the network owns the address, or the host dropped the message. */
    record HostUnreachable(Ipv4Address address, String reason, Trace trace) implements Delivery {
        public HostUnreachable {
            Require.nonNull(address, "address");
            Require.nonNull(reason, "reason");
            Require.nonNull(trace, "trace");
        }
    }

    /**
     * A hop on the way discarded the packet (module 2 on); the trace's last hop is that hop, and its action is
     * the cause.
     *
     * @param destination where the packet was going when it was dropped
     * @param reason the dropping hop's decision, for people
     */
    record Dropped(SocketAddress destination, String reason, Trace trace) implements Delivery {
        public Dropped {
            Require.nonNull(destination, "destination");
            Require.nonNull(reason, "reason");
            Require.nonNull(trace, "trace");
            Require.argument(trace.size() > 0 && trace.last().action().isTerminal()
                            && trace.last().action() != Action.DELIVERED,
                    "A dropped packet's trace ends with the hop that dropped it");
        }
    }

    /** The host owns the address but nothing listens on the port. */
    record ConnectionRefused(SocketAddress destination, Trace trace) implements Delivery {
        public ConnectionRefused {
            Require.nonNull(destination, "destination");
            Require.nonNull(trace, "trace");
        }
    }
}
