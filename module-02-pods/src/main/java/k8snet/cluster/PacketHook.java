package k8snet.cluster;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

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
     * One thing a hook did, as a hop of the trace. A value: two steps are equal when their component, action,
     * decision and headers are. The decision may be given as text, or as the recipe for it ({@link #lazy}),
     * written the first time it is read and kept, as a {@link k8snet.trace.Hop}'s is; a recipe reads only values
     * that never change.
     *
     * <pre>{@code
     * new Step("kube-proxy", Action.DNAT, "10.96.0.10:80 -> 10.244.1.3:8080", translated);
     * Step.lazy("kube-proxy", Action.DNAT, () -> service + " -> " + backend, translated);   // same text, later
     * }</pre>
     */
    final class Step {

        private final String component;
        private final Action action;
        private final Headers headers;
        /** Writes the decision; null when the text was given. */
        private final Supplier<String> recipe;
        /** The decision, once given or written (a racy single check: the text is immutable). */
        private String decision;

        /**
         * A step with its decision in words.
         *
         * @param component who did it, such as {@code kube-proxy} or {@code conntrack}
         * @param action what it did; never one that moves the packet
         * @param decision the decision in words, with the values it used
         * @param headers the packet's headers after it
         * @throws IllegalArgumentException if an argument is null or the action moves the packet
         */
        public Step(String component, Action action, String decision, Headers headers) {
            this(component, action, Require.nonNull(decision, "decision"), null, headers);
        }

        private Step(String component, Action action, String decision, Supplier<String> recipe, Headers headers) {
            this.component = Require.nonNull(component, "component");
            this.action = Require.nonNull(action, "action");
            this.decision = decision;
            this.recipe = recipe;
            this.headers = Require.nonNull(headers, "headers");
            if (action.moves()) {
                throw new IllegalArgumentException("A hook acts in place; it cannot " + action + " the packet");
            }
        }

        /**
         * A step whose decision is written only when it is first read.
         *
         * @throws IllegalArgumentException as {@link #Step(String, Action, String, Headers)}
         */
        public static Step lazy(String component, Action action, Supplier<String> decision, Headers headers) {
            return new Step(component, action, null, Require.nonNull(decision, "decision"), headers);
        }

        /** Who did it, such as {@code kube-proxy} or {@code conntrack}. */
        public String component() {
            return component;
        }

        /** What it did; never one that moves the packet. */
        public Action action() {
            return action;
        }

        /**
         * The decision in words.
         *
         * @throws IllegalStateException if the step's recipe wrote no text (a defect of the hook)
         */
        public String decision() {
            String text = decision;
            if (text == null) {
                text = recipe.get();
                if (text == null) {
                    throw new IllegalStateException("The decision of a " + component + " " + action
                            + " step was written as null");
                }
                decision = text;
            }
            return text;
        }

        /** The packet's headers after it. */
        public Headers headers() {
            return headers;
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Step other && component.equals(other.component) && action == other.action
                    && headers.equals(other.headers) && decision().equals(other.decision());
        }

        @Override
        public int hashCode() {
            return Objects.hash(component, action, decision(), headers);
        }

        /** As a record would print it: {@code Step[component=..., action=..., decision=..., headers=...]}. */
        @Override
        public String toString() {
            return "Step[component=" + component + ", action=" + action + ", decision=" + decision() + ", headers="
                    + headers + "]";
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
                for (Step step : steps) {
                    if (step.action().isTerminal()) {
                        throw new IllegalArgumentException("A packet that goes on has no terminal step");
                    }
                }
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
