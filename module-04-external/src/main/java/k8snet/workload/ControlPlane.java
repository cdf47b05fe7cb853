package k8snet.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import k8snet.Require;
import k8snet.cluster.Node;
import k8snet.cluster.Pod;
import k8snet.endpoints.PodState;
import k8snet.external.Cluster;
import k8snet.service.ServiceNetwork;
import k8snet.sim.ManualClock;
import k8snet.transport.Protocol;

/**
 * The control plane of a {@link Cluster}: the loops that keep the cluster as it was asked to be while time passes
 * on a {@link ManualClock}. It ties together the exercises of this package:
 * <ul>
 *   <li>{@link #deploy} and {@link #scale} hand a {@link Workload} to a {@link ReplicaSetController} (4.5), whose
 *       new pods the {@link Scheduler} (4.5) binds to nodes, spreading replicas; each pod gets its address from its
 *       node's block and starts its application, and module 3's endpoints controller and module 4's cluster DNS
 *       follow by themselves;</li>
 *   <li>{@link #cordon} marks a node unschedulable, as {@code kubectl cordon} does;</li>
 *   <li>{@link #crash} switches a node off: the network loses every frame to it at once, load balancers' health
 *       checks fail, and its kubelet stops sending heartbeats;</li>
 *   <li>{@link #advance} lets time pass, one node-monitor period ({@value #MONITOR_PERIOD_SECONDS} s) at a time.
 *       Each period, live kubelets send heartbeats, the {@link NodeLifecycle} controller (4.6) judges every node:
 *       a node silent for longer than the grace period gets its pods marked not ready (so endpoints drop them)
 *       and is tainted (so the scheduler avoids it); after the toleration its pods are evicted: they are marked
 *       terminating and stay so, since the dead kubelet cannot confirm; then every ReplicaSet syncs, and
 *       replacements with new names and new addresses start on live nodes.</li>
 * </ul>
 * Every step is written to {@link #events()}, with the time since the control plane started.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * Cluster cluster = Cluster.builder().services(ServiceNetwork.builder().clock(clock)).build();
 * ControlPlane cp = new ControlPlane(cluster, clock, 1);
 * cp.addNode("node-1", "192.168.1.11/24");
 * cp.deploy(new Workload("api", 3, Labels.of("app", "api"), Map.of("http", Port.of(8080)), "api-server"));
 * cp.crash("node-1");
 * cp.advance(Duration.ofMinutes(6));      // NotReady after 50 s, evicted after 350 s, replaced
 * }</pre>
 */
public final class ControlPlane {

    /** kube-controller-manager's {@code --node-monitor-period}: how often node health is judged. */
    public static final int MONITOR_PERIOD_SECONDS = 5;

    private static final Duration PERIOD = Duration.ofSeconds(MONITOR_PERIOD_SECONDS);

    private final Cluster cluster;
    private final ServiceNetwork services;
    private final ManualClock clock;
    private final Instant start;
    private final Scheduler scheduler;
    private final Duration gracePeriod;
    private final Duration toleration;
    /** Every node's last heartbeat, kept here too: the lifecycle controller is made when a node first crashes. */
    private final Map<String, Instant> heartbeats = new LinkedHashMap<>();
    private NodeLifecycle lifecycle;
    private final long seed;
    private final Map<String, ReplicaSetController> replicaSets = new LinkedHashMap<>();
    private final Map<String, Workload> workloads = new LinkedHashMap<>();
    private final Map<String, String> workloadOf = new HashMap<>();
    private final Map<String, Instant> created = new HashMap<>();
    private final Set<String> crashed = new HashSet<>();
    private final Set<String> cordoned = new HashSet<>();
    private final Set<String> judgedUnknown = new HashSet<>();
    private final Set<String> evictedNodes = new HashSet<>();
    private final Map<String, String> pending = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();

    /**
     * A control plane with the default grace period (50 s) and toleration (300 s).
     *
     * @param clock the clock the cluster's {@link ServiceNetwork} was built with (its conntrack ages on it too)
     * @param seed seeds the scheduler's ties and the ReplicaSets' pod names
     * @throws IllegalArgumentException if an argument is null or the cluster runs on another clock
     */
    public ControlPlane(Cluster cluster, ManualClock clock, long seed) {
        this(cluster, clock, seed, NodeLifecycle.DEFAULT_GRACE_PERIOD, NodeLifecycle.DEFAULT_TOLERATION);
    }

    /**
     * A control plane with its own grace period and toleration.
     *
     * @throws IllegalArgumentException as {@link #ControlPlane(Cluster, ManualClock, long)}, or as
     *     {@link NodeLifecycle#NodeLifecycle(Duration, Duration)}
     */
    public ControlPlane(Cluster cluster, ManualClock clock, long seed, Duration gracePeriod, Duration toleration) {
        this.cluster = Require.nonNull(cluster, "cluster");
        this.clock = Require.nonNull(clock, "clock");
        Require.argument(cluster.services().clock() == clock, "The cluster must run on the control plane's clock: "
                + "build it with ServiceNetwork.builder().clock(clock)");
        this.services = cluster.services();
        this.start = clock.instant();
        this.seed = seed;
        this.scheduler = new Scheduler(new Random(seed * 31 + 7));
        Require.nonNull(gracePeriod, "gracePeriod");
        Require.nonNull(toleration, "toleration");
        Require.argument(gracePeriod.compareTo(Duration.ZERO) > 0, "The grace period must be positive: " + gracePeriod);
        Require.argument(!toleration.isNegative(), "The toleration cannot be negative: " + toleration);
        this.gracePeriod = gracePeriod;
        this.toleration = toleration;
    }

    /** The cluster it controls. */
    public Cluster cluster() {
        return cluster;
    }

    /**
     * Its node lifecycle controller (exercise 4.6). It is made when a node first crashes (or when this method is
     * first called), and told every node's last heartbeat then: until a node goes silent every node is ready and
     * untainted by definition, so a cluster without crashes runs while exercise 4.6 is still a stub.
     */
    public NodeLifecycle lifecycle() {
        return startLifecycle();
    }

    private void heartbeat(String node, Instant at) {
        heartbeats.put(node, at);
        if (lifecycle != null) {
            lifecycle.heartbeat(node, at);
        }
    }

    private NodeLifecycle startLifecycle() {
        if (lifecycle == null) {
            lifecycle = new NodeLifecycle(gracePeriod, toleration);
            heartbeats.forEach(lifecycle::heartbeat);
        }
        return lifecycle;
    }

    private List<String> taints(String node, Instant now) {
        return lifecycle == null ? List.of() : lifecycle.taints(node, now);
    }

    /**
     * A node joins (as {@link ServiceNetwork#addNode}) and sends its first heartbeat; pods waiting for a node are
     * scheduled.
     *
     * @throws IllegalArgumentException as {@link ServiceNetwork#addNode}
     */
    public Node addNode(String name, String address) {
        Node node = services.addNode(name, address);
        heartbeat(name, clock.instant());
        event(name + " joined (" + node.ip() + ", pods " + node.podCidr() + ")");
        syncAll();
        return node;
    }

    /**
     * Starts keeping {@code workload} running: its ReplicaSet creates the pods and the scheduler binds them.
     *
     * @throws IllegalArgumentException if {@code workload} is null or its name is taken
     */
    public void deploy(Workload workload) {
        Require.nonNull(workload, "workload");
        Require.argument(!replicaSets.containsKey(workload.name()), "A workload named " + workload.name()
                + " exists already");
        ReplicaSetController rs = new ReplicaSetController(workload.name(), workload.replicas(),
                new Random(seed * 1_000_003L + workload.name().hashCode()));
        replicaSets.put(workload.name(), rs);
        workloads.put(workload.name(), workload);
        sync(workload.name());
    }

    /**
     * Changes how many replicas a workload wants, and syncs it.
     *
     * @throws IllegalArgumentException if there is no such workload or {@code replicas} is negative
     */
    public void scale(String workload, int replicas) {
        replicaSet(workload).scale(replicas);
        sync(workload);
    }

    /** The pods of a workload that are not terminating, in the order they were created. */
    public List<Pod> pods(String workload) {
        replicaSet(workload);
        return services.network().pods().stream()
                .filter(p -> workload.equals(workloadOf.get(p.name())) && !services.state(p.name()).terminating())
                .toList();
    }

    /** Why the last pod of a workload that could not be placed is pending: the scheduler's message, if any. */
    public Optional<String> pendingReason(String workload) {
        replicaSet(workload);
        return Optional.ofNullable(pending.get(workload));
    }

    /**
     * A node crashes: from now on frames to it are lost, load balancers see it down, and its kubelet is silent.
     * The control plane notices only as time passes ({@link #advance}).
     *
     * @throws IllegalArgumentException if there is no such node
     */
    public void crash(String node) {
        Require.argument(!services.network().isNodeDown(node), node + " is down already");
        services.network().setNodeDown(node, true);
        cluster.setNodeUp(node, false);
        crashed.add(node);
        startLifecycle();
        event(node + " crashed");
    }

    /**
     * Marks a node unschedulable ({@code kubectl cordon}) or schedulable again: the scheduler places no new pod
     * there; the pods it runs stay.
     *
     * @throws IllegalArgumentException if there is no such node
     */
    public void cordon(String node, boolean on) {
        services.network().node(node);
        if (on) {
            cordoned.add(node);
        } else {
            cordoned.remove(node);
        }
        event(node + (on ? " cordoned" : " uncordoned"));
        syncAll();
    }

    /**
     * A crashed node boots again: it is reachable, its kubelet sends a heartbeat, and finishes deleting the pods
     * that were evicted while it was away.
     *
     * @throws IllegalArgumentException if there is no such node or it has not crashed
     */
    public void recover(String node) {
        Require.argument(crashed.contains(node), node + " has not crashed");
        services.network().setNodeDown(node, false);
        cluster.setNodeUp(node, true);
        crashed.remove(node);
        heartbeat(node, clock.instant());
        judgedUnknown.remove(node);
        evictedNodes.remove(node);
        for (Pod pod : List.copyOf(services.network().node(node).pods())) {
            if (services.state(pod.name()).terminating()) {
                services.removePod(pod.name());
                forget(pod.name());
            } else {
                services.setReady(pod.name(), true);
            }
        }
        event(node + " is back: Ready");
        syncAll();
    }

    /**
     * Lets time pass in steps of the node-monitor period; each step runs the loops of the class doc.
     *
     * @throws IllegalArgumentException if {@code time} is null or negative
     */
    public void advance(Duration time) {
        advance(clock, time, this::tick);
    }

    /**
     * Moves {@code clock} on by {@code time} in steps of the node-monitor period (the last step may be shorter)
     * and runs {@code tick} after each step: the loop behind {@link #advance(Duration)}, for several control
     * planes on one clock (module 4's world).
     *
     * @throws IllegalArgumentException if an argument is null or {@code time} is negative
     */
    public static void advance(ManualClock clock, Duration time, Runnable tick) {
        Require.nonNull(clock, "clock");
        Require.nonNull(time, "time");
        Require.nonNull(tick, "tick");
        Require.argument(!time.isNegative(), "Time cannot go back: " + time);
        Duration left = time;
        while (!left.isZero()) {
            Duration step = left.compareTo(PERIOD) < 0 ? left : PERIOD;
            clock.advance(step);
            left = left.minus(step);
            tick.run();
        }
    }

    /** What happened, in order, each line starting with the time since the control plane started. */
    public List<String> events() {
        return List.copyOf(events);
    }

    /**
     * Runs the loops of the class doc once, at the clock's current time, without moving the clock: for several
     * control planes that share one clock (module 4's world), whose owner moves the clock and then ticks each.
     */
    public void tick() {
        Instant now = clock.instant();
        for (Node node : services.network().nodes()) {
            String name = node.name();
            if (!crashed.contains(name)) {
                heartbeat(name, now);
            }
            if (lifecycle == null) {
                continue;
            }
            NodeCondition condition = lifecycle.condition(name, now);
            if (condition == NodeCondition.UNKNOWN && judgedUnknown.add(name)) {
                event(name + " NotReady (Ready=Unknown): no heartbeat for longer than the grace period; tainted "
                        + String.join(", ", taints(name, now)) + "; its pods are marked not ready");
                for (Pod pod : node.pods()) {
                    services.setReady(pod.name(), false);
                }
            }
            if (lifecycle.evict(name, now) && evictedNodes.add(name)) {
                List<String> names = node.pods().stream().map(Pod::name).toList();
                for (String pod : names) {
                    services.terminate(pod);
                }
                event(name + ": toleration of " + NodeLifecycle.UNREACHABLE + " over, evicting " + names);
            }
        }
        syncAll();
    }

    private void syncAll() {
        for (String workload : replicaSets.keySet()) {
            sync(workload);
        }
    }

    private void sync(String workload) {
        ReplicaSetController rs = replicaSets.get(workload);
        Workload spec = workloads.get(workload);
        List<ReplicaPod> mine = new ArrayList<>();
        for (Pod pod : services.network().pods()) {
            if (workload.equals(workloadOf.get(pod.name()))) {
                PodState state = services.state(pod.name());
                mine.add(new ReplicaPod(pod.name(), Optional.of(pod.node().name()), state.ready(),
                        state.terminating(), created.get(pod.name())));
            }
        }
        ReplicaPlan plan = rs.reconcile(mine);
        if (plan == null) {
            throw new IllegalStateException("ReplicaSetController.reconcile returned null");
        }
        String wasPending = pending.remove(workload);
        for (String name : plan.create()) {
            Placement placement = scheduler.schedule(nodeInfos(workload));
            if (placement == null) {
                throw new IllegalStateException("Scheduler.schedule returned null");
            }
            if (placement instanceof Placement.Unschedulable u) {
                pending.put(workload, u.message());
                if (!u.message().equals(wasPending)) {
                    event(workload + ": a new pod FailedScheduling: " + u.message());
                }
                break;
            }
            String nodeName = ((Placement.Bound) placement).node();
            Node node = services.network().node(nodeName);
            Pod pod = services.addPod(name, node, spec.labels(), spec.containerPorts());
            spec.containerPorts().values().stream().distinct().sorted(Comparator.comparingInt(p -> p.number()))
                    .forEach(port -> pod.listen(spec.application(), Protocol.TCP, port));
            workloadOf.put(name, workload);
            created.put(name, clock.instant());
            event(workload + ": created " + name + ", scheduled to " + nodeName + ", address " + pod.ip());
        }
        for (String name : plan.delete()) {
            Require.argument(workload.equals(workloadOf.get(name)), "ReplicaSetController " + workload
                    + " deletes a pod that is not its own: " + name);
            services.removePod(name);
            forget(name);
            event(workload + ": deleted " + name);
        }
    }

    private List<NodeInfo> nodeInfos(String workload) {
        Instant now = clock.instant();
        List<NodeInfo> out = new ArrayList<>();
        for (Node node : services.network().nodes()) {
            int matching = 0;
            for (Pod pod : node.pods()) {
                if (workload.equals(workloadOf.get(pod.name())) && !services.state(pod.name()).terminating()) {
                    matching++;
                }
            }
            out.add(new NodeInfo(node.name(), cordoned.contains(node.name()), taints(node.name(), now), node.ipam().maxPods(),
                    node.pods().size(), matching));
        }
        return out;
    }

    private void forget(String pod) {
        workloadOf.remove(pod);
        created.remove(pod);
    }

    private ReplicaSetController replicaSet(String workload) {
        Require.nonNull(workload, "workload");
        ReplicaSetController rs = replicaSets.get(workload);
        Require.argument(rs != null, "No workload named " + workload);
        return rs;
    }

    private void event(String what) {
        events.add("+" + Duration.between(start, clock.instant()).toSeconds() + "s " + what);
    }
}
