package k8snet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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

import k8snet.proxy.Conntrack;

/**
 * Diagnostic, not a row of the report: the memory floor under {@link ConntrackLookupBenchmark}. The setup builds
 * the same table of {@link #flows} flows, measures the heap it takes (live heap after full collections, with and
 * without it), drops it, and allocates a plain {@code long[]} of the same size in its place. Each operation then
 * reads the same probe tuples in the same order as {@code lookup}, hashes the tuple as the table does, and reads
 * memory at that place:
 *
 * <ul>
 *   <li>{@link #oneRead}: one random read, what any table of this size must pay at least once a lookup. One
 *       operation does not wait for the one before, so the processor overlaps the misses of several (a tight
 *       loop: the floor of throughput).</li>
 *   <li>{@link #oneReadInTurn}: the same read, but its place also depends on the value the operation before read
 *       (a term that is always zero, which the compiler cannot know), so each miss is paid in full: the latency
 *       of memory. A lookup does hundreds of instructions besides its reads, too many for the processor to reach
 *       the next lookup's reads while it waits, so this is the floor of a lookup.</li>
 *   <li>{@link #twoReadsInTurn}: a read whose value says where the second read is, as a slot of a table says
 *       where its entry is (a hit in {@code TupleTable}: the slot, then the entry that holds the key), in turn.</li>
 * </ul>
 *
 * With {@code footprint=keys} the array is only as large as the flows' keys packed without a gap: the floor of
 * every possible layout, not only of the reference's.
 *
 * Diagnostic settings: 3 warm-up and 5 measured iterations of 1 s, enough for a floor.
 *
 * The difference between sizes is what the memory itself costs, whatever the table does; the rest of
 * {@code lookup}'s difference is the table's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class ConntrackFloorBenchmark {

    /** How many flows the table whose footprint is copied holds. */
    @Param({"1000", "1000000"})
    public int flows;

    /**
     * How large the array is: {@code table}, the weighed reference table; {@code keys}, the least that any table
     * of these flows could take, {@link #KEY_BYTES} a flow and not one slot empty. A flow's key is its original
     * tuple, which kube-proxy's conntrack looks up: two IPv4 addresses, two ports and the protocol, 98 bits at
     * least (kernel {@code include/net/netfilter/nf_conntrack_tuple.h} keeps more). No layout of the table, in
     * any language, reads less for a hit than one place in an array this large, whose key it must compare.
     */
    @Param({"table", "keys"})
    public String footprint;

    /** Bytes a flow at least: 32 + 16 + 32 + 16 bits of addresses and ports and 2 of protocol, rounded up. */
    static final int KEY_BYTES = 13;

    private long[] memory;
    private int[] probeClients;
    private int[] probePorts;
    private int[] probeServices;
    private int next;
    private long last;

    /**
     * The size {@link #footprint} names (the table built and weighed, or the keys), then an array that large, each
     * long holding a random index into it.
     */
    @Setup(Level.Trial)
    public void setUp() {
        long bytes;
        if (footprint.equals("keys")) {
            bytes = (long) flows * KEY_BYTES;
            System.out.printf("%n# keys of %,d flows: %,d bytes (%.1f MiB), %d bytes a flow%n", flows, bytes,
                    bytes / (1024.0 * 1024), KEY_BYTES);
        } else if (footprint.equals("table")) {
            bytes = weighTable();
        } else {
            throw new IllegalArgumentException("footprint is table or keys, not " + footprint);
        }
        memory = new long[(int) (bytes / Long.BYTES)];
        SplittableRandom random = new SplittableRandom(ScaleCluster.SEED);
        for (int i = 0; i < memory.length; i++) {
            memory[i] = random.nextInt(memory.length);
        }
        probeClients = new int[ConntrackLookupBenchmark.PROBES];
        probePorts = new int[ConntrackLookupBenchmark.PROBES];
        probeServices = new int[ConntrackLookupBenchmark.PROBES];
        ConntrackLookupBenchmark.probes(flows, probeClients, probePorts, probeServices);
    }

    /** Builds the reference table of {@link #flows} flows and returns the bytes it holds live. */
    private long weighTable() {
        long before = liveHeap();
        Conntrack table = ConntrackLookupBenchmark.table(flows);
        long after = liveHeap();
        if (table.size() != flows) {
            throw new IllegalStateException("The table holds " + table.size() + " flows, not " + flows);
        }
        table = null;
        long bytes = after - before;
        if (bytes < 8) {
            throw new IllegalStateException("Could not weigh the table: " + before + " then " + after + " bytes");
        }
        System.out.printf("%n# table of %,d flows: %,d bytes live (%.1f MiB), %,d bytes a flow%n", flows, bytes,
                bytes / (1024.0 * 1024), bytes / flows);
        liveHeap();
        return bytes;
    }

    /** One random read of memory the table's size, at the place the probe's tuple hashes to. */
    @Benchmark
    public long oneRead() {
        return memory[place()];
    }

    /** {@link #oneRead}, after the operation before it has read its value. */
    @Benchmark
    public long oneReadInTurn() {
        last = memory[place() ^ (int) (last >>> 40)];   // a value is below 2^31: the term is 0, but it must wait
        return last;
    }

    /** Two reads, the second at the place the first one's value names, after the operation before has read. */
    @Benchmark
    public long twoReadsInTurn() {
        last = memory[(int) memory[place() ^ (int) (last >>> 40)]];
        return last;
    }

    /** The next probe's original tuple, packed as the reference Conntrack packs it, hashed into the array. */
    private int place() {
        int i = next;
        next = (next + 1) & (ConntrackLookupBenchmark.PROBES - 1);
        long source = ((probeClients[i] & 0xFFFF_FFFFL) << 16 | probePorts[i]) << 1;   // TCP: protocol bit 0
        long destination = (probeServices[i] & 0xFFFF_FFFFL) << 16 | 80;
        long h = (source * 0x9E37_79B9_7F4A_7C15L) ^ destination;
        h *= 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (((h ^ (h >>> 32)) & 0xFFFF_FFFFL) * memory.length >>> 32);
    }

    /** The heap in use after full collections. */
    private static long liveHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
