package k8snet.host;

import k8snet.Require;
import k8snet.transport.SocketAddress;

/**
 * What a host did with a message that reached it: which application took it, or why none did.
 */
public sealed interface Dispatch {

    /**
     * An application took the message.
     *
     * @param application the listener
     * @param listener the (address, port) it is bound to, possibly the wildcard {@code 0.0.0.0}
     */
    record Accepted(Application application, SocketAddress listener) implements Dispatch {
        public Accepted {
            Require.nonNull(application, "application");
            Require.nonNull(listener, "listener");
        }
    }

    /** The address is this host's, but nothing listens on the port: "connection refused". */
    record Refused(SocketAddress destination) implements Dispatch {
        public Refused {
            Require.nonNull(destination, "destination");
        }
    }

    /** The host discarded the message without answering; {@code reason} says why. */
    record Dropped(String reason) implements Dispatch {
        public Dropped {
            Require.nonNull(reason, "reason");
        }
    }
}
