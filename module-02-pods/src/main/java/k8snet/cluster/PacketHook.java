package k8snet.cluster;

import java.util.List;

import k8snet.Require;
import k8snet.trace.Action;
import k8snet.trace.Headers;

/**
 * A step a node's root namespace takes on every packet that enters it, before it routes the packet: where
 * kube-proxy rewrites a packet for a Service's virtual IP (DNAT) and connection tracking remembers the flow
 * (module 3), where a node's NodePort and source NAT act (module 4). In Linux terms it runs in netfilter's
 * PREROUTING (packets from pods and from the wire) and OUTPUT (packets the node itself sends) hooks
 * (iptables(8), "nat" table).
 *
 * <pre>{@code
 * net.addHook((node, headers) -> PacketHook.Verdict.pass());   // a hook that changes nothing
 * }</pre>
 *
 * <p>Hooks run in the order they were added; each sees the headers the previous one left. A hook's steps
 * become hops of the trace at the node's root namespace, so a rewrite is visible as, for example, a
 * {@link Action#DNAT} hop whose headers carry the new destination.
 */
@FunctionalInterface
public interface PacketHook {

    /**
     * Looks at a packet entering {@code node}'s root namespace.
     *
     * @param headers the packet as it arrived
     * @return what to do: go on (with the last step's headers, or unchanged), or stop
     */
    Verdict inspect(Node node, Headers headers);

    /**
     * One thing a hook did, as a hop of the trace.
     *
     * @param component who did it, such as {@code kube-proxy} or {@code conntrack}
     * @param action what it did; never one that moves the packet
     * @param headers the packet's headers after it
     */
    record Step(String component, Action action, String decision, Headers headers) {
        public Step {
            Require.nonNull(component, "component");
            Require.nonNull(action, "action");
            Require.nonNull(decision, "decision");
            Require.nonNull(headers, "headers");
            if (action.moves()) {
                throw new IllegalArgumentException("A hook acts in place; it cannot " + action + " the packet");
            }
        }
    }

    /** What the walk does after a hook. */
    sealed interface Verdict {

        /** The steps, in order. */
        List<Step> steps();

        /** Go on with the last step's headers (or the packet unchanged if there are no steps). */
        static Verdict pass(Step... steps) {
            return new Continue(List.of(steps));
        }

        /** The packet goes on. */
        record Continue(List<Step> steps) implements Verdict {
            public Continue {
                steps = List.copyOf(Require.nonNull(steps, "steps"));
                Require.argument(steps.stream().noneMatch(s -> s.action().isTerminal()),
                        "A packet that goes on has no terminal step");
            }
        }

        /**
         * The packet ends here: its last step is terminal ({@link Action#REFUSED} for a reject, which the sender
         * sees as "connection refused"; {@link Action#DENIED} or {@link Action#DROPPED} for a drop).
         */
        record Stop(List<Step> steps) implements Verdict {
            public Stop {
                steps = List.copyOf(Require.nonNull(steps, "steps"));
                Require.argument(!steps.isEmpty() && steps.get(steps.size() - 1).action().isTerminal()
                        && steps.get(steps.size() - 1).action() != Action.DELIVERED,
                        "A stopped packet ends with a terminal step other than DELIVERED");
            }
        }
    }
}
