package k8snet.link;

import java.util.List;

import k8snet.Require;

/** What a {@link Bridge} does with one frame. */
public sealed interface Forwarding {

    /** The destination MAC is known to be behind {@code port}: send the frame out there only. */
    record ToPort(String port) implements Forwarding {
        public ToPort {
            Require.nonNull(port, "port");
        }
    }

    /** The frame is for the bridge's own MAC: hand it up to the IP layer of the bridge's namespace. */
    record Up() implements Forwarding {
    }

    /** The destination is behind the very port the frame came in on: the bridge drops it (802.1D filtering). */
    record Filtered() implements Forwarding {
    }

    /**
     * A broadcast, or a MAC the bridge has not learned: copy the frame to every port but the one it came in on
     * (and up to the bridge's own namespace, for a frame that did not come from it).
     *
     * @param ports the ports it goes out of, in the order they were attached
     */
    record Flood(List<String> ports) implements Forwarding {
        public Flood {
            ports = List.copyOf(Require.nonNull(ports, "ports"));
        }
    }
}
