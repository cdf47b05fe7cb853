package k8snet.workload;

import java.util.Map;

import k8snet.Require;
import k8snet.labels.Labels;
import k8snet.transport.Port;

/**
 * An application the control plane keeps running: a ReplicaSet's pod template, reduced to what the network
 * needs. Every replica carries {@code labels} (which Services select), has {@code containerPorts}, and runs
 * {@code application} listening on TCP at each of them.
 *
 * @param name the ReplicaSet's name, and the prefix of its pods' names
 * @param replicas how many pods it wants
 */
public record Workload(String name, int replicas, Labels labels, Map<String, Port> containerPorts,
        String application) {

    /** @throws IllegalArgumentException if a value is null, replicas is negative, or there is no port */
    public Workload {
        Require.nonNull(name, "name");
        Require.argument(replicas >= 0, "Replicas cannot be negative: " + replicas);
        Require.nonNull(labels, "labels");
        Require.nonNull(containerPorts, "containerPorts");
        Require.argument(!containerPorts.isEmpty(), "A workload listens on at least one port: " + name);
        containerPorts.forEach((k, v) -> {
            Require.nonNull(k, "port name");
            Require.nonNull(v, "port");
        });
        containerPorts = Map.copyOf(containerPorts);
        Require.nonNull(application, "application");
    }
}
