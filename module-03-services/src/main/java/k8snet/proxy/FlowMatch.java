package k8snet.proxy;

import k8snet.Require;

/**
 * What connection tracking found for a packet: the flow it belongs to, and which way it goes.
 *
 * @param flow the tracked flow
 * @param direction {@link Direction#ORIGINAL} for a packet from the client, {@link Direction#REPLY} for one from
 *     the backend
 */
public record FlowMatch(Flow flow, Direction direction) {

    /** @throws IllegalArgumentException if an argument is null */
    public FlowMatch {
        Require.nonNull(flow, "flow");
        Require.nonNull(direction, "direction");
    }

    /** The two directions of a flow, as conntrack names them. */
    public enum Direction {
        /** From the client, as it first sent the packet ({@link Flow#original()}). */
        ORIGINAL,
        /** From the backend back to the client ({@link Flow#reply()}). */
        REPLY
    }
}
