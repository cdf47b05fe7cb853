package k8snet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Live heap of the cluster at Kubernetes' limits: builds {@link ScaleCluster} in this JVM, asks for a full
 * garbage collection five times ({@link System#gc()}, 100 ms apart) and reads the heap in use from the
 * {@link MemoryMXBean}; then lets every node's agent write its routes and measures again. It also times the
 * build once, by the wall clock and by this thread's CPU time (a busy machine slows the first, not the second).
 * Prints {@code key=value} lines for {@link ScaleReport}.
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    /** Runs the probe; no arguments. */
    public static void main(String[] args) throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wall = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        ScaleCluster cluster = ScaleCluster.build(InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        System.out.println("build.wall.ms=" + (System.nanoTime() - wall) / 1_000_000);
        System.out.println("build.cpu.ms=" + (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000);
        System.out.println("heap.built.bytes=" + liveHeap());
        wall = System.nanoTime();
        cpu = threads.getCurrentThreadCpuTime();
        cluster.bringUpEveryNode();
        System.out.println("bringup.wall.ms=" + (System.nanoTime() - wall) / 1_000_000);
        System.out.println("bringup.cpu.ms=" + (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000);
        System.out.println("heap.routes.bytes=" + liveHeap());
        System.out.println("cluster.nodes=" + cluster.nodes().size());
        System.out.println("cluster.pods=" + cluster.pods().size());
        System.out.println("cluster.services=" + cluster.services().size());
        long routes = 0;
        for (var node : cluster.nodes()) {
            routes += node.root().routes().size();
        }
        System.out.println("cluster.routes=" + routes);
        System.out.println("java.version=" + System.getProperty("java.version"));
        System.out.println("java.vm=" + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        System.out.println("cpus=" + Runtime.getRuntime().availableProcessors());
        System.out.println("max.heap.bytes=" + Runtime.getRuntime().maxMemory());
        if (cluster.net().services().size() != ScaleCluster.SERVICES) {
            throw new IllegalStateException("lost Services");
        }
    }

    /** Heap in use after five full collections. */
    private static long liveHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
