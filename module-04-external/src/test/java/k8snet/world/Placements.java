package k8snet.world;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import k8snet.cluster.Pod;
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
