package k8snet.policy;

import java.util.List;

import k8snet.Require;

/**
 * One ingress or egress rule: traffic passes it if it comes from (or goes to) any of the peers, on any of the
 * ports. An empty peer list means every peer, inside the cluster or outside it; an empty port list means every
 * port (Kubernetes docs "Network Policies").
 *
 * <pre>{@code
 * new PolicyRule(List.of(Peer.pods(Selector.parse("app=web"))), List.of(PolicyPort.tcp(5432)));
 * PolicyRule.allowAll();       // ingress: [{}]
 * }</pre>
 */
public record PolicyRule(List<Peer> peers, List<PolicyPort> ports) {

    /** @throws IllegalArgumentException if a list or an element is null */
    public PolicyRule {
        Require.nonNull(peers, "peers");
        Require.nonNull(ports, "ports");
        Require.argument(peers.stream().noneMatch(java.util.Objects::isNull), "peers must not hold null");
        Require.argument(ports.stream().noneMatch(java.util.Objects::isNull), "ports must not hold null");
        peers = List.copyOf(peers);
        ports = List.copyOf(ports);
    }

    /** A rule with no peers and no ports: it allows everything. */
    public static PolicyRule allowAll() {
        return new PolicyRule(List.of(), List.of());
    }
}
