package k8snet.policy;

import java.util.List;
import java.util.Optional;

import k8snet.Require;
import k8snet.ipam.Cidr;
import k8snet.labels.Selector;

/**
 * One element of a rule's {@code from} (ingress) or {@code to} (egress) list: who is on the other end of the
 * connection (Kubernetes docs "Network Policies", "Behavior of to and from selectors"). A rule's peers are ORed;
 * inside one {@link Pods} peer, a namespace selector and a pod selector are ANDed.
 *
 * <pre>{@code
 * Peer.pods(Selector.parse("role=frontend"));                       // those pods of the policy's namespace
 * Peer.namespaces(Selector.parse("team=ops"));                      // every pod of those namespaces
 * Peer.podsIn(Selector.parse("team=ops"), Selector.parse("app=x")); // pods app=x in namespaces team=ops (AND)
 * Peer.block(Cidr.parse("172.17.0.0/16"), List.of(Cidr.parse("172.17.1.0/24")));
 * }</pre>
 */
public sealed interface Peer {

    /**
     * Pods, chosen by an optional namespace selector and an optional pod selector, at least one present.
     * Without a namespace selector the pods are those of the policy's own namespace; without a pod selector,
     * every pod of the selected namespaces. An empty selector that is present selects everything.
     */
    record Pods(Optional<Selector> namespaces, Optional<Selector> pods) implements Peer {
        /** @throws IllegalArgumentException if an argument is null or both are empty */
        public Pods {
            Require.nonNull(namespaces, "namespaces");
            Require.nonNull(pods, "pods");
            Require.argument(namespaces.isPresent() || pods.isPresent(),
                    "A pod peer needs a namespaceSelector, a podSelector or both");
        }

        @Override
        public String toString() {
            return namespaces.map(n -> "namespaceSelector {" + n + "}").orElse("")
                    + (namespaces.isPresent() && pods.isPresent() ? " and " : "")
                    + pods.map(p -> "podSelector {" + p + "}").orElse("");
        }
    }

    /**
     * An address range, less the ranges in {@code except} ({@code ipBlock}). Each exception must lie inside
     * {@code cidr}, as the API server checks.
     */
    record Block(Cidr cidr, List<Cidr> except) implements Peer {
        /** @throws IllegalArgumentException if an argument or element is null, or an exception is not inside */
        public Block {
            Require.nonNull(cidr, "cidr");
            Require.nonNull(except, "except");
            Require.argument(except.stream().noneMatch(java.util.Objects::isNull), "except must not hold null");
            except = List.copyOf(except);
            for (Cidr e : except) {
                Require.argument(cidr.contains(e) && !e.equals(cidr),
                        "An ipBlock exception must lie strictly inside " + cidr + ": " + e);
            }
        }

        @Override
        public String toString() {
            return "ipBlock " + cidr + (except.isEmpty() ? "" : " except " + except);
        }
    }

    /** Pods of the policy's namespace that match {@code pods}. */
    static Peer pods(Selector pods) {
        return new Pods(Optional.empty(), Optional.of(Require.nonNull(pods, "pods")));
    }

    /** Every pod of the namespaces that match {@code namespaces}. */
    static Peer namespaces(Selector namespaces) {
        return new Pods(Optional.of(Require.nonNull(namespaces, "namespaces")), Optional.empty());
    }

    /** Pods that match {@code pods} in namespaces that match {@code namespaces}: both must hold. */
    static Peer podsIn(Selector namespaces, Selector pods) {
        return new Pods(Optional.of(Require.nonNull(namespaces, "namespaces")),
                Optional.of(Require.nonNull(pods, "pods")));
    }

    /** An address range with exceptions. */
    static Peer block(Cidr cidr, List<Cidr> except) {
        return new Block(cidr, except);
    }
}
