package k8snet.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

import k8snet.ip.Ipv4Address;
import k8snet.proxy.Conntrack;
import k8snet.proxy.FlowMatch;
import k8snet.trace.Headers;
import k8snet.transport.Port;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/**
 * The cost of finding a packet's flow in one node's connection-tracking table (module 3's {@link Conntrack},
 * reference solution) holding 1,000 and 1,000,000 TCP flows: pod clients (10.128.0.0/11, every ephemeral port)
 * to ClusterIPs on port 80, each sent to a backend pod on 8080. Each lookup is for a packet of a flow chosen at
 * random (fixed seed) over the whole table, in the original direction; the packet's headers are made afresh for
 * each lookup, as a packet that has just arrived, so that what is measured is the table and not the reading of a
 * million stored probes.
 *
 * <p>{@link #packetOnly} is a diagnostic, not a row of the report: the same probe read and packet made, with no
 * lookup. It is what every lookup above pays besides the table, and it pays the same at every size (the probes
 * are the same 2<sup>20</sup>, read in order), so the table's own cost is {@code lookup - packetOnly}.
 * {@link ConntrackFloorBenchmark} is the other diagnostic: what a random read of memory as large as the table
 * costs, for the same probes.
 *
 * <p>The settings are for a stable figure, not a fast run: JMH's 99.9% error is Student's t times the standard
 * error, and with 3 iterations t is 31.6 (with 10 it is 4.8), so 10 measured iterations of 1 s; 5 of warm-up,
 * because at 1,000 flows the JIT was still compiling in the third second; a fixed heap, touched in full before
 * the run ({@code -XX:+AlwaysPreTouch}), so no measured iteration pays for the kernel's first mapping of the
 * young generation's pages.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = ConntrackLookupBenchmark.WARMUPS, time = 1)
@Measurement(iterations = ConntrackLookupBenchmark.MEASUREMENTS, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class ConntrackLookupBenchmark {

    /** Warm-up and measured iterations of 1 s, here and in {@link ConntrackFloorBenchmark}. */
    static final int WARMUPS = 5;
    static final int MEASUREMENTS = 10;
    static final int PROBES = 1 << 20;   // spread over the whole table, not a cached few
    private static final int PORTS = 16_384;
    static final int PODS = Ipv4Address.parse("10.128.0.2").toInt();
    static final int SERVICES = Ipv4Address.parse("10.96.0.10").toInt();

    /** How many live flows the table holds. */
    @Param({"1000", "1000000"})
    public int flows;

    private Conntrack conntrack;
    private int[] probeClients;
    private int[] probePorts;
    private int[] probeServices;
    private int next;

    /** The table with its flows, and the packets to look up. */
    @Setup(Level.Trial)
    public void setUp() {
        conntrack = table(flows);
        probeClients = new int[PROBES];
        probePorts = new int[PROBES];
        probeServices = new int[PROBES];
        probes(flows, probeClients, probePorts, probeServices);
    }

    /** A table of {@code flows} TCP flows, each from its own pod client and port to one of 10,000 Services. */
    static Conntrack table(int flows) {
        Conntrack conntrack = new Conntrack(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        for (int i = 0; i < flows; i++) {
            conntrack.track(packet(PODS + i / PORTS, 49_152 + i % PORTS, SERVICES + i % 10_000),
                    new SocketAddress(Ipv4Address.fromInt(PODS + 1_000_000 + i % 150_000), Port.of(8080)));
        }
        return conntrack;
    }

    /** Fills the three arrays with the original tuples of flows of {@link #table} chosen at random (seed 42). */
    static void probes(int flows, int[] clients, int[] ports, int[] services) {
        SplittableRandom random = new SplittableRandom(ScaleCluster.SEED);
        for (int i = 0; i < clients.length; i++) {
            int flow = random.nextInt(flows);
            clients[i] = PODS + flow / PORTS;
            ports[i] = 49_152 + flow % PORTS;
            services[i] = SERVICES + flow % 10_000;
        }
    }

    /** The flow of a packet, in the original direction. */
    @Benchmark
    public Optional<FlowMatch> lookup() {
        int i = next;
        next = (next + 1) & (PROBES - 1);
        return conntrack.lookup(packet(probeClients[i], probePorts[i], probeServices[i]));
    }

    /** Diagnostic: the probe read and the packet made, as in {@link #lookup}, without the lookup. */
    @Benchmark
    public Headers packetOnly() {
        int i = next;
        next = (next + 1) & (PROBES - 1);
        return packet(probeClients[i], probePorts[i], probeServices[i]);
    }

    private static Headers packet(int client, int port, int service) {
        return Headers.of(Protocol.TCP, new SocketAddress(Ipv4Address.fromInt(client), Port.of(port)),
                new SocketAddress(Ipv4Address.fromInt(service), Port.of(80)));
    }
}
