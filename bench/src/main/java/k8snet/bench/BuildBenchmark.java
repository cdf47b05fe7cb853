package k8snet.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long building the cluster at Kubernetes' limits takes ({@link ScaleCluster}: 5,000 nodes, 10,000 Services,
 * 150,000 pods, each pod listening), one build per measured iteration (JMH's single-shot mode, so the time
 * includes whatever garbage collection the build causes).
 *
 * <p>{@link #build} is the cluster as its API leaves it: every node's route agent acts on the lease log when the
 * node is next used. {@link #buildAndBringUpEveryNode} also makes every agent act at once, so that all 5,000
 * nodes hold their 4,999 host-gw routes: 25 million routes.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class BuildBenchmark {

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    /** The cluster, built. */
    @Benchmark
    public ScaleCluster build() {
        return ScaleCluster.build(CLOCK);
    }

    /** The cluster, built, and every node's routes written. */
    @Benchmark
    public ScaleCluster buildAndBringUpEveryNode() {
        ScaleCluster cluster = ScaleCluster.build(CLOCK);
        cluster.bringUpEveryNode();
        return cluster;
    }
}
