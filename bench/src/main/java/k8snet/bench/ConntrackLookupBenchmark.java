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
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class ConntrackLookupBenchmark {

    private static final int PROBES = 1 << 20;   // spread over the whole table, not a cached few
    private static final int PORTS = 16_384;

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
        conntrack = new Conntrack(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        int pods = Ipv4Address.parse("10.128.0.2").toInt();
        int services = Ipv4Address.parse("10.96.0.10").toInt();
        for (int i = 0; i < flows; i++) {
            conntrack.track(packet(pods + i / PORTS, 49_152 + i % PORTS, services + i % 10_000),
                    new SocketAddress(Ipv4Address.fromInt(pods + 1_000_000 + i % 150_000), Port.of(8080)));
        }
        SplittableRandom random = new SplittableRandom(ScaleCluster.SEED);
        probeClients = new int[PROBES];
        probePorts = new int[PROBES];
        probeServices = new int[PROBES];
        for (int i = 0; i < PROBES; i++) {
            int flow = random.nextInt(flows);
            probeClients[i] = pods + flow / PORTS;
            probePorts[i] = 49_152 + flow % PORTS;
            probeServices[i] = services + flow % 10_000;
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
