package k8snet.grader.runner;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of the forked test JVM.
 *
 * <p>Usage: {@code RunnerMain}, no arguments; standard input brings the token and then the spec, standard
 * output is the results pipe ({@link Protocol}). Between the token and the spec the runner loads the JUnit
 * Platform and AssertJ and, when {@value #WARM_UP_PROPERTY} is true, runs the warm-up workload
 * ({@link WarmUp}), so a JVM the engine started early is warm by the time the spec arrives.
 *
 * <p>Order matters: the token is read and kept only in the {@link ResultChannel}, standard input is closed,
 * and System.out/err are replaced by the per-test capture before any test class is loaded. The launcher
 * knows only the Jupiter engine and the runner's own listener (no listener, session listener, filter or
 * engine is registered from service files, no {@code junit-platform.properties} or system property
 * configures it), and Jupiter's extension auto-detection loads only {@link SkipFinishedTests}. Test and
 * student classes come from a {@link SnapshotClassLoader} whose parent holds the grader's libraries, so they
 * cannot replace the runner, JUnit or AssertJ. Each exercise (a group of the spec) is discovered up front and
 * run in the spec's order. At the end the JVM halts, so threads a test left running cannot keep it alive,
 * and any processes the tests started are destroyed first.
 */
public final class RunnerMain {

    /**
     * System property of the test JVM: {@code true} to run the warm-up workload ({@link WarmUp}) before
     * reading the spec. The engine sets it for a JVM it starts ahead of need.
     */
    public static final String WARM_UP_PROPERTY = "k8snet.runner.warmup";

    /**
     * System property of the test JVM: the spec file of an earlier run whose test classes the warm-up runs
     * once more, unreported ({@link WarmUp#runSpec}); {@code course watch} sets it for the JVM it gets ready.
     * That JVM then also reads the file's class path folders ahead ({@link ClassPrefetch}).
     */
    public static final String WARM_UP_SPEC_PROPERTY = "k8snet.runner.warmup.spec";

    private RunnerMain() {
    }

    public static void main(String[] args) {
        PrintStream console = System.err;
        OutputStream pipe = new FileOutputStream(FileDescriptor.out);
        int code = 2;
        try {
            code = run(pipe);
        } catch (ClasspathChanged e) {
            console.println("k8snet runner: " + e.getMessage());
            code = Protocol.CLASSPATH_CHANGED_EXIT;
        } catch (Throwable t) {
            console.println("k8snet runner failed:");
            t.printStackTrace(console);
        } finally {
            console.flush();
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(code);
        }
    }

    private static int run(OutputStream pipe) throws IOException, ClassNotFoundException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String token = in.readLine();
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("No run token on stdin");
        }
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .addTestEngines(jupiter())
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
        // Loading these now, while the engine still compiles, is most of what a test JVM's start costs.
        Class.forName("org.assertj.core.api.Assertions", true, RunnerMain.class.getClassLoader());
        Class.forName("org.junit.jupiter.params.ParameterizedTest", true, RunnerMain.class.getClassLoader());
        ClassPrefetch prefetch = ClassPrefetch.none();
        if (Boolean.getBoolean(WARM_UP_PROPERTY)) {
            // Before the spec is read, with the token only in this frame. What the warm-up prints goes to the
            // console log: nothing but the ResultChannel ever writes the results pipe.
            PrintStream out = System.out;
            System.setOut(System.err);
            try {
                WarmUp.run(launcher);
                String earlier = System.getProperty(WARM_UP_SPEC_PROPERTY, "");
                if (!earlier.isBlank()) {
                    List<Path> folders = WarmUp.runSpec(launcher, Path.of(earlier));
                    try {
                        prefetch = ClassPrefetch.read(folders);
                    } catch (RuntimeException e) {
                        // Reading ahead saves time only; the snapshot reads what it must when the spec comes.
                    }
                }
            } finally {
                System.setOut(out);
            }
        }

        Properties spec = new Properties();
        spec.load(in);
        System.in.close();
        System.setIn(new ByteArrayInputStream(new byte[0]));
        if (spec.isEmpty()) {
            return 0;
        }
        ResultChannel channel = new ResultChannel(pipe, token.strip());
        token = null;

        OutputCapture capture = new OutputCapture(Integer.parseInt(required(spec, Protocol.SPEC_OUTPUT_CAP)));
        PrintStream captured = new PrintStream(capture.stream(), true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);

        List<Path> folders = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (int i = 0; spec.containsKey(Protocol.SPEC_CLASSPATH + i); i++) {
            folders.add(Path.of(spec.getProperty(Protocol.SPEC_CLASSPATH + i)));
            digests.add(required(spec, Protocol.SPEC_DIGEST + i));
        }
        SnapshotClassLoader tests;
        try {
            tests = SnapshotClassLoader.of(folders, digests, RunnerMain.class.getClassLoader(), prefetch);
        } catch (IllegalStateException e) {
            throw new ClasspathChanged(e.getMessage());
        }
        Thread.currentThread().setContextClassLoader(tests);

        StringBuilder skip = new StringBuilder();
        for (int i = 0; spec.containsKey(Protocol.SPEC_SKIP + i); i++) {
            skip.append(spec.getProperty(Protocol.SPEC_SKIP + i)).append('\n');
        }
        List<String> groups = new ArrayList<>();
        List<TestPlan> plans = new ArrayList<>();
        boolean isolate = Boolean.parseBoolean(spec.getProperty(Protocol.SPEC_ISOLATE, "false"));
        List<ClassLoader> loaders = new ArrayList<>();
        for (int g = 0; spec.containsKey(Protocol.SPEC_GROUP + g); g++) {
            ClassLoader loader = tests;
            if (isolate && g > 0) {
                // A loader of its own for each exercise: a student's static field set during one exercise's
                // (hidden) tests is a fresh one in the next exercise's classes.
                try {
                    loader = SnapshotClassLoader.of(folders, digests, RunnerMain.class.getClassLoader(), prefetch);
                } catch (IllegalStateException e) {
                    throw new ClasspathChanged(e.getMessage());
                }
            }
            Thread.currentThread().setContextClassLoader(loader);
            loaders.add(loader);
            groups.add(spec.getProperty(Protocol.SPEC_GROUP + g));
            plans.add(launcher.discover(discovery(spec, g, skip.toString())));
        }
        TestTimeout timeout = new TestTimeout(
                TestTimeout.parseMillis(required(spec, Protocol.SPEC_TIMEOUT)) * 1_000_000L, System::nanoTime);
        ResultListener listener = new ResultListener(channel, capture, timeout);
        timeout.watch(listener::timedOut, () -> {
            // The timed-out test's thread may spin on and slow every later test: end this JVM (the line is
            // flushed) and let the engine start a fresh one for the rest.
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Runtime.getRuntime().halt(Protocol.RECYCLE_EXIT);
        });
        if (Boolean.parseBoolean(spec.getProperty(Protocol.SPEC_PLAN, "false"))) {
            plans.forEach(listener::writePlan);
        }
        for (int g = 0; g < groups.size(); g++) {
            Thread.currentThread().setContextClassLoader(loaders.get(g));
            listener.group(groups.get(g));
            launcher.execute(plans.get(g), listener);
        }
        listener.end();
        return 0;
    }

    /** Jupiter, found through the grader's own class loader (never the tests'). */
    private static TestEngine jupiter() {
        for (TestEngine engine : java.util.ServiceLoader.load(TestEngine.class, RunnerMain.class.getClassLoader())) {
            if (engine.getId().equals("junit-jupiter")) {
                return engine;
            }
        }
        throw new IllegalStateException("The JUnit Jupiter engine is missing from the grader's class path");
    }

    private static LauncherDiscoveryRequest discovery(Properties spec, int group, String skip) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        String prefix = Protocol.SPEC_GROUP + group + Protocol.SPEC_SELECT;
        for (int i = 0; spec.containsKey(prefix + i); i++) {
            String s = spec.getProperty(prefix + i);
            if (s.startsWith(Protocol.SELECT_CLASS)) {
                selectors.add(DiscoverySelectors.selectClass(s.substring(Protocol.SELECT_CLASS.length())));
            } else if (s.startsWith(Protocol.SELECT_UID)) {
                selectors.add(DiscoverySelectors.selectUniqueId(s.substring(Protocol.SELECT_UID.length())));
            } else {
                throw new IllegalArgumentException("Unknown selector (expected class:... or uid:...): " + s);
            }
        }
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .enableImplicitConfigurationParameters(false)
                // The per-test timeout is TestTimeout's, on this thread; Jupiter's would start a thread per test.
                .configurationParameter("junit.jupiter.execution.timeout.mode", "disabled")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("junit.platform.output.capture.stderr", "false")
                // Pruning walks a failure's causes with no bound: a student's exception whose getCause() makes a
                // new exception on every call would loop until the heap is gone. ThrowableText reads it safely.
                .configurationParameter("junit.platform.stacktrace.pruning.enabled", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.include",
                        SkipFinishedTests.class.getName())
                .configurationParameter(SkipFinishedTests.SKIP_IDS, skip)
                .build();
    }

    private static String required(Properties spec, String key) {
        String value = spec.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("The runner spec has no '" + key + "'");
        }
        return value;
    }

    /** The class path no longer matches its digests: test code (or someone) changed compiled classes. */
    private static final class ClasspathChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClasspathChanged(String message) {
            super(message);
        }
    }
}
