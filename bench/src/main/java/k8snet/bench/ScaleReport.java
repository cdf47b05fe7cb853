package k8snet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The scale report: runs {@link HeapProbe} in a JVM of its own, then the JMH benchmarks of this package (each
 * forks its own JVMs, with the settings its annotations give and the heap in huge pages, {@link #HUGE_PAGES}; a
 * full collection runs between iterations), and writes what they measured against the targets to
 * {@code scale-report.md} (and JMH's own results to {@code jmh-result.json}) in the output directory.
 *
 * <pre>{@code
 * java -cp CLASSPATH k8snet.bench.ScaleReport bench/target            # everything
 * java -cp CLASSPATH k8snet.bench.ScaleReport bench/target Lookup     # only benchmarks whose name has "Lookup"
 * java -cp CLASSPATH k8snet.bench.ScaleReport bench/target "Delivery -p pairs=8 -prof gc"   # with JMH options
 * }</pre>
 *
 * The second argument is one string (Maven passes {@code -Dbench.args} as it is): a regular expression, then, after
 * white space, any of JMH's own command-line options, which apply where this class sets nothing itself.
 *
 * A missed target is reported, not an error: the exit code is 0 whenever every benchmark ran.
 */
public final class ScaleReport {

    private static final double GIB = 1024.0 * 1024 * 1024;
    private static final double MIB = 1024.0 * 1024;
    /**
     * Every fork's heap in 2 MiB pages where the kernel allows it (transparent huge pages, {@code madvise} or
     * {@code always}; without them the JVM warns and goes on with small pages). A host's conntrack, routes and
     * Service maps live in the kernel's memory, which Linux maps with huge pages, so a model of them should not
     * pay a page-table walk per 4 KiB that they do not pay. See bench/README.md.
     */
    static final String HUGE_PAGES = "-XX:+UseTransparentHugePages";

    private ScaleReport() {
    }

    /**
     * @param args the output directory, then optionally a regular expression that selects benchmarks, followed in the
     *     same argument by JMH options
     */
    public static void main(String[] args) throws IOException, InterruptedException, RunnerException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ScaleReport OUTPUT_DIRECTORY [BENCHMARK_REGEX]");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        String[] words = args.length > 1 && !args[1].isBlank() ? args[1].trim().split("\\s+") : new String[0];
        String filter = words.length > 0 && !words[0].startsWith("-") ? words[0] : "";
        String[] jmhOptions = Arrays.copyOfRange(words, filter.isEmpty() ? 0 : 1, words.length);
        Map<String, String> heap = filter.isEmpty() || Pattern.compile(filter).matcher("HeapProbe").find()
                ? heapProbe() : Map.of();
        CommandLineOptions given;
        try {
            given = new CommandLineOptions(jmhOptions);
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("Bad JMH options " + Arrays.toString(jmhOptions) + ": " + e.getMessage(),
                    e);
        }
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(given)
                .include(filter.isEmpty() ? "k8snet\\.bench\\..*Benchmark" : filter)
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("jmh-result.json").toString())
                .shouldFailOnError(true)
                .shouldDoGC(true)
                .jvmArgsPrepend(HUGE_PAGES)
                .build()).run();
        String report = report(heap, results);
        Files.writeString(out.resolve("scale-report.md"), report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("(written to " + out.resolve("scale-report.md") + ")");
    }

    /** Runs {@link HeapProbe} in a fresh JVM with a 3 GiB heap and reads its {@code key=value} lines. */
    private static Map<String, String> heapProbe() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xms3g", "-Xmx3g", "-cp", System.getProperty("java.class.path"),
                HeapProbe.class.getName()).redirectErrorStream(true).start();
        Map<String, String> values = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println("# HeapProbe: " + line);
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("HeapProbe failed with exit code " + p.exitValue());
        }
        return values;
    }

    private static String report(Map<String, String> heap, Collection<RunResult> results) {
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replace("k8snet.bench.", "");
            List<String> params = new ArrayList<>();
            for (String key : r.getParams().getParamsKeys()) {
                params.add(r.getParams().getParam(key));
            }
            byName.put(params.isEmpty() ? name : name + ":" + String.join(",", params), r);
        }
        StringBuilder md = new StringBuilder();
        md.append("## Scale report\n\n");
        md.append("JDK ").append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append("), ").append(Runtime.getRuntime().availableProcessors()).append(" processors. Cluster: ")
                .append(ScaleCluster.NODES).append(" nodes, ").append(ScaleCluster.PODS).append(" pods, ")
                .append(ScaleCluster.SERVICES).append(" Services, at most ").append(ScaleCluster.MAX_PODS_PER_NODE)
                .append(" pods per node.\n\n");
        md.append("| # | measurement | measured | target | met |\n| --- | --- | --- | --- | --- |\n");
        RunResult build = byName.get("BuildBenchmark.build");
        if (build != null) {
            double ms = build.getPrimaryResult().getScore();
            row(md, "1", "build the cluster (JMH single shot, mean of " + build.getPrimaryResult().getSampleCount()
                    + ")", fmt(ms / 1000, 2) + " s ± " + fmt(build.getPrimaryResult().getScoreError() / 1000, 2),
                    "≤ 2 s", ms <= 2000);
        }
        RunResult bringUp = byName.get("BuildBenchmark.buildAndBringUpEveryNode");
        if (bringUp != null) {
            row(md, "1b", "build, then every node writes its routes (25 million)",
                    fmt(bringUp.getPrimaryResult().getScore() / 1000, 2) + " s ± "
                            + fmt(bringUp.getPrimaryResult().getScoreError() / 1000, 2), "(none)", null);
        }
        if (heap.containsKey("build.cpu.ms")) {
            row(md, "1c", "build once in HeapProbe: wall clock / this thread's CPU time", heap.get("build.wall.ms")
                    + " ms / " + heap.get("build.cpu.ms") + " ms", "≤ 2 s", Long.parseLong(heap.get("build.cpu.ms"))
                    <= 2000);
        }
        deliveries(md, "2", byName, "DeliveryBenchmark.firstPacket:", "deliveries per second, one thread, first "
                + "packet of a connection (pod → ClusterIP → pod on another node, trace recorded)");
        deliveries(md, "2b", byName, "DeliveryBenchmark.establishedFlow:", "deliveries per second, one thread, a "
                + "packet of an established connection (conntrack)");
        if (heap.containsKey("heap.built.bytes")) {
            long built = Long.parseLong(heap.get("heap.built.bytes"));
            row(md, "3", "live heap after the build (MemoryMXBean after 5 × System.gc())", fmt(built / MIB, 0)
                    + " MiB", "< 1 GiB", built < GIB);
            long routes = Long.parseLong(heap.get("heap.routes.bytes"));
            row(md, "3b", "live heap once every node holds its routes (" + heap.get("cluster.routes") + " routes)",
                    fmt(routes / MIB, 0) + " MiB", "< 1 GiB", routes < GIB);
        }
        flatness(md, "4a", "Service lookup, iptables-style chain (KUBE-SERVICES)", byName,
                "ServiceLookupBenchmark.iptablesChain", new String[] {"100", "1000", "10000"}, false);
        flatness(md, "4b", "Service lookup, nftables-style verdict map (service-ips)", byName,
                "ServiceLookupBenchmark.nftablesMap", new String[] {"100", "1000", "10000"}, true);
        flatness(md, "4c", "route lookup, longest prefix (RouteTable), by nodes", byName,
                "RouteLookupBenchmark.lookup", new String[] {"10", "1000", "5000"}, true);
        flatness(md, "4d", "conntrack lookup (Conntrack), by flows", byName,
                "ConntrackLookupBenchmark.lookup", new String[] {"1000", "1000000"}, true);

        md.append("\n### Every JMH result\n\n| benchmark | parameter | score | error (99.9%) | unit |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        byName.forEach((name, r) -> {
            int colon = name.indexOf(':');
            md.append("| ").append(colon < 0 ? name : name.substring(0, colon)).append(" | ")
                    .append(colon < 0 ? "" : name.substring(colon + 1)).append(" | ")
                    .append(fmt(r.getPrimaryResult().getScore(), 2)).append(" | ")
                    .append(fmt(r.getPrimaryResult().getScoreError(), 2)).append(" | ")
                    .append(r.getPrimaryResult().getScoreUnit()).append(" |\n");
        });
        return md.toString();
    }

    /** A row per run of one delivery benchmark; a run with other than the 1,024 pairs says it is a diagnostic. */
    private static void deliveries(StringBuilder md, String number, Map<String, RunResult> byName, String prefix,
                                   String what) {
        byName.forEach((name, r) -> {
            if (name.startsWith(prefix)) {
                boolean measured = name.substring(prefix.length()).equals("1024");
                double ops = r.getPrimaryResult().getScore();
                row(md, number, what + (measured ? "" : ", only " + name.substring(prefix.length()) + " client/Service "
                        + "pairs (a diagnostic: their tables stay in the CPU's caches)"), fmt(ops, 0) + " ± "
                        + fmt(r.getPrimaryResult().getScoreError(), 0) + " /s", measured ? "≥ 1,000,000 /s" : "(none)",
                        measured ? ops >= 1_000_000 : null);
            }
        });
    }

    /** One row for a lookup at several table sizes: each size's time, and largest over smallest. */
    private static void flatness(StringBuilder md, String number, String what, Map<String, RunResult> byName,
                                 String benchmark, String[] sizes, boolean flat) {
        List<String> cells = new ArrayList<>();
        double smallest = Double.NaN;
        double largest = Double.NaN;
        for (String size : sizes) {
            RunResult r = byName.get(benchmark + ":" + size);
            if (r == null) {
                return;
            }
            double ns = r.getPrimaryResult().getScore();
            cells.add(size + ": " + fmt(ns, 1) + " ns");
            if (Double.isNaN(smallest)) {
                smallest = ns;
            }
            largest = ns;
        }
        double ratio = largest / smallest;
        String measured = String.join(", ", cells) + " (×" + fmt(ratio, 1) + ")";
        if (flat) {
            row(md, number, what, measured, "flat: ≤ ×2 smallest to largest", ratio <= 2);
        } else {
            double sizeRatio = Double.parseDouble(sizes[sizes.length - 1]) / Double.parseDouble(sizes[0]);
            row(md, number, what, measured, "grows linearly (table ×" + fmt(sizeRatio, 0) + ")",
                    ratio >= sizeRatio / 4);
        }
    }

    private static void row(StringBuilder md, String number, String what, String measured, String target,
                            Boolean met) {
        md.append("| ").append(number).append(" | ").append(what).append(" | ").append(measured).append(" | ")
                .append(target).append(" | ").append(met == null ? "" : met ? "yes" : "**no**").append(" |\n");
    }

    private static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
