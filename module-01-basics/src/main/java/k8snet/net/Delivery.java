package k8snet.net;

import k8snet.Require;
import k8snet.dns.DnsResult;
import k8snet.host.Application;
import k8snet.host.Host;
import k8snet.ip.Ipv4Address;
import k8snet.trace.Trace;
import k8snet.transport.Message;
import k8snet.transport.SocketAddress;

/**
 * How a send ended. Every outcome carries the {@link Trace} of the hops the message took.
 */
public sealed interface Delivery {

    /** The hops, from the sender to where the message ended. */
    Trace trace();

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

    /** The host owns the address but nothing listens on the port. */
    record ConnectionRefused(SocketAddress destination, Trace trace) implements Delivery {
        public ConnectionRefused {
            Require.nonNull(destination, "destination");
            Require.nonNull(trace, "trace");
        }
    }
}
