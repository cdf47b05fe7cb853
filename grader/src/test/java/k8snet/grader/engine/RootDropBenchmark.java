package k8snet.grader.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import k8snet.grader.Fixtures;
import k8snet.grader.guard.RootGrader;
import k8snet.grader.guard.Sandbox;
import k8snet.grader.guard.SandboxMode;
import k8snet.grader.guard.UserDrop;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * What leaving root costs: grading the reference solutions once (every exercise, as {@code course grade
 * --submission} would: a fresh work folder and compile cache each time) as a root grader, with the drop to
 * uid 65534 and with it suppressed through {@link RootGrader} (the JVM then stays root's, {@code (as root)}),
 * alternating, after one unmeasured grading that warms the grader's own JVM. Not a test (no timing is
 * asserted); a maintainer's measuring tool, for a root grader with a working {@code setpriv}, run after
 * {@code ./mvnw -B -Pselfcheck test-compile -pl grader} and {@code ./mvnw -B package -pl grader -DskipTests}, with the test classes in a jar so that the test JVMs use
 * their class data archive as {@code course grade}'s do:
 *
 * <pre>
 * jar cf /tmp/tests.jar -C grader/target/test-classes .
 * java -cp grader/target/course.jar:/tmp/tests.jar k8snet.grader.engine.RootDropBenchmark \
 *     [--runs 3] [--mode auto|none|unshare|bubblewrap] [--kit DIR]
 * </pre>
 *
 * The submission is a copy of the kit's modules with every solution file laid in. It prints the one try of
 * the drop, every run, and the medians.
 */
public final class RootDropBenchmark {

    private RootDropBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        Optional<SandboxMode> mode = Optional.empty();
        Path kit = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--mode" -> mode = args[++i].equals("auto") ? Optional.empty()
                        : Optional.of(SandboxMode.parse(args[i]));
                case "--kit" -> kit = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
            }
        }
        kit = kit == null ? Fixtures.realKit() : kit;
        if (!UserDrop.root()) {
            throw new IllegalStateException("Run it as root: a grader that is not root has no drop to measure");
        }
        long t = System.nanoTime();
        boolean drops = UserDrop.here().isPresent();
        System.out.printf(Locale.ROOT, "the one try of the drop: %.2f s, %s%n", (System.nanoTime() - t) / 1e9,
                drops ? "works" : "refused: " + UserDrop.refusal().orElse("?"));
        if (!drops) {
            throw new IllegalStateException("setpriv does not work here, so there is no drop to measure");
        }
        Sandbox withDrop = Sandbox.choose(mode);
        Sandbox without = RootGrader.sandbox(withDrop.mode(), Optional.empty());
        Manifest manifest = Manifest.load(kit);
        Path scratch = Files.createTempDirectory("course-drop-bench-");
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path submission = referenceSubmission(kit, manifest, scratch.resolve("reference"));
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        try {
            // Run 0 warms the grader's own JVM (class loading, javac) and is not counted.
            for (int i = 0; i <= 2 * runs; i++) {
                boolean drop = i % 2 == 1;
                Sandbox sandbox = drop ? withDrop : without;
                Path work = scratch.resolve("run-" + i);
                ForkingEngine engine = new ForkingEngine(EngineOptions.defaults().withCacheDir(work.resolve("cache")),
                        () -> sandbox);
                List<String> ids = manifest.exercises().stream().map(Exercise::id).toList();
                Map<String, Origin> origins = new LinkedHashMap<>();
                ids.forEach(id -> origins.put(id, Origin.SUBMISSION));
                long start = System.nanoTime();
                GradeReport report = engine.run(new RunRequest(kit, submission, ids, origins, Optional.empty(),
                        work.resolve("work")));
                double s = (System.nanoTime() - start) / 1e9;
                engine.close();
                String variant = i == 0 ? "warm-up" : drop ? "with the drop" : "drop suppressed";
                if (i > 0) {
                    seconds.computeIfAbsent(variant, k -> new ArrayList<>()).add(s);
                }
                System.out.printf(Locale.ROOT, "run %d, %-15s: %6.2f s, %s / %s points, sandbox %s%n", i + 1, variant, s,
                        report.score(), report.maxScore(), report.sandbox());
                SyntheticKit.deleteTree(work);
            }
        } finally {
            SyntheticKit.deleteTree(scratch);
        }
        seconds.forEach((variant, list) -> System.out.printf(Locale.ROOT, "median %-15s: %6.2f s of %s%n", variant,
                median(list), list));
    }

    /** The kit's modules with every exercise's solution files in place of the stubs. */
    private static Path referenceSubmission(Path kit, Manifest manifest, Path root) throws IOException {
        for (var module : manifest.modules()) {
            Path from = KitLayout.mainSources(kit, module.id());
            Path to = KitLayout.mainSources(root, module.id());
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path target = to.resolve(from.relativize(f).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (Exercise x : manifest.exercises()) {
            for (String f : x.files()) {
                Files.copy(KitLayout.solutionSources(kit, x.module()).resolve(f),
                        KitLayout.mainSources(root, x.module()).resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return root;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
