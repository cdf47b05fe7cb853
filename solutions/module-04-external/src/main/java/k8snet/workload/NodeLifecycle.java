package k8snet.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import k8snet.Require;

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

    private final Duration gracePeriod;
    private final Duration toleration;
    private final Map<String, Instant> lastHeartbeat = new LinkedHashMap<>();

    /**
     * @param gracePeriod how long a node may be silent and still be ready; positive
     * @param toleration how long its pods stay after the taint appears; zero or more
     * @throws IllegalArgumentException if a duration is null, the grace period is not positive or the toleration
     *     is negative
     */
    public NodeLifecycle(Duration gracePeriod, Duration toleration) {
        Require.nonNull(gracePeriod, "gracePeriod");
        Require.nonNull(toleration, "toleration");
        Require.argument(gracePeriod.compareTo(Duration.ZERO) > 0, "The grace period must be positive: " + gracePeriod);
        Require.argument(!toleration.isNegative(), "The toleration cannot be negative: " + toleration);
        this.gracePeriod = gracePeriod;
        this.toleration = toleration;
    }

    /**
     * The kubelet of {@code node} renewed its lease at {@code at}; the first heartbeat makes the node known.
     *
     * @throws IllegalArgumentException if an argument is null, or {@code at} is before this node's last heartbeat
     */
    public void heartbeat(String node, Instant at) {
        Require.nonNull(node, "node");
        Require.nonNull(at, "at");
        Instant last = lastHeartbeat.get(node);
        if (last != null && at.isBefore(last)) {
            // Spelled out rather than Require.argument: the message is built only when it is needed, and a
            // controller calls this for every node on every tick.
            throw new IllegalArgumentException("A heartbeat of " + node + " at " + at + " is before its last one at "
                    + last);
        }
        lastHeartbeat.put(node, at);
    }

    /** The node is gone from the cluster. @throws IllegalArgumentException if it is unknown */
    public void remove(String node) {
        last(node);
        lastHeartbeat.remove(node);
    }

    /** The known nodes, in the order of their first heartbeat. */
    public List<String> nodes() {
        return new ArrayList<>(lastHeartbeat.keySet());
    }

    /**
     * The node's Ready condition at {@code now}.
     *
     * @throws IllegalArgumentException if an argument is null, the node is unknown, or {@code now} is before its
     *     last heartbeat
     */
    public NodeCondition condition(String node, Instant now) {
        Duration silent = silence(node, now);
        return silent.compareTo(gracePeriod) > 0 ? NodeCondition.UNKNOWN : NodeCondition.READY;
    }

    /** The node's taints at {@code now}: {@value #UNREACHABLE} or none. @throws IllegalArgumentException as condition */
    public List<String> taints(String node, Instant now) {
        return condition(node, now) == NodeCondition.UNKNOWN ? List.of(UNREACHABLE) : List.of();
    }

    /**
     * Whether the node's pods are to be evicted at {@code now}.
     *
     * @throws IllegalArgumentException as {@link #condition}
     */
    public boolean evict(String node, Instant now) {
        return silence(node, now).compareTo(gracePeriod.plus(toleration)) > 0;
    }

    private Duration silence(String node, Instant now) {
        Instant last = last(node);
        Require.nonNull(now, "now");
        if (now.isBefore(last)) {
            throw new IllegalArgumentException("now (" + now + ") is before the last heartbeat of " + node + " ("
                    + last + ")");
        }
        return Duration.between(last, now);
    }

    private Instant last(String node) {
        Require.nonNull(node, "node");
        Instant last = lastHeartbeat.get(node);
        if (last == null) {
            throw new IllegalArgumentException("No node named " + node + " has sent a heartbeat");
        }
        return last;
    }
}
