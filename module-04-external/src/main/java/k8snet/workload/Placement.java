package k8snet.workload;

import k8snet.Require;

/** Where the scheduler put a pod: bound to a node, or unschedulable with the reason the scheduler gives. */
public sealed interface Placement {

    /** The pod is bound to {@code node}. */
    record Bound(String node) implements Placement {
        public Bound {
            Require.nonNull(node, "node");
        }

        /** {@code bound to node-2}: how a failed test names the placement. */
        @Override
        public String toString() {
            return "bound to " + node;
        }
    }

    /**
     * No node passed the filters; {@code message} is the scheduler's {@code FailedScheduling} event text, such as
     * {@code 0/3 nodes are available: 1 node(s) were unschedulable, 2 Too many pods.}
     */
    record Unschedulable(String message) implements Placement {
        public Unschedulable {
            Require.nonNull(message, "message");
        }

        /** {@code unschedulable: } and the message. */
        @Override
        public String toString() {
            return "unschedulable: " + message;
        }
    }
}
