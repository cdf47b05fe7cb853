package k8snet.grader.runner;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
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
 * <p>Usage: {@code RunnerMain <spec.properties>}; the run's token arrives as the first line on stdin.
 * The spec names the results file ({@code results}), the per-test timeout ({@code timeout}, Jupiter
 * syntax such as {@code 10 s}), the per-test output cap in bytes ({@code outputCap}), an optional file
 * of unique ids to skip ({@code skip}), whether to only list the tests ({@code listOnly}) and the
 * selectors ({@code select.0, select.1, ...}: {@code class:<name>} or {@code uid:<unique id>}).
 *
 * <p>Order matters: the token is read and stdin replaced, the results file opened and System.out/err
 * captured before any test class is loaded. At the end the JVM halts, so threads a test left running
 * cannot keep it alive, and any processes the tests started are destroyed first.
 */
public final class RunnerMain {

    private RunnerMain() {
    }

    public static void main(String[] args) {
        int code = 0;
        try {
            code = run(args);
        } catch (Throwable t) {
            code = 2;
            try {
                Files.writeString(Path.of(args.length > 0 ? args[0] + ".error" : "runner.error"),
                        ResultListener.stackTrace(t), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException ignored) {
                // Nothing left to report to: the grader sees a fork without an "end" line.
            }
        } finally {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(code);
        }
    }

    private static int run(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: RunnerMain <spec.properties>, got " + args.length + " arguments");
        }
        String token = readToken();
        Properties spec = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            spec.load(r);
        }
        ResultFile file = new ResultFile(Path.of(required(spec, "results")), token);
        token = null;

        OutputCapture capture = new OutputCapture(Integer.parseInt(spec.getProperty("outputCap", "16384")));
        PrintStream captured = new PrintStream(capture.stream(), true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);

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

        Launcher launcher = LauncherFactory.create();
        ResultListener listener = new ResultListener(file, capture);
        TestPlan plan = launcher.discover(discovery);
        listener.writePlan(plan);
        if (!Boolean.parseBoolean(spec.getProperty("listOnly", "false"))) {
            launcher.execute(plan, listener);
        }
        file.write(new Json().put("event", "end"));
        return 0;
    }

    /** Reads the token from stdin, then leaves test code an empty stdin so it cannot read it again. */
    private static String readToken() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String token = in.readLine();
        System.in.close();
        System.setIn(new ByteArrayInputStream(new byte[0]));
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("No run token on stdin");
        }
        return token.strip();
    }

    private static String required(Properties spec, String key) {
        String value = spec.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("The runner spec has no '" + key + "'");
        }
        return value;
    }
}
