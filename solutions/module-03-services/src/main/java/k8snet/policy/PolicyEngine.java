package k8snet.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import k8snet.Require;
import k8snet.endpoints.TargetPort;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.ObjectNames;
import k8snet.labels.Labels;
import k8snet.transport.Port;

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

    private final Map<String, Labels> namespaces = new HashMap<>();
    private final Map<String, List<Ipv4Address>> nodes = new HashMap<>();
    private final Map<String, PolicyPod> pods = new HashMap<>();
    private final Map<Ipv4Address, PolicyPod> podsByIp = new HashMap<>();
    /** Per namespace, the policies by name, sorted. */
    private final Map<String, TreeMap<String, NetworkPolicy>> policies = new LinkedHashMap<>();

    /** An engine that knows namespace {@code default} and nothing else. */
    public PolicyEngine() {
        setNamespace("default", Labels.empty());
    }

    /**
     * Creates a namespace or replaces its labels; {@value #NAME_LABEL} is added (see the class doc).
     *
     * @throws IllegalArgumentException if an argument is null or the name is not a lower-case RFC 1123 label
     */
    public void setNamespace(String name, Labels labels) {
        Require.nonNull(name, "name");
        Require.nonNull(labels, "labels");
        Require.argument(ObjectNames.isLabel(name), "A namespace name is a lower-case RFC 1123 label: \"" + name + "\"");
        Map<String, String> all = new TreeMap<>(labels.asMap());
        all.put(NAME_LABEL, name);
        namespaces.put(name, Labels.of(all));
    }

    /**
     * A namespace's labels, {@value #NAME_LABEL} included.
     *
     * @throws IllegalArgumentException if {@code name} is null or unknown
     */
    public Labels namespaceLabels(String name) {
        Require.nonNull(name, "name");
        Labels labels = namespaces.get(name);
        Require.argument(labels != null, "No namespace named \"" + name + "\"");
        return labels;
    }

    /**
     * Sets the addresses of a node (its {@code eth0} and bridge addresses, say), replacing earlier ones.
     *
     * @throws IllegalArgumentException if an argument or element is null, or the name is malformed
     */
    public void setNode(String node, List<Ipv4Address> addresses) {
        Require.nonNull(node, "node");
        Require.nonNull(addresses, "addresses");
        Require.argument(ObjectNames.isLabel(node), "A node name is a lower-case RFC 1123 label: \"" + node + "\"");
        Require.argument(addresses.stream().noneMatch(java.util.Objects::isNull), "addresses must not hold null");
        nodes.put(node, List.copyOf(addresses));
    }

    /**
     * Adds a pod, or replaces the one with the same namespace and name.
     *
     * @throws IllegalArgumentException if {@code pod} is null, its namespace is unknown, or another pod has its
     *     address
     */
    public void setPod(PolicyPod pod) {
        Require.nonNull(pod, "pod");
        namespaceLabels(pod.namespace());
        String key = pod.namespace() + "/" + pod.name();
        PolicyPod holder = podsByIp.get(pod.ip());
        Require.argument(holder == null || (holder.namespace() + "/" + holder.name()).equals(key),
                "Address " + pod.ip() + " belongs to pod " + holder + " already");
        PolicyPod old = pods.put(key, pod);
        if (old != null) {
            podsByIp.remove(old.ip());
        }
        podsByIp.put(pod.ip(), pod);
    }

    /**
     * Removes a pod.
     *
     * @throws IllegalArgumentException if an argument is null or there is no such pod
     */
    public void removePod(String namespace, String name) {
        Require.nonNull(namespace, "namespace");
        Require.nonNull(name, "name");
        PolicyPod old = pods.remove(namespace + "/" + name);
        Require.argument(old != null, "No pod " + namespace + "/" + name);
        podsByIp.remove(old.ip());
    }

    /**
     * Adds a policy, or replaces the one with the same namespace and name.
     *
     * @throws IllegalArgumentException if {@code policy} is null or its namespace is unknown
     */
    public void addPolicy(NetworkPolicy policy) {
        Require.nonNull(policy, "policy");
        namespaceLabels(policy.namespace());
        policies.computeIfAbsent(policy.namespace(), n -> new TreeMap<>()).put(policy.name(), policy);
    }

    /**
     * Removes a policy.
     *
     * @throws IllegalArgumentException if an argument is null or there is no such policy
     */
    public void removePolicy(String namespace, String name) {
        Require.nonNull(namespace, "namespace");
        Require.nonNull(name, "name");
        TreeMap<String, NetworkPolicy> inNs = policies.get(namespace);
        Require.argument(inNs != null && inNs.remove(name) != null, "No policy " + namespace + "/" + name);
    }

    /**
     * The policies that isolate {@code pod} for {@code direction}, sorted by name.
     *
     * @throws IllegalArgumentException if an argument is null
     */
    public List<NetworkPolicy> selecting(PolicyPod pod, PolicyType direction) {
        Require.nonNull(pod, "pod");
        Require.nonNull(direction, "direction");
        List<NetworkPolicy> out = new ArrayList<>();
        for (NetworkPolicy p : policies.getOrDefault(pod.namespace(), new TreeMap<>()).values()) {
            if (p.isolates(direction) && p.podSelector().matches(pod.labels())) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(NetworkPolicy::name));
        return List.copyOf(out);
    }

    /**
     * What the ingress policies of the pod at the connection's destination say (class doc).
     *
     * @throws IllegalArgumentException if {@code connection} is null
     */
    public Judgement ingress(Connection connection) {
        Require.nonNull(connection, "connection");
        return judge(PolicyType.INGRESS, connection, connection.destination(), connection.source());
    }

    /**
     * What the egress policies of the pod at the connection's source say (class doc).
     *
     * @throws IllegalArgumentException if {@code connection} is null
     */
    public Judgement egress(Connection connection) {
        Require.nonNull(connection, "connection");
        return judge(PolicyType.EGRESS, connection, connection.source(), connection.destination());
    }

    /**
     * Whether both ends allow the connection.
     *
     * @throws IllegalArgumentException if {@code connection} is null
     */
    public boolean allows(Connection connection) {
        return egress(connection).allowed() && ingress(connection).allowed();
    }

    private Judgement judge(PolicyType direction, Connection c, Ipv4Address self, Ipv4Address other) {
        PolicyPod pod = podsByIp.get(self);
        if (pod == null) {
            return new Judgement(direction, "", List.of(), Optional.empty(), c);
        }
        String id = pod.namespace() + "/" + pod.name();
        List<NetworkPolicy> isolating = selecting(pod, direction);
        List<String> names = isolating.stream().map(NetworkPolicy::name).toList();
        if (isolating.isEmpty()) {
            return new Judgement(direction, id, names, Optional.empty(), c);
        }
        if (other.equals(self)) {
            return new Judgement(direction, id, names, Optional.of(SELF), c);
        }
        if (nodes.getOrDefault(pod.node(), List.of()).contains(other)) {
            return new Judgement(direction, id, names, Optional.of(OWN_NODE), c);
        }
        PolicyPod target = direction == PolicyType.INGRESS ? pod : podsByIp.get(c.destination());
        for (NetworkPolicy policy : isolating) {
            for (PolicyRule rule : policy.rules(direction)) {
                if (peersMatch(rule, policy.namespace(), other) && portsMatch(rule, c, target)) {
                    return new Judgement(direction, id, names, Optional.of(policy.name()), c);
                }
            }
        }
        return new Judgement(direction, id, names, Optional.empty(), c);
    }

    private boolean peersMatch(PolicyRule rule, String policyNamespace, Ipv4Address address) {
        if (rule.peers().isEmpty()) {
            return true;
        }
        for (Peer peer : rule.peers()) {
            if (peer instanceof Peer.Block block) {
                if (block.cidr().contains(address) && block.except().stream().noneMatch(e -> e.contains(address))) {
                    return true;
                }
            } else {
                Peer.Pods sel = (Peer.Pods) peer;
                PolicyPod q = podsByIp.get(address);
                if (q == null) {
                    continue;
                }
                boolean namespaceOk = sel.namespaces().isPresent()
                        ? sel.namespaces().get().matches(namespaces.get(q.namespace()))
                        : q.namespace().equals(policyNamespace);
                boolean podOk = sel.pods().map(s -> s.matches(q.labels())).orElse(true);
                if (namespaceOk && podOk) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean portsMatch(PolicyRule rule, Connection c, PolicyPod target) {
        if (rule.ports().isEmpty()) {
            return true;
        }
        int number = c.port().number();
        for (PolicyPort p : rule.ports()) {
            if (p.protocol() != c.protocol()) {
                continue;
            }
            if (p.port().isEmpty()) {
                return true;
            }
            TargetPort port = p.port().get();
            if (port.number().isPresent()) {
                int start = port.number().get().number();
                int end = p.endPort().orElse(start);
                if (number >= start && number <= end) {
                    return true;
                }
            } else if (target != null) {
                Port named = target.containerPorts().get(port.name().orElseThrow());
                if (named != null && named.equals(c.port())) {
                    return true;
                }
            }
        }
        return false;
    }
}
