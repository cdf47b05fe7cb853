package k8snet.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Exercise 4.6: the node lifecycle controller, the part of kube-controller-manager that notices a node has gone
 * silent and gets its pods replaced (Kubernetes docs "Nodes", "Heartbeats" and "Node controller"; "Taints and
 * Tolerations", taint based evictions; kube-controller-manager's {@code --node-monitor-grace-period}).
 *
 * <p>Every kubelet renews its node's lease (a heartbeat) every few seconds. The controller remembers each node's
 * last heartbeat, and on an injected clock (the {@code now} each question passes) answers:
 * <ul>
 *   <li><b>condition</b>: {@link NodeCondition#READY} while no more than the grace period has passed since the
 *       last heartbeat, {@link NodeCondition#UNKNOWN} once more has passed (exactly the grace period is still
 *       ready);</li>
 *   <li><b>taints</b>: a node whose condition is unknown carries {@value #UNREACHABLE} (with effects
 *       {@code NoSchedule}, so the scheduler avoids it, and {@code NoExecute}, which evicts its pods); a ready
 *       node none;</li>
 *   <li><b>evict</b>: a pod tolerates {@code NoExecute} {@value #UNREACHABLE} for {@code tolerationSeconds}
 *       (the API server gives every pod 300 s by default), counted from the moment the taint appears, which is
 *       the end of the grace period. So a node's pods are to be evicted once more than grace period plus
 *       toleration has passed since its last heartbeat, and not before.</li>
 * </ul>
 * A heartbeat after silence makes the node ready again at once. Heartbeats of one node never go back in time.
 * A node is known from its first heartbeat until it is removed.
 *
 * <pre>{@code
 * NodeLifecycle nodes = new NodeLifecycle(Duration.ofSeconds(40), Duration.ofSeconds(300));
 * nodes.heartbeat("node-1", t0);
 * nodes.condition("node-1", t0.plusSeconds(41));       // UNKNOWN
 * }</pre>
 */
public final class NodeLifecycle {

    /** kube-controller-manager's default {@code --node-monitor-grace-period} in recent releases (it was 40 s). */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(50);
    /** The default {@code tolerationSeconds} of a pod for not-ready and unreachable nodes. */
    public static final Duration DEFAULT_TOLERATION = Duration.ofSeconds(300);
    /** The taint a node with an unknown Ready condition gets. */
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";

    /**
     * @param gracePeriod how long a node may be silent and still be ready; positive
     * @param toleration how long its pods stay after the taint appears; zero or more
     * @throws IllegalArgumentException if a duration is null, the grace period is not positive or the toleration
     *     is negative
     */
    public NodeLifecycle(Duration gracePeriod, Duration toleration) {
        // Exercise 4.6: store what NodeLifecycle needs.
    }

    /**
     * The kubelet of {@code node} renewed its lease at {@code at}; the first heartbeat makes the node known.
     *
     * @throws IllegalArgumentException if an argument is null, or {@code at} is before this node's last heartbeat
     */
    public void heartbeat(String node, Instant at) {
        throw new UnsupportedOperationException("Exercise 4.6: implement NodeLifecycle.heartbeat");
    }

    /** The node is gone from the cluster. @throws IllegalArgumentException if it is unknown */
    public void remove(String node) {
        throw new UnsupportedOperationException("Exercise 4.6: implement NodeLifecycle.remove");
    }

    /** The known nodes, in the order of their first heartbeat. */
    public List<String> nodes() {
        throw new UnsupportedOperationException("Exercise 4.6: implement NodeLifecycle.nodes");
    }

    /**
     * The node's Ready condition at {@code now}.
     *
     * @throws IllegalArgumentException if an argument is null, the node is unknown, or {@code now} is before its
     *     last heartbeat
     */
    public NodeCondition condition(String node, Instant now) {
        throw new UnsupportedOperationException("Exercise 4.6: implement NodeLifecycle.condition");
    }

    /** The node's taints at {@code now}: {@value #UNREACHABLE} or none. @throws IllegalArgumentException as condition */
    public List<String> taints(String node, Instant now) {
        throw new UnsupportedOperationException("Exercise 4.6: implement NodeLifecycle.taints");
    }

    /**
     * Whether the node's pods are to be evicted at {@code now}.
     *
     * @throws IllegalArgumentException as {@link #condition}
     */
    public boolean evict(String node, Instant now) {
        throw new UnsupportedOperationException("Exercise 4.6: implement NodeLifecycle.evict");
    }
}
