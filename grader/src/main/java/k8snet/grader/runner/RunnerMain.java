package k8snet.grader.runner;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of the forked test JVM.
 *
 * <p>Usage: {@code RunnerMain}, no arguments. Stdin brings two lines: the run's token, then the path of the
 * spec file. Between the two the runner loads the JUnit Platform and AssertJ, so a JVM the engine started
 * early is warm by the time the spec arrives. The spec names the results file ({@code results}), the
 * per-test timeout ({@code timeout}, Jupiter syntax such as {@code 10 s}), the per-test output cap in bytes
 * ({@code outputCap}), the compiled classes ({@code classpath.0, classpath.1, ...}), an optional file of
 * unique ids to skip ({@code skip}), whether to only list the tests ({@code listOnly}) and the selectors
 * ({@code select.0, select.1, ...}: {@code class:<name>} or {@code uid:<unique id>}).
 *
 * <p>Order matters: the token is read and stdin replaced, the results file opened and System.out/err
 * captured before any test class is loaded. Test and student classes come from a class loader whose
 * parent holds the grader's libraries, so they cannot replace the runner, JUnit or AssertJ. At the end
 * the JVM halts, so threads a test left running cannot keep it alive, and any processes the tests
 * started are destroyed first.
 */
public final class RunnerMain {

    /**
     * The exit code of a runner that halted on purpose after reporting a timed-out test, so that the
     * abandoned thread dies with it; the engine restarts a fork for the tests not graded yet.
     */
    public static final int RECYCLE_EXIT = 75;

    /**
     * System property of the test JVM: {@code true} to run the warm-up workload ({@link WarmUp}) before
     * reading the spec. The engine sets it for a JVM it starts ahead of need.
     */
    public static final String WARM_UP_PROPERTY = "k8snet.runner.warmup";

    /**
     * System property of the test JVM: the spec file of an earlier run whose test classes the warm-up runs
     * once more, unreported ({@link WarmUp#runSpec}); {@code course watch} sets it for the JVM it gets ready.
     */
    public static final String WARM_UP_SPEC_PROPERTY = "k8snet.runner.warmup.spec";

    private RunnerMain() {
    }

    public static void main(String[] args) {
        int code = 0;
        Path[] spec = new Path[1];
        try {
            code = run(spec);
        } catch (Throwable t) {
            code = 2;
            try {
                Files.writeString(spec[0] != null ? Path.of(spec[0] + ".error") : Path.of("runner.error"),
                        ResultListener.stackTrace(t), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException ignored) {
                // Nothing left to report to: the grader sees a fork without an "end" line.
            }
        } finally {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(code);
        }
    }

    private static int run(Path[] specPath) throws IOException, ClassNotFoundException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String token = in.readLine();
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("No run token on stdin");
        }
        Launcher launcher = LauncherFactory.create();
        // Loading these now, while the engine still compiles, is most of what a test JVM's start costs.
        Class.forName("org.assertj.core.api.Assertions", true, RunnerMain.class.getClassLoader());
        Class.forName("org.junit.jupiter.params.ParameterizedTest", true, RunnerMain.class.getClassLoader());
        if (Boolean.getBoolean(WARM_UP_PROPERTY)) {
            WarmUp.run(launcher);
            String earlier = System.getProperty(WARM_UP_SPEC_PROPERTY, "");
            if (!earlier.isBlank()) {
                WarmUp.runSpec(launcher, Path.of(earlier));
            }
        }

        String specLine = in.readLine();
        System.in.close();
        System.setIn(new ByteArrayInputStream(new byte[0]));
        if (specLine == null || specLine.isBlank()) {
            return 0;
        }
        specPath[0] = Path.of(specLine.strip());
        Properties spec = new Properties();
        try (Reader r = Files.newBufferedReader(specPath[0], StandardCharsets.UTF_8)) {
            spec.load(r);
        }
        ResultFile file = new ResultFile(Path.of(required(spec, "results")), token.strip());
        token = null;

        OutputCapture capture = new OutputCapture(Integer.parseInt(spec.getProperty("outputCap", "16384")));
        PrintStream captured = new PrintStream(capture.stream(), true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);

        List<URL> urls = new ArrayList<>();
        for (int i = 0; spec.containsKey("classpath." + i); i++) {
            urls.add(Path.of(spec.getProperty("classpath." + i)).toUri().toURL());
        }
        URLClassLoader tests = new URLClassLoader(urls.toArray(URL[]::new),
                RunnerMain.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(tests);

        List<DiscoverySelector> selectors = new ArrayList<>();
        for (int i = 0; spec.containsKey("select." + i); i++) {
            String s = spec.getProperty("select." + i);
            if (s.startsWith("class:")) {
                selectors.add(DiscoverySelectors.selectClass(s.substring("class:".length())));
            } else if (s.startsWith("uid:")) {
                selectors.add(DiscoverySelectors.selectUniqueId(s.substring("uid:".length())));
            } else {
                throw new IllegalArgumentException("Unknown selector (expected class:... or uid:...): " + s);
            }
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .configurationParameter("junit.jupiter.execution.timeout.default", required(spec, "timeout"))
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("junit.platform.output.capture.stderr", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true");
        if (spec.getProperty("skip") != null) {
            request.configurationParameter(SkipFinishedTests.SKIP_FILE, spec.getProperty("skip"));
        }
        LauncherDiscoveryRequest discovery = request.build();

        ResultListener listener = new ResultListener(file, capture);
        TestPlan plan = launcher.discover(discovery);
        listener.writePlan(plan);
        if (!Boolean.parseBoolean(spec.getProperty("listOnly", "false"))) {
            launcher.execute(plan, listener);
        }
        file.write(new Json().put("event", "end"));
        return 0;
    }

    private static String required(Properties spec, String key) {
        String value = spec.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("The runner spec has no '" + key + "'");
        }
        return value;
    }
}
