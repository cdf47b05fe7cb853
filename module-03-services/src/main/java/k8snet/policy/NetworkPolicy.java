package k8snet.policy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import k8snet.Require;
import k8snet.ipam.ObjectNames;
import k8snet.labels.Selector;

/**
 * A NetworkPolicy (k8s.io/api networking/v1): in its namespace, the pods its selector matches become isolated
 * for the directions in {@code policyTypes}, and then accept only what its rules, and every other policy
 * selecting them, allow (Kubernetes docs "Network Policies").
 *
 * <pre>{@code
 * NetworkPolicy denyAll = NetworkPolicy.of("db", "deny-all", Selector.everything(), List.of(), List.of());
 * NetworkPolicy allowWeb = NetworkPolicy.of("db", "allow-web", Selector.parse("app=postgres"),
 *         List.of(new PolicyRule(List.of(Peer.namespaces(Selector.parse("team=web"))),
 *                 List.of(PolicyPort.tcp(5432)))),
 *         List.of());
 * }</pre>
 *
 * <p>{@link #of} fills {@code policyTypes} as the API server does when it is left out: {@code Ingress} always,
 * and {@code Egress} too if there are egress rules. So a policy with no rules at all isolates for ingress only
 * (a "default deny ingress"); to deny egress, name {@link PolicyType#EGRESS} explicitly.
 *
 * @param namespace the policy's namespace; it selects pods there only
 * @param name unique in its namespace
 * @param podSelector which pods of the namespace it selects; an empty selector selects them all
 */
public record NetworkPolicy(String namespace, String name, Selector podSelector, List<PolicyRule> ingress,
        List<PolicyRule> egress, Set<PolicyType> policyTypes) {

    /** @throws IllegalArgumentException if an argument or element is null, a name is malformed, or no type is given */
    public NetworkPolicy {
        Require.nonNull(namespace, "namespace");
        Require.nonNull(name, "name");
        Require.nonNull(podSelector, "podSelector");
        Require.nonNull(ingress, "ingress");
        Require.nonNull(egress, "egress");
        Require.nonNull(policyTypes, "policyTypes");
        Require.argument(ObjectNames.isLabel(namespace), "A namespace name is a lower-case RFC 1123 label: \""
                + namespace + "\"");
        Require.argument(ObjectNames.isLabel(name), "A policy name is a lower-case RFC 1123 label here: \""
                + name + "\"");
        Require.argument(ingress.stream().noneMatch(java.util.Objects::isNull), "ingress must not hold null");
        Require.argument(egress.stream().noneMatch(java.util.Objects::isNull), "egress must not hold null");
        Require.argument(policyTypes.stream().noneMatch(java.util.Objects::isNull), "policyTypes must not hold null");
        Require.argument(!policyTypes.isEmpty(), "A policy has at least one policy type: " + name);
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
        policyTypes = Set.copyOf(EnumSet.copyOf(policyTypes));
    }

    /** A policy whose {@code policyTypes} are the API server's default (see the class doc). */
    public static NetworkPolicy of(String namespace, String name, Selector podSelector, List<PolicyRule> ingress,
            List<PolicyRule> egress) {
        Require.nonNull(egress, "egress");
        Set<PolicyType> types = egress.isEmpty() ? EnumSet.of(PolicyType.INGRESS)
                : EnumSet.of(PolicyType.INGRESS, PolicyType.EGRESS);
        return new NetworkPolicy(namespace, name, podSelector, ingress, egress, types);
    }

    /** Whether this policy isolates its pods for {@code type}. */
    public boolean isolates(PolicyType type) {
        return policyTypes.contains(Require.nonNull(type, "type"));
    }

    /** Its rules for one direction. */
    public List<PolicyRule> rules(PolicyType type) {
        return Require.nonNull(type, "type") == PolicyType.INGRESS ? ingress : egress;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
