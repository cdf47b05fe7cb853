package k8snet.policy;

import java.util.List;
import java.util.Optional;

import k8snet.Require;

/**
 * What the policies say about one end of a connection: the egress of its source pod, or the ingress of its
 * destination pod.
 *
 * <pre>{@code
 * // api-1 in namespace db, selected for ingress by two policies, neither of which allows the connection:
 * new Judgement(PolicyType.INGRESS, "db/api-1", List.of("allow-web", "deny-all"), Optional.empty(), c);
 * judgement.describe();  // "ingress to db/api-1 denied: selected by 2 policies (allow-web, deny-all), none
 *                        //  allows 10.244.1.2 to 10.244.2.3:tcp/5432"
 * }</pre>
 *
 * @param direction which end this is about
 * @param pod the judged pod as {@code namespace/name}, or {@code ""} when that end is not a pod (policies do
 *     not apply there)
 * @param selecting the names of the policies that isolate the pod for this direction, sorted; empty when it is
 *     not isolated
 * @param allowedBy the first of {@code selecting}, in that order, with a rule that allows the connection; or a
 *     reason the connection is always allowed ({@link PolicyEngine#SELF}, {@link PolicyEngine#OWN_NODE})
 * @param connection what was judged
 */
public record Judgement(PolicyType direction, String pod, List<String> selecting, Optional<String> allowedBy,
        Connection connection) {

    /** @throws IllegalArgumentException if an argument or element is null */
    public Judgement {
        Require.nonNull(direction, "direction");
        Require.nonNull(pod, "pod");
        Require.nonNull(selecting, "selecting");
        Require.nonNull(allowedBy, "allowedBy");
        Require.nonNull(connection, "connection");
        selecting = List.copyOf(selecting);
    }

    /** True unless the pod is isolated for this direction and nothing allows the connection. */
    public boolean allowed() {
        return selecting.isEmpty() || allowedBy.isPresent();
    }

    /** One line for a trace, as the class doc shows. */
    public String describe() {
        String end = (direction == PolicyType.INGRESS ? "ingress to " : "egress from ") + pod;
        if (pod.isEmpty()) {
            return direction + ": that end is not a pod, so no policy applies";
        }
        if (selecting.isEmpty()) {
            return end + " allowed: no policy selects it for " + direction;
        }
        String policies = selecting.size() + (selecting.size() == 1 ? " policy (" : " policies (")
                + String.join(", ", selecting) + ")";
        if (allowedBy.isPresent()) {
            return end + " allowed by " + allowedBy.get() + " (selected by " + String.join(", ", selecting) + ")";
        }
        return end + " denied: selected by " + policies + ", none allows " + connection;
    }
}
