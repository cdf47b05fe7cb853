package k8snet.grader.selfcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Manifest;

/**
 * The self-check that each module's committed reference traces are current: the file the reference build
 * just recorded ({@code <module>/target/reference/reference-traces.txt}, written by the tests'
 * {@code k8snet.testkit.ReferenceTraces} under {@code -Pselfcheck}) is the committed
 * {@code <module>/src/test/resources/k8snet/testkit/reference-traces.txt}, entry for entry. It can only run
 * after Maven's reference tests in the same build; {@code ./mvnw -B -Preference,traces test} regenerates
 * the committed files.
 */
final class ReferenceTracesCheck {

    /** The resource the tests read, as {@code k8snet.testkit.ReferenceTraces.RESOURCE} names it. */
    static final String COMMITTED = "src/test/resources/k8snet/testkit/reference-traces.txt";

    /** What the reference build records, as the parent pom's {@code kit.traces.record} names it. */
    static final String RECORDED = "target/reference/reference-traces.txt";

    static final String REGENERATE = "./mvnw -B -Preference,traces test";

    private final Path kitRoot;
    private final Manifest manifest;

    ReferenceTracesCheck(Path kitRoot, Manifest manifest) {
        this.kitRoot = Objects.requireNonNull(kitRoot, "kitRoot");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
    }

    SelfCheck.Check run() {
        List<String> problems = new ArrayList<>();
        int entries = 0;
        for (CourseModule m : manifest.modules()) {
            Optional<Map<String, String>> recorded = read(kitRoot.resolve(m.id()).resolve(RECORDED));
            Optional<Map<String, String>> committed = read(kitRoot.resolve(m.id()).resolve(COMMITTED));
            if (recorded.isEmpty() && committed.isEmpty()) {
                continue;
            }
            if (recorded.isEmpty()) {
                problems.add(m.id() + ": the reference build recorded no traces (" + m.id() + "/" + RECORDED
                        + " is missing), but " + m.id() + "/" + COMMITTED + " exists");
                continue;
            }
            if (committed.isEmpty()) {
                problems.add(m.id() + ": " + m.id() + "/" + COMMITTED + " is missing; write it with " + REGENERATE);
                continue;
            }
            entries += recorded.get().size();
            problems.addAll(differences(m.id(), recorded.get(), committed.get()));
        }
        return problems.isEmpty()
                ? new SelfCheck.Check("traces", true, entries + " reference traces, each as the reference build "
                        + "records it", problems)
                : new SelfCheck.Check("traces", false, "the committed reference traces are not current: "
                        + REGENERATE, problems);
    }

    static List<String> differences(String module, Map<String, String> recorded, Map<String, String> committed) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            String old = committed.get(e.getKey());
            if (old == null) {
                out.add(module + ": new send " + e.getKey());
            } else if (!old.equals(e.getValue())) {
                out.add(module + ": the trace of " + e.getKey() + " changed");
            }
        }
        committed.keySet().stream().filter(k -> !recorded.containsKey(k))
                .forEach(k -> out.add(module + ": no such send any more: " + k));
        return out;
    }

    /** The entries of a traces file (key after "@ ", then the trace's lines), or empty when it does not exist. */
    static Optional<Map<String, String>> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> entries = new LinkedHashMap<>();
            String key = null;
            StringBuilder body = new StringBuilder();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("@ ")) {
                    if (key != null) {
                        entries.put(key, body.toString());
                    }
                    key = line.substring(2).strip();
                    body.setLength(0);
                } else if (key != null) {
                    body.append(line).append('\n');
                }
            }
            if (key != null) {
                entries.put(key, body.toString());
            }
            return Optional.of(entries);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
