package k8snet.bench;

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
import k8snet.ipam.Cidr;
import k8snet.link.MacAddress;
import k8snet.routing.HostGwAgent;
import k8snet.routing.NodeLease;
import k8snet.routing.Route;
import k8snet.routing.RouteTable;

/**
 * The cost of a longest-prefix route lookup (module 2's {@link RouteTable}, reference solution) in the table of
 * one node of a cluster of 10, 1,000 and 5,000 nodes: its connected routes ({@code eth0}'s node subnet,
 * {@code cni0}'s pod CIDR), its default route, and the host-gw route to every other node's pod CIDR, written by
 * the reference {@link HostGwAgent} as {@code ScaleCluster}'s layout gives them. Each lookup is for a pod address
 * on another node, chosen at random (fixed seed).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RouteLookupBenchmark {

    private static final int PROBES = 1 << 16;

    /** How many nodes the cluster has: the table holds a route to each other node's pods. */
    @Param({"10", "1000", "5000"})
    public int nodes;

    private RouteTable table;
    private Ipv4Address[] probes;
    private int next;

    /** Node 0's table, and the pod addresses to look up. */
    @Setup(Level.Trial)
    public void setUp() {
        Cidr subnet = Cidr.parse("172.16.0.0/19");
        Cidr clusterCidr = Cidr.parse("10.128.0.0/11");
        table = new RouteTable();
        table.add(Route.connected(subnet, "eth0"));
        table.add(Route.connected(clusterCidr.subnet(24, 0), "cni0"));
        table.add(Route.via(Cidr.parse("0.0.0.0/0"), subnet.lastUsable(), "eth0", Route.Origin.STATIC));
        HostGwAgent agent = new HostGwAgent("node-0", subnet, "eth0", table);
        for (int i = 1; i < nodes; i++) {
            Ipv4Address ip = Ipv4Address.fromInt(subnet.network().toInt() + i + 1);
            agent.nodeJoined(new NodeLease("node-" + i, ip, subnet, clusterCidr.subnet(24, i),
                    MacAddress.forAddress(ip)));
        }
        SplittableRandom random = new SplittableRandom(ScaleCluster.SEED);
        probes = new Ipv4Address[PROBES];
        for (int i = 0; i < PROBES; i++) {
            Cidr block = clusterCidr.subnet(24, 1 + random.nextInt(nodes - 1));
            probes[i] = block.address(2 + random.nextInt(30));
        }
    }

    /** The most specific route to a pod on another node. */
    @Benchmark
    public Optional<Route> lookup() {
        Ipv4Address dst = probes[next];
        next = (next + 1) & (PROBES - 1);
        return table.lookup(dst);
    }
}
