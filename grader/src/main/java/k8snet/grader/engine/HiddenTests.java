package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * An instructor's folder of extra tests whose points count too.
 *
 * <p>Layout: either per module, {@code <hidden>/<module>/src/test/java/<pkg>/<Class>.java}, or (when no
 * such folder exists) one tree by package, {@code <hidden>/<pkg>/<Class>.java}.
 *
 * <p>Which exercise a hidden test class counts for, and what it is worth: what the optional
 * {@code <hidden>/hidden-tests.yaml} says ({@link HiddenTestsFile}); otherwise the single exercise that lists
 * a graded test class in the same package (within the module, for the per-module layout), sharing its points.
 * A class that matches no exercise or several is ignored with a warning, and so is one whose name is taken by
 * a kit class. Classes without tests are test support, compiled where the hidden tests use them.
 */
final class HiddenTests {

    static final String MAPPING_FILE = HiddenTestsFile.NAME;

    private final HiddenTestsFile file;
    private final Map<String, List<Compiler.Source>> tests = new LinkedHashMap<>();
    private final Map<String, String> exerciseOfClass = new LinkedHashMap<>();
    private final List<Compiler.Source> support = new ArrayList<>();

    private HiddenTests(HiddenTestsFile file) {
        this.file = file;
    }

    static HiddenTests none() {
        return new HiddenTests(HiddenTestsFile.none());
    }

    static HiddenTests load(Path hidden, Manifest manifest, Set<String> kitClasses, Collection<String> warnings) {
        if (!Files.isDirectory(hidden)) {
            throw new IllegalArgumentException("The hidden tests folder does not exist: " + hidden);
        }
        HiddenTests h = new HiddenTests(HiddenTestsFile.read(hidden, manifest));
        Map<String, String> mapping = h.file.exerciseOfClass();
        Map<Path, String> roots = new LinkedHashMap<>();
        manifest.modules().forEach(m -> {
            Path root = KitLayout.testSources(hidden, m.id());
            if (Files.isDirectory(root)) {
                roots.put(root, m.id());
            }
        });
        if (roots.isEmpty()) {
            roots.put(hidden, null);
        }
        String label = hidden.getFileName() == null ? "hidden" : hidden.getFileName().toString();
        for (Map.Entry<Path, String> root : roots.entrySet()) {
            for (Path file : KitLayout.javaFiles(root.getKey())) {
                String rel = Compiler.slash(root.getKey().relativize(file));
                String display = label + "/" + Compiler.slash(hidden.relativize(file));
                String name = KitLayout.className(root.getKey(), file);
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the hidden test " + file, e);
                }
                if (kitClasses.contains(name)) {
                    warnings.add("ignored hidden test " + display + ": the kit already has a class " + name);
                    continue;
                }
                String text = new String(content, java.nio.charset.StandardCharsets.UTF_8);
                if (!KitLayout.hasTests(text)) {
                    h.support.add(new Compiler.Source(rel, content, display, null));
                    continue;
                }
                String exercise = mapping.get(name);
                if (exercise == null) {
                    String pkg = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
                    List<String> candidates = manifest.exercises().stream()
                            .filter(e -> root.getValue() == null || e.module().equals(root.getValue()))
                            .filter(e -> e.tests().stream().anyMatch(t -> packageOf(t).equals(pkg)))
                            .map(Exercise::id)
                            .toList();
                    if (candidates.size() != 1) {
                        warnings.add("ignored hidden test " + name + ": "
                                + (candidates.isEmpty() ? "no exercise has graded tests in package " + pkg
                                        : "exercises " + candidates + " all have graded tests in package " + pkg)
                                + "; name its exercise in " + label + "/" + MAPPING_FILE);
                        continue;
                    }
                    exercise = candidates.get(0);
                }
                h.tests.computeIfAbsent(exercise, k -> new ArrayList<>())
                        .add(new Compiler.Source(rel, content, display, exercise));
                h.exerciseOfClass.put(name, exercise);
            }
        }
        for (HiddenTestsFile.Entry entry : h.file.entries()) {
            if (!h.exerciseOfClass.containsKey(entry.className())) {
                warnings.add("hidden test entry " + entry.key() + " of " + label + "/" + MAPPING_FILE
                        + " matches no test class in " + label + (entry.weighted()
                                ? "; its points count as a test that did not run" : "; it was ignored"));
            }
        }
        return h;
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    List<Compiler.Source> testsOf(String exerciseId) {
        return tests.getOrDefault(exerciseId, List.of());
    }

    Map<String, String> exerciseOfClass() {
        return exerciseOfClass;
    }

    List<Compiler.Source> support() {
        return support;
    }

    /** What {@code hidden-tests.yaml} says (its defaults when there is none). */
    HiddenTestsFile file() {
        return file;
    }

    /** The hidden test classes that count for one exercise. */
    Set<String> classesOf(String exerciseId) {
        Set<String> classes = new java.util.LinkedHashSet<>();
        exerciseOfClass.forEach((c, id) -> {
            if (id.equals(exerciseId)) {
                classes.add(c);
            }
        });
        return classes;
    }

    /** The entries with points of their own that count for one exercise. */
    List<HiddenTestsFile.Entry> weightedOf(String exerciseId) {
        return file.weightedOf(exerciseId);
    }
}
