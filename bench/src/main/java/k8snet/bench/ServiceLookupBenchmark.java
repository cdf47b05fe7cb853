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
import k8snet.service.ClusterIpAllocator;
import k8snet.transport.Protocol;

/**
 * The cost of finding a packet's Service among 100, 1,000 and 10,000: kube-proxy's iptables mode walks a chain
 * of one rule per Service port ({@link IptablesServiceChain}), its nftables mode looks the destination up in one
 * verdict map ({@link NftablesServiceMap}). ClusterIPs come from the reference {@link ClusterIpAllocator} in
 * the default range; each Service has one port, TCP 80; each lookup is for a Service chosen at random (fixed
 * seed), so the chain is walked halfway on average.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ServiceLookupBenchmark {

    private static final int PROBES = 1 << 16;

    /** How many Services the proxy has. */
    @Param({"100", "1000", "10000"})
    public int services;

    private IptablesServiceChain chain;
    private NftablesServiceMap map;
    private Ipv4Address[] probes;
    private int next;

    /** Both tables with the same Services, and the destinations to look up. */
    @Setup(Level.Trial)
    public void setUp() {
        ClusterIpAllocator allocator = ClusterIpAllocator.defaults();
        Ipv4Address[] ips = new Ipv4Address[services];
        chain = new IptablesServiceChain();
        map = new NftablesServiceMap();
        for (int k = 0; k < services; k++) {
            ips[k] = allocator.allocate("svc-" + k);
            String target = "KUBE-SVC-" + k;
            chain.append(ips[k], Protocol.TCP, 80, target);
            map.put(ips[k], Protocol.TCP, 80, target);
        }
        SplittableRandom random = new SplittableRandom(ScaleCluster.SEED);
        probes = new Ipv4Address[PROBES];
        for (int i = 0; i < PROBES; i++) {
            probes[i] = ips[random.nextInt(services)];
        }
    }

    /** iptables mode: the KUBE-SERVICES chain, rule by rule. */
    @Benchmark
    public Optional<String> iptablesChain() {
        Ipv4Address dst = probes[next];
        next = (next + 1) & (PROBES - 1);
        return chain.lookup(dst, Protocol.TCP, 80);
    }

    /** nftables mode: one lookup in the service-ips verdict map. */
    @Benchmark
    public Optional<String> nftablesMap() {
        Ipv4Address dst = probes[next];
        next = (next + 1) & (PROBES - 1);
        return map.lookup(dst, Protocol.TCP, 80);
    }
}
