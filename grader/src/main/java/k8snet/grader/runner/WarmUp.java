package k8snet.grader.runner;

import java.io.IOException;
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
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * Runs {@link WarmUpTests} in a test JVM that waits for its spec, so the paths every graded run takes
 * (discovery, the Jupiter engine, parameterized tests, nested classes, AssertJ's
 * assertions and failure messages, QuickTheories) are loaded and compiled before the student's tests
 * arrive. Measured on 2 cores: a graded run of exercise 1.1 then discovers its tests in about 20 ms instead
 * of 160 ms, and runs them about a quarter faster. Nothing of it is reported; it uses no student code.
 */
final class WarmUp {

    private WarmUp() {
    }

    /**
     * Runs the test classes of an earlier run's spec once more, unreported, so that the next run of the same
     * exercise finds its own code paths compiled too. The engine asks for it only after a run of those tests
     * that ended cleanly (no time-out, no crash) and quickly; the classes come from a class loader that is
     * dropped afterwards, and what the tests print goes to the fork's console log (never the results pipe).
     * The file ({@link Protocol#WARM_UP_CLASSPATH} and the keys after it) names folders and classes only.
     *
     * @return the class path folders the file names (empty when it cannot be read), for {@link ClassPrefetch}
     */
    static List<Path> runSpec(Launcher launcher, Path specFile) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        List<Path> folders = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(specFile, StandardCharsets.UTF_8)) {
            Properties spec = new Properties();
            spec.load(r);
            List<URL> urls = new ArrayList<>();
            for (int i = 0; spec.containsKey(Protocol.WARM_UP_CLASSPATH + i); i++) {
                Path folder = Path.of(spec.getProperty(Protocol.WARM_UP_CLASSPATH + i));
                folders.add(folder);
                urls.add(folder.toUri().toURL());
            }
            List<DiscoverySelector> selectors = new ArrayList<>();
            for (int i = 0; spec.containsKey(Protocol.WARM_UP_SELECT + i); i++) {
                selectors.add(DiscoverySelectors.selectClass(spec.getProperty(Protocol.WARM_UP_SELECT + i)));
            }
            if (selectors.isEmpty()) {
                return folders;
            }
            try (URLClassLoader tests = new URLClassLoader(urls.toArray(URL[]::new), WarmUp.class.getClassLoader())) {
                thread.setContextClassLoader(tests);
                launcher.execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectors)
                        .filters(EngineFilter.includeEngines("junit-jupiter"))
                        // These tests ran cleanly and quickly just before; Jupiter's interrupt, on this thread,
                        // is enough for a wait that would not end. The graded run keeps time with TestTimeout.
                        .configurationParameter("junit.jupiter.execution.timeout.default",
                                spec.getProperty(Protocol.WARM_UP_TIMEOUT, "10 s"))
                        .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SAME_THREAD")
                        .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                        .build());
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // A warm-up that fails costs only its speed-up.
        } finally {
            thread.setContextClassLoader(before);
        }
        return folders;
    }

    static void run(Launcher launcher) {
        try {
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClass(WarmUpTests.class))
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    .configurationParameter("junit.jupiter.execution.timeout.mode", "disabled")
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                    .build());
        } catch (RuntimeException | LinkageError e) {
            // A warm-up that fails costs only its speed-up.
        }
    }
}
