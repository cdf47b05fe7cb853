package k8snet.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import k8snet.cluster.Pod;
import k8snet.cluster.PodNetwork;
import k8snet.labels.Labels;
import k8snet.transport.Port;
import k8snet.workload.ControlPlane;
import k8snet.workload.Workload;

/**
 * Where a control plane placed a workload's pods, for the world's tests of exercises 4.5 and 4.6 (test support,
 * no tests of its own, so each exercise's tests compile with it).
 */
final class Placements {

    private Placements() {
    }

    /** Workload web: {@code replicas} pods labelled app=web, nginx on container port http 8080. */
    static Workload web(int replicas) {
        return new Workload("web", replicas, Labels.of("app", "web"), Map.of("http", Port.of(8080)), "nginx");
    }

    /**
     * Cluster south of {@code world}, at most 2 pods a node: south-1 172.16.4.11 full with the 2 pods of workload
     * batch (app=batch, worker on 7000), then south-2 172.16.4.12 and south-3 172.16.4.13, empty.
     */
    static ControlPlane southWithAFullNode(World world) {
        ControlPlane cp = world.addCluster("south", PodNetwork.builder().maxPods(2));
        cp.addNode("south-1", "172.16.4.11/24");
        cp.deploy(new Workload("batch", 2, Labels.of("app", "batch"), Map.of("http", Port.of(7000)), "worker"));
        cp.addNode("south-2", "172.16.4.12/24");
        cp.addNode("south-3", "172.16.4.13/24");
        return cp;
    }

    /** How many of the workload's pods run on each node, by node name (nodes without any left out). */
    static Map<String, Integer> perNode(ControlPlane cp, String workload) {
        Map<String, Integer> out = new TreeMap<>();
        for (Pod pod : cp.pods(workload)) {
            out.merge(pod.node().name(), 1, Integer::sum);
        }
        return out;
    }

    /** The workload's pods with their nodes and addresses, and the control plane's events: for a failure's message. */
    static String placements(ControlPlane cp, String workload) {
        List<String> out = new ArrayList<>();
        for (Pod pod : cp.pods(workload)) {
            out.add(pod.name() + " on " + pod.node().name() + " at " + pod.ip());
        }
        return out + "; events " + cp.events();
    }
}
