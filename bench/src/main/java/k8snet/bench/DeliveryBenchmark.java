package k8snet.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import k8snet.net.Delivery;
import k8snet.sim.ManualClock;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.transport.Protocol;

/**
 * End-to-end deliveries per second on one thread, in the cluster at Kubernetes' limits: a pod sends to a
 * Service's ClusterIP, its node's kube-proxy picks one of the 15 endpoints, and the packet crosses the node
 * network to a pod on another node, which accepts it. Every delivery carries its full trace (16 typed hops for a
 * first packet once ARP has answered, 14 for an established one; 18 while ARP still asks), each with its headers
 * and what it needs to say its decision in words, which the trace writes only when it is read; nothing is read.
 *
 * <p>{@link #firstPacket} sends the first packet of a new connection each time (a fresh ephemeral port): the
 * Service lookup, the balancer's pick, DNAT and a new conntrack entry. The 1,024 client/Service pairs
 * ({@link #pairs}) take turns;
 * the model's clock moves 1 ms per packet and TCP flows expire after 10 s idle, so by the time the 16,384
 * ephemeral ports come round again the old flow has gone and the packet is a first packet again (as a client
 * reusing a port after its conntrack entry expired). {@link #establishedFlow} sends the next packet of 1,024
 * established connections: conntrack's entry decides, no Service lookup.
 *
 * <p>The setup builds the cluster, writes every node's routes and opens 32 connections per pair (filling ARP caches
 * and bridge tables as any running cluster has them), and checks that each of those deliveries went pod, DNAT, to
 * a pod on another node.
 *
 * <p>A diagnostic, not a target: with a few pairs ({@code -p pairs=8}, see {@link ScaleReport}) the tables those
 * pairs touch stay in the CPU's caches, so the difference to 1,024 pairs spread over 5,000 nodes is what cold
 * memory costs a packet.
 *
 * <p>Ten measured iterations of 1 s rather than four of 2 s: JMH's 99.9% error is Student's t times the standard
 * error, and t is 12.9 for 4 iterations, 4.8 for 10 (see {@link ConntrackLookupBenchmark}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
@Threads(1)
@State(Scope.Benchmark)
public class DeliveryBenchmark {

    /** How many client/Service pairs take turns: a power of two up to 16,384, so that it divides the ephemeral ports. */
    @Param({"1024"})
    public int pairs;
    private static final Duration STEP = Duration.ofMillis(1);
    private static final String PAYLOAD = "GET /";
    /** Connections per pair the setup opens, so that most endpoints have been reached once before measuring. */
    private static final int WARM_ROUNDS = 32;

    private final ManualClock clock = new ManualClock();
    private ScaleCluster cluster;
    private List<ScaleCluster.Flow> flows;
    private Delivery[] established;
    private int next;

    /** The cluster, its routes, one packet per pair, and the check that each was delivered across nodes. */
    @Setup(Level.Trial)
    public void setUp() {
        if (pairs < 1 || pairs > 16_384 || Integer.bitCount(pairs) != 1) {
            throw new IllegalArgumentException("pairs must be a power of two from 1 to 16384, got " + pairs);
        }
        cluster = ScaleCluster.build(clock, Duration.ofSeconds(10));
        cluster.bringUpEveryNode();
        flows = cluster.flows(pairs);
        established = new Delivery[pairs];
        for (int i = 0; i < pairs; i++) {
            ScaleCluster.Flow flow = flows.get(i);
            Delivery d = cluster.net().send(flow.client(), Protocol.TCP, flow.destination(), PAYLOAD);
            established[i] = check(flow, d);
        }
        for (int round = 1; round < WARM_ROUNDS; round++) {
            for (ScaleCluster.Flow flow : flows) {
                clock.advance(STEP);
                check(flow, cluster.net().send(flow.client(), Protocol.TCP, flow.destination(), PAYLOAD));
            }
        }
    }

    /** The first packet of a new connection: pod, ClusterIP, DNAT, pod on another node. */
    @Benchmark
    public Delivery firstPacket() {
        ScaleCluster.Flow flow = flows.get(next);
        next = (next + 1) & (pairs - 1);
        clock.advance(STEP);
        return cluster.net().send(flow.client(), Protocol.TCP, flow.destination(), PAYLOAD);
    }

    /** The next packet of an established connection, which conntrack translates. */
    @Benchmark
    public Delivery establishedFlow() {
        Delivery earlier = established[next];
        next = (next + 1) & (pairs - 1);
        return cluster.net().sendAgain(earlier, PAYLOAD);
    }

    /** Fails the run unless {@code d} was delivered, translated, to a pod on another node than the client's. */
    static Delivery check(ScaleCluster.Flow flow, Delivery d) {
        if (!(d instanceof Delivery.Delivered)) {
            throw new IllegalStateException("Not delivered: " + flow + "\n" + d.trace().render());
        }
        Hop last = d.trace().last();
        boolean translated = d.trace().hops().stream().anyMatch(h -> h.action() == Action.DNAT);
        if (!translated || last.place().host().equals(flow.client().node().name())) {
            throw new IllegalStateException("Not pod -> ClusterIP -> pod on another node: " + flow + "\n"
                    + d.trace().render());
        }
        return d;
    }
}
