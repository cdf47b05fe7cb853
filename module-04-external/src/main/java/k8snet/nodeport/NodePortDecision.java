package k8snet.nodeport;

import java.util.List;

import k8snet.Require;

/** What a node does with a new connection to one of its NodePorts. */
public sealed interface NodePortDecision {

    /**
     * Send it to one of {@code candidates} (a balancer picks); with {@code snat}, replace the client's address
     * with the node's own, so that the reply comes back through this node.
     */
    record Forward(List<NodeEndpoint> candidates, boolean snat) implements NodePortDecision {
        /** @throws IllegalArgumentException if the list or an element is null, or it is empty */
        public Forward {
            Require.nonNull(candidates, "candidates");
            Require.argument(candidates.stream().noneMatch(java.util.Objects::isNull), "candidates must not hold null");
            Require.argument(!candidates.isEmpty(), "A forward needs at least one candidate");
            candidates = List.copyOf(candidates);
        }
    }

    /** Drop the packet, for this reason. */
    record Drop(String reason) implements NodePortDecision {
        /** @throws IllegalArgumentException if {@code reason} is null */
        public Drop {
            Require.nonNull(reason, "reason");
        }
    }
}
