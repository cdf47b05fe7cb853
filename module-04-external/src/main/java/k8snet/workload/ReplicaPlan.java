package k8snet.workload;

import java.util.List;

import k8snet.Require;

/**
 * What a ReplicaSet controller does in one sync: the names of the pods it creates and of those it deletes, each
 * in the order it acts on them. At most one of the two lists is non-empty.
 */
public record ReplicaPlan(List<String> create, List<String> delete) {

    /** @throws IllegalArgumentException if a list or a name is null */
    public ReplicaPlan {
        Require.nonNull(create, "create");
        Require.nonNull(delete, "delete");
        create.forEach(n -> Require.nonNull(n, "name"));
        delete.forEach(n -> Require.nonNull(n, "name"));
        create = List.copyOf(create);
        delete = List.copyOf(delete);
    }

    /** Nothing to do. */
    public static ReplicaPlan none() {
        return new ReplicaPlan(List.of(), List.of());
    }
}
