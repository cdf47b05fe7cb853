package k8snet.workload;

import java.util.List;

import k8snet.Require;
import k8snet.ipam.ObjectNames;

/**
 * A node as the scheduler sees it when it places one pod: what the filters need (is it cordoned, which
 * {@code NoSchedule} taints it has, how many pods it can run and runs) and what the spreading score needs (how
 * many pods of the same workload it runs already).
 *
 * @param name the node's name
 * @param unschedulable whether the node is cordoned ({@code spec.unschedulable}, {@code kubectl cordon})
 * @param taints the keys of its {@code NoSchedule} taints, such as {@code node.kubernetes.io/unreachable}, in the
 *     order the node lists them; the model's pods tolerate none
 * @param podCapacity how many pods it may run (the kubelet's {@code maxPods}: 110 by default)
 * @param pods how many pods are bound to it now
 * @param matchingPods how many of those belong to the workload of the pod being placed
 */
public record NodeInfo(String name, boolean unschedulable, List<String> taints, int podCapacity, int pods,
        int matchingPods) {

    /** The kubelet's default {@code maxPods}. */
    public static final int DEFAULT_POD_CAPACITY = 110;

    /**
     * @throws IllegalArgumentException if a value is null, the name is not an RFC 1123 label, a count is negative,
     *     or more pods match than run
     */
    public NodeInfo {
        Require.nonNull(name, "name");
        Require.argument(ObjectNames.isLabel(name), "A node name is a lower-case RFC 1123 label: \"" + name + "\"");
        Require.nonNull(taints, "taints");
        taints.forEach(t -> Require.nonNull(t, "taint"));
        taints = List.copyOf(taints);
        Require.argument(podCapacity >= 0, "A pod capacity cannot be negative: " + podCapacity);
        Require.argument(pods >= 0, "A pod count cannot be negative: " + pods);
        Require.argument(matchingPods >= 0 && matchingPods <= pods, "matchingPods must be between 0 and pods ("
                + pods + "): " + matchingPods);
    }

    /** A ready, schedulable node with no taints and the default capacity. */
    public static NodeInfo ready(String name, int pods, int matchingPods) {
        return new NodeInfo(name, false, List.of(), DEFAULT_POD_CAPACITY, pods, matchingPods);
    }
}
