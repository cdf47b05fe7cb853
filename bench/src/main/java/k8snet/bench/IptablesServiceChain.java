package k8snet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import k8snet.ip.Ipv4Address;
import k8snet.transport.Protocol;

/**
 * A model of how kube-proxy's iptables mode finds a packet's Service: the {@code KUBE-SERVICES} chain of the
 * {@code nat} table holds one rule per Service port, such as
 * {@code -A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-...}, and netfilter walks the
 * chain in order, testing each rule's destination, protocol and port, until one matches (kubernetes/kubernetes
 * {@code pkg/proxy/iptables/proxier.go}, which writes these rules). The first packet of every connection pays
 * for that walk: on average half the rules when it is for a Service, all of them when it is not.
 *
 * <p>Benchmark-only: the course's kube-proxy ({@code k8snet.proxy.KubeProxy}) finds Services with a hash map,
 * as the nftables mode does ({@link NftablesServiceMap}).
 */
final class IptablesServiceChain {

    /** One {@code -d ADDRESS/32 -p PROTOCOL --dport PORT -j TARGET} rule. */
    private record Rule(int address, Protocol protocol, int port, String target) {
    }

    private final List<Rule> rules = new ArrayList<>();
    private Rule[] chain = new Rule[0];

    /** Appends the rule of one Service port, jumping to {@code target} (the Service's chain). */
    void append(Ipv4Address clusterIp, Protocol protocol, int port, String target) {
        rules.add(new Rule(clusterIp.toInt(), protocol, port, target));
        chain = rules.toArray(new Rule[0]);
    }

    /** The target of the first rule that matches, walking the chain from the top; empty if none does. */
    Optional<String> lookup(Ipv4Address destination, Protocol protocol, int port) {
        int address = destination.toInt();
        for (Rule rule : chain) {
            if (rule.address == address && rule.protocol == protocol && rule.port == port) {
                return Optional.of(rule.target);
            }
        }
        return Optional.empty();
    }

    /** How many rules the chain has. */
    int size() {
        return chain.length;
    }
}
