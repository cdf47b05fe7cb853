package k8snet.policy;

import java.util.List;

import k8snet.ip.Ipv4Address;
import k8snet.labels.Labels;

/**
 * Decides which connections NetworkPolicies allow, as a network plugin that enforces them (Calico, Cilium, ...)
 * must (Kubernetes docs "Network Policies"). It knows the namespaces with their labels, the pods, the nodes'
 * addresses and the policies, and judges a connection at both ends: the egress of the pod that opens it and
 * the ingress of the pod that receives it. A connection passes only if both ends allow it.
 *
 * <pre>{@code
 * PolicyEngine policies = new PolicyEngine();
 * policies.setNamespace("db", Labels.of("team", "data"));
 * policies.setPod(new PolicyPod("db", "pg-1", "node-2", Labels.of("app", "postgres"), pgIp, Map.of()));
 * policies.addPolicy(NetworkPolicy.of("db", "deny-all", Selector.everything(), List.of(), List.of()));
 * policies.ingress(new Connection(Protocol.TCP, webIp, pgIp, Port.of(5432))).allowed();   // false
 * }</pre>
 *
 * <p><b>Exercise 3.6.</b> Implement every method that throws {@link UnsupportedOperationException}.
 *
 * <h2>Isolation</h2>
 * <ul>
 *   <li>A policy <em>selects</em> a pod when they are in the same namespace and its {@code podSelector} matches
 *       the pod's labels (an empty selector matches every pod). It <em>isolates</em> the pod for a direction when
 *       it selects the pod and that direction is in its {@code policyTypes}.</li>
 *   <li>A pod that no policy isolates for a direction is not isolated for it: everything passes that end.</li>
 *   <li>An isolated pod's end passes a connection if at least one rule of at least one isolating policy allows it
 *       (rules of that direction only). Policies only ever add what is allowed: their order does not matter and
 *       there are no deny rules.</li>
 *   <li>Always allowed, even when isolated: a pod's traffic to itself (source and destination are the same pod),
 *       and traffic between a pod and its own node's addresses ({@link #setNode}), which keeps the kubelet's
 *       health checks working.</li>
 * </ul>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A rule allows a connection when some peer matches the other end's address and some port matches the
 *       connection; an empty peer list matches every address (inside the cluster or not), an empty port list
 *       every port.</li>
 *   <li>An {@code ipBlock} peer matches an address inside its CIDR and inside none of its exceptions.</li>
 *   <li>A pod peer matches only an address that is a known pod's. With a namespace selector, the pod's
 *       namespace labels must match it; without one, the pod must be in the policy's own namespace. With a pod
 *       selector, the pod's labels must match it; without one, any pod of those namespaces matches. The two
 *       selectors of one peer are ANDed; separate peers are ORed.</li>
 *   <li>A port entry matches when the protocol is the same and: it has no port (every port of the protocol);
 *       or its number equals the connection's port; or with {@code endPort}, the port is in
 *       {@code port..endPort} inclusive; or it is named and the destination pod has a container port of that
 *       name with the connection's number. The destination pod is the receiving pod for ingress and the pod at
 *       the destination address for egress; a named port never matches an address that is not a pod's.</li>
 *   <li>Every namespace carries the label {@value #NAME_LABEL} with its own name, whatever labels it is given
 *       (the API server sets it), so a namespace selector can pick a namespace by name. Namespace
 *       {@code default} exists from the start with only that label.</li>
 * </ul>
 *
 * <h2>Judgements</h2>
 * {@link #ingress} judges the pod at the destination address, {@link #egress} the pod at the source address. If
 * that address is no known pod's, the judgement has pod {@code ""}, no policies and no reason. Otherwise it names
 * the pod as {@code namespace/name}, the names of the policies that isolate it for that direction (sorted), and
 * when it is isolated, why the connection passes: first the reason it is always allowed if one applies
 * ({@value #SELF}, else {@value #OWN_NODE}), whatever the rules say; otherwise the first of those names whose
 * rules allow it; empty if nothing allows it. (A pod that is not isolated gets no reason: nothing needs to allow
 * it.)
 *
 * <h2>Errors</h2>
 * {@link IllegalArgumentException} for a null argument, a malformed namespace or node name, a pod or policy in a
 * namespace that was never set, a pod address that another pod has, or removing something unknown; the message
 * quotes the offending name or address.
 */
public final class PolicyEngine {

    /** The label the API server puts on every namespace, with the namespace's name as its value. */
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    /** Why a pod's traffic to itself passes. */
    public static final String SELF = "a pod may always reach itself";

    /** Why traffic between a pod and its own node passes. */
    public static final String OWN_NODE = "traffic between a pod and its own node is always allowed";

    /** An engine that knows namespace {@code default} and nothing else. */
    public PolicyEngine() {
        throw new UnsupportedOperationException("Exercise 3.6: implement the PolicyEngine constructor");
    }

    /**
     * Creates a namespace or replaces its labels; {@value #NAME_LABEL} is added (see the class doc).
     *
     * @throws IllegalArgumentException if an argument is null or the name is not a lower-case RFC 1123 label
     */
    public void setNamespace(String name, Labels labels) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.setNamespace");
    }

    /**
     * A namespace's labels, {@value #NAME_LABEL} included.
     *
     * @throws IllegalArgumentException if {@code name} is null or unknown
     */
    public Labels namespaceLabels(String name) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.namespaceLabels");
    }

    /**
     * Sets the addresses of a node (its {@code eth0} and bridge addresses, say), replacing earlier ones.
     *
     * @throws IllegalArgumentException if an argument or element is null, or the name is malformed
     */
    public void setNode(String node, List<Ipv4Address> addresses) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.setNode");
    }

    /**
     * Adds a pod, or replaces the one with the same namespace and name.
     *
     * @throws IllegalArgumentException if {@code pod} is null, its namespace is unknown, or another pod has its
     *     address
     */
    public void setPod(PolicyPod pod) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.setPod");
    }

    /**
     * Removes a pod.
     *
     * @throws IllegalArgumentException if an argument is null or there is no such pod
     */
    public void removePod(String namespace, String name) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.removePod");
    }

    /**
     * Adds a policy, or replaces the one with the same namespace and name.
     *
     * @throws IllegalArgumentException if {@code policy} is null or its namespace is unknown
     */
    public void addPolicy(NetworkPolicy policy) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.addPolicy");
    }

    /**
     * Removes a policy.
     *
     * @throws IllegalArgumentException if an argument is null or there is no such policy
     */
    public void removePolicy(String namespace, String name) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.removePolicy");
    }

    /**
     * The policies that isolate {@code pod} for {@code direction}, sorted by name.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public List<NetworkPolicy> selecting(PolicyPod pod, PolicyType direction) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.selecting");
    }

    /**
     * What the ingress policies of the pod at the connection's destination say (class doc).
     *
     * @throws IllegalArgumentException if {@code connection} is null
     */
    public Judgement ingress(Connection connection) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.ingress");
    }

    /**
     * What the egress policies of the pod at the connection's source say (class doc).
     *
     * @throws IllegalArgumentException if {@code connection} is null
     */
    public Judgement egress(Connection connection) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.egress");
    }

    /**
     * Whether both ends allow the connection.
     *
     * @throws IllegalArgumentException if {@code connection} is null
     */
    public boolean allows(Connection connection) {
        throw new UnsupportedOperationException("Exercise 3.6: implement PolicyEngine.allows");
    }
}
