package k8snet.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import k8snet.Require;

/**
 * Exercise 4.5: the scheduler that binds a new pod to a node, in kube-scheduler's two phases (Kubernetes docs
 * "Kubernetes Scheduler" and "Scheduling Framework"): <b>filter</b> out the nodes that cannot run the pod, then
 * <b>score</b> the rest and bind the pod to the best.
 *
 * <p><b>Filters</b>, in the order kube-scheduler's default plugins run them; a node fails at the first filter
 * that rejects it, and that filter's reason is the node's reason:
 * <ol>
 *   <li>NodeUnschedulable: a cordoned node ({@code unschedulable}) fails with {@value #UNSCHEDULABLE};</li>
 *   <li>TaintToleration: a node with a {@code NoSchedule} taint fails with
 *       {@code node(s) had untolerated taint {KEY: }} for its first taint (the model's pods tolerate none; the
 *       node lifecycle controller taints a silent node {@code node.kubernetes.io/unreachable});</li>
 *   <li>NodeResourcesFit: a node already running {@code podCapacity} pods or more fails with
 *       {@value #TOO_MANY_PODS} (the model's only resource is the pod count; the kubelet's default
 *       {@code maxPods} is 110).</li>
 * </ol>
 *
 * <p><b>Scores</b>: among the nodes that pass, the fewest pods of the same workload wins (spreading replicas, as
 * the default PodTopologySpread constraint over {@code kubernetes.io/hostname} prefers), then the fewest pods in
 * all (the least allocated node). Nodes still tied are equally good: like kube-scheduler, pick one of them at
 * random, with exactly one {@code random.nextInt(ties)} call where {@code ties} is how many are tied, in the order
 * the nodes were given; with one best node, draw nothing. (The real scheduler adds weighted scores of several
 * plugins; the model applies these two in order.)
 *
 * <p><b>When no node passes</b>, the answer is {@link Placement.Unschedulable} with kube-scheduler's event text:
 * {@code 0/N nodes are available: } then, for each distinct reason, {@code COUNT REASON}, these strings sorted
 * (as Java sorts strings) and joined with {@code ", "}, then a final {@code .}. With no nodes at all the message
 * is {@value #NO_NODES}.
 *
 * <pre>{@code
 * Scheduler s = new Scheduler(new Random(7));
 * s.schedule(List.of(NodeInfo.ready("node-1", 3, 1), NodeInfo.ready("node-2", 3, 0)));  // bound to node-2
 * }</pre>
 */
public final class Scheduler {

    /** The NodeUnschedulable filter's reason. */
    public static final String UNSCHEDULABLE = "node(s) were unschedulable";
    /** The NodeResourcesFit filter's reason when the pod count is at capacity. */
    public static final String TOO_MANY_PODS = "Too many pods";
    /** The message when the cluster has no nodes. */
    public static final String NO_NODES = "no nodes available to schedule pods";

    private final Random random;

    /**
     * @param random breaks ties between equally good nodes
     * @throws IllegalArgumentException if {@code random} is null
     */
    public Scheduler(Random random) {
        this.random = Require.nonNull(random, "random");
    }

    /**
     * Why a node cannot run the pod: the reason of the first filter that rejects it, or empty if it passes them
     * all.
     *
     * @throws IllegalArgumentException if {@code node} is null
     */
    public Optional<String> unfit(NodeInfo node) {
        Require.nonNull(node, "node");
        if (node.unschedulable()) {
            return Optional.of(UNSCHEDULABLE);
        }
        if (!node.taints().isEmpty()) {
            return Optional.of("node(s) had untolerated taint {" + node.taints().get(0) + ": }");
        }
        if (node.pods() >= node.podCapacity()) {
            return Optional.of(TOO_MANY_PODS);
        }
        return Optional.empty();
    }

    /**
     * Places one pod: filters, then scores, as the class doc says.
     *
     * @param nodes every node of the cluster, in a fixed order (ties are drawn in this order)
     * @throws IllegalArgumentException if the list or a node is null, or two nodes have the same name
     */
    public Placement schedule(List<NodeInfo> nodes) {
        Require.nonNull(nodes, "nodes");
        nodes.forEach(n -> Require.nonNull(n, "node"));
        Require.argument(nodes.stream().map(NodeInfo::name).distinct().count() == nodes.size(),
                "Two nodes have the same name: " + nodes.stream().map(NodeInfo::name).toList());
        if (nodes.isEmpty()) {
            return new Placement.Unschedulable(NO_NODES);
        }
        TreeMap<String, Integer> reasons = new TreeMap<>();
        List<NodeInfo> best = new ArrayList<>();
        for (NodeInfo node : nodes) {
            Optional<String> why = unfit(node);
            if (why.isPresent()) {
                reasons.merge(why.get(), 1, Integer::sum);
                continue;
            }
            if (best.isEmpty()) {
                best.add(node);
                continue;
            }
            int cmp = compare(node, best.get(0));
            if (cmp < 0) {
                best.clear();
                best.add(node);
            } else if (cmp == 0) {
                best.add(node);
            }
        }
        if (best.isEmpty()) {
            List<String> parts = new ArrayList<>();
            reasons.forEach((reason, count) -> parts.add(count + " " + reason));
            parts.sort(null);
            return new Placement.Unschedulable("0/" + nodes.size() + " nodes are available: "
                    + String.join(", ", parts) + ".");
        }
        NodeInfo chosen = best.size() == 1 ? best.get(0) : best.get(random.nextInt(best.size()));
        return new Placement.Bound(chosen.name());
    }

    /** Negative if {@code a} is the better node. */
    private static int compare(NodeInfo a, NodeInfo b) {
        if (a.matchingPods() != b.matchingPods()) {
            return Integer.compare(a.matchingPods(), b.matchingPods());
        }
        return Integer.compare(a.pods(), b.pods());
    }
}
