package k8snet.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import k8snet.Require;
import k8snet.trace.Trace;

/**
 * The reference solution's packet traces for the sends of the graded tests, so that a failing delivery test
 * can print the trace the reference produces for the same send beside the student's, from the first hop
 * where they differ ({@link TraceDiff}).
 *
 * <p>A send is known by its test and its number in that test: {@code <test id>#<n>}, where the test id is the
 * JUnit unique id without the engine's segment and {@code n} counts the distinct traces the test handed to
 * {@link DeliveryAssert#assertThatDelivery}, {@link Explain#withTrace}, {@link Explain#traced}, {@link Explain#why}
 * or {@link #sent}, in that order, whether the reference is being recorded or compared with. Until a test fails,
 * the student's code takes the same path through it as the reference, so the same send has the same number. A
 * send described only when a check fails must be handed to {@link #sent} when it is made; otherwise the
 * reference's run, where no check fails, would not count it. Sends of ungraded tests (tagged {@code ungraded}),
 * which no board shows, are not numbered.
 *
 * <p>A property that asserts on deliveries runs through {@link Theories#deliveries}, which does not shrink: its
 * seed is fixed, so it tries the same examples in the reference's run and the student's up to the first that
 * fails, and that one is reported. Its sends are keyed {@code <test id>#<example>.<n>}, {@code n} counted afresh
 * in each example ({@link Theories#qt} tells which example runs). Only the first {@value #EXAMPLES_KEPT}
 * examples of a property are recorded, to keep the files small (all of them would add about 1.6 MB to the
 * kit); beside a send of a later example the failure says that no reference trace is kept for it. Sends made
 * while QuickTheories shrinks, or inside a property not built by {@link Theories#qt}, are not numbered.
 *
 * <p>The reference build writes every trace to the file named by the system property {@value #RECORD}
 * (the parent pom sets it under {@code -Preference} and {@code -Pselfcheck}, and the profile {@code traces}
 * points it at the module's {@code src/test/resources/}{@value #RESOURCE}); otherwise the traces are read
 * from every resource of that name on the class path (one per module). Test classes that assert on
 * deliveries register this extension with {@code @ExtendWith(ReferenceTraces.class)}; in recording mode a
 * trace handed over outside such a test is an error, so a class that lacks it cannot go unnoticed.
 * Shared by the tests of every module; not graded.
 */
public final class ReferenceTraces implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    /** The system property naming the file the reference build records every trace into. */
    public static final String RECORD = "k8snet.traces.record";

    /** The class path resource that holds a module's reference traces. */
    public static final String RESOURCE = "k8snet/testkit/reference-traces.txt";

    private static final String HEADER = """
            # The reference solution's packet trace for each numbered send of this module's tests that assert on
            # deliveries: "@ <JUnit unique id>#<n>", then the trace. Failing tests print it beside the student's.
            # Written by the reference build (./mvnw -B -Preference,traces test); the self-check fails when it is
            # not what the reference build records. Do not edit by hand.
            """;

    /** How many examples of each property keep their reference traces (see the class doc). */
    public static final int EXAMPLES_KEPT = 10;

    private static final Object LOCK = new Object();
    private static final String UNGRADED = "";
    private static volatile String current;
    /** The running property's example, counted from 1 ({@link Theories#qt}); 0 outside an example. */
    private static volatile int example;
    private static final Map<Trace, Integer> numbered = new IdentityHashMap<>();
    private static final Map<String, String> recorded = new TreeMap<>();
    private static Map<String, String> reference;

    @Override
    public void beforeEach(ExtensionContext context) {
        // Ungraded tests (the kit's own, tagged "ungraded") never reach a student's board: nothing to record.
        startTest(context.getTags().contains("ungraded") ? UNGRADED : testId(context.getUniqueId()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        startTest(null);
    }

    /** Starts numbering the sends of the test {@code id} (null: no test runs). */
    static void startTest(String id) {
        synchronized (LOCK) {
            numbered.clear();
            current = id;
            example = 0;
        }
    }

    /**
     * A property of the running test starts trying its example {@code n} (counted from 1): its sends are numbered
     * afresh, as {@code <test id>#<n>.<send>}. {@link Theories#qt} calls this for each example it tries.
     */
    static void startExample(int n) {
        Require.argument(n > 0, "An example is counted from 1, got " + n);
        synchronized (LOCK) {
            numbered.clear();
            example = n;
        }
    }

    /** The running example is over; sends inside the property until the next example (shrinking) are not numbered. */
    static void endExample() {
        synchronized (LOCK) {
            numbered.clear();
            example = 0;
        }
    }

    /** Uses {@code traces} as the reference instead of the class path's resources (null: the resources again). */
    static void useReference(Map<String, String> traces) {
        synchronized (LOCK) {
            reference = traces;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        recordFile().ifPresent(ReferenceTraces::write);
    }

    /** The unique id without the engine's segment: {@code [class:k8snet.net.NetworkTest]/[method:x()]}. */
    static String testId(String uniqueId) {
        int slash = uniqueId.indexOf("]/");
        return uniqueId.startsWith("[engine:") && slash > 0 ? uniqueId.substring(slash + 2) : uniqueId;
    }

    /**
     * Numbers {@code trace} as the next send of the running test (a trace seen before keeps its number) and,
     * when recording, records it. Returns its key, or empty when no numbered test runs or inside a property.
     */
    static Optional<String> seen(Trace trace) {
        if (trace == null) {
            return Optional.empty();
        }
        boolean outsideExample = example == 0 && insideProperty();
        synchronized (LOCK) {
            boolean property = example > 0;
            if (outsideExample) {
                // A property run without Theories.qt's example count, or one shrinking its failing example.
                return Optional.empty();
            }
            if (current == null) {
                if (recordFile().isPresent()) {
                    throw new IllegalStateException("A trace was handed to the testkit outside a test that registers "
                            + "ReferenceTraces: add @ExtendWith(ReferenceTraces.class) to the test class");
                }
                return Optional.empty();
            }
            if (current.equals(UNGRADED)) {
                return Optional.empty();
            }
            Integer n = numbered.get(trace);
            if (n == null) {
                n = numbered.size() + 1;
                numbered.put(trace, n);
            }
            String key = current + "#" + (property ? example + "." + n : n);
            if (recordFile().isPresent() && (!property || example <= EXAMPLES_KEPT)) {
                recorded.put(key, trace.render());
            }
            return Optional.of(key);
        }
    }

    /**
     * What the reference's trace for the same send shows beside {@code trace}: empty when the reference is being
     * recorded, or has no trace for this send; otherwise the lines of {@link TraceDiff#describe}.
     */
    static Optional<String> besides(Trace trace) {
        Optional<String> send = seen(trace); // numbered (and recorded) either way: both runs count the same sends
        if (recordFile().isPresent()) {
            return Optional.empty();
        }
        return send.flatMap(key -> {
            String expected = reference().get(key);
            if (expected != null) {
                return Optional.of(TraceDiff.describe(trace.render(), expected));
            }
            return exampleOf(key).filter(n -> n > EXAMPLES_KEPT).map(n -> "No reference trace is kept for this send: "
                    + "the kit keeps the reference solution's traces of the first " + EXAMPLES_KEPT
                    + " examples of a property, and this is example " + n + ".");
        });
    }

    /**
     * Numbers a send that the test checks with plain code and describes only if a check fails (a property's
     * thousands of checks, where building a description for each would cost {@code ./course watch} time). Call it
     * for every such send, as soon as it is made, so that the sends keep the same numbers in the reference's run
     * as in a student's whichever checks fail; the description made on failure ({@link Explain#withTrace}) then
     * finds the reference's trace for it. {@link Explain#traced} calls it for the description it makes later.
     */
    public static void sent(Trace trace) {
        seen(trace);
    }

    /** Forgets what was recorded for the test {@code id}: for this class's own test, whose sends are not real. */
    static void forgetRecorded(String id) {
        synchronized (LOCK) {
            recorded.keySet().removeIf(key -> key.startsWith(id + "#"));
        }
    }

    /** The example of a property's key ({@code <test id>#<example>.<send>}), or empty for a plain test's key. */
    static Optional<Integer> exampleOf(String key) {
        String number = key.substring(key.lastIndexOf('#') + 1);
        int dot = number.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(Integer.parseInt(number.substring(0, dot)));
    }

    private static boolean insideProperty() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                f -> f.getClassName().startsWith("org.quicktheories.")));
    }

    private static Optional<Path> recordFile() {
        String file = System.getProperty(RECORD, "");
        return file.isBlank() ? Optional.empty() : Optional.of(Path.of(file));
    }

    private static void write(Path file) {
        StringBuilder out = new StringBuilder(HEADER);
        synchronized (LOCK) {
            recorded.forEach((key, rendered) -> out.append("@ ").append(key).append('\n').append(rendered)
                    .append('\n'));
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the reference traces to " + file, e);
        }
    }

    private static Map<String, String> reference() {
        synchronized (LOCK) {
            if (reference == null) {
                reference = load();
            }
            return reference;
        }
    }

    /** Every resource {@value #RESOURCE} on the class path, merged. */
    private static Map<String, String> load() {
        Map<String, String> all = new HashMap<>();
        ClassLoader loader = ReferenceTraces.class.getClassLoader();
        try {
            Enumeration<URL> urls = loader.getResources(RESOURCE);
            Set<String> read = new java.util.HashSet<>();
            for (URL url : Collections.list(urls)) {
                if (read.add(url.toString())) {
                    all.putAll(parse(url));
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return all;
    }

    static Map<String, String> parse(URL url) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            return parse(in.lines().toList());
        }
    }

    /** The entries of a traces file: key to the trace's rendered lines. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> entries = new HashMap<>();
        String key = null;
        List<String> body = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("@ ")) {
                if (key != null) {
                    entries.put(key, String.join("\n", body));
                }
                key = line.substring(2).strip();
                body.clear();
            } else if (key != null) {
                body.add(line);
            }
        }
        if (key != null) {
            entries.put(key, String.join("\n", body));
        }
        return entries;
    }
}
