package k8snet.workload;

import java.time.Instant;
import java.util.Optional;

import k8snet.Require;

/**
 * A pod of a ReplicaSet, as its controller sees it.
 *
 * @param name the pod's name
 * @param node the node it is bound to, empty while it waits for the scheduler
 * @param ready whether its {@code Ready} condition is true
 * @param terminating whether it is being deleted (its deletion timestamp is set)
 * @param created when it was created
 */
public record ReplicaPod(String name, Optional<String> node, boolean ready, boolean terminating, Instant created) {

    /** @throws IllegalArgumentException if a value is null */
    public ReplicaPod {
        Require.nonNull(name, "name");
        Require.nonNull(node, "node");
        Require.nonNull(created, "created");
    }
}
