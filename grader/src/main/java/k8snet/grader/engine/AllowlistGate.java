package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import k8snet.grader.guard.BytecodeCheck;
import k8snet.grader.guard.Violation;

/**
 * Turns a successful compile of a module's main sources into a failed one when a class compiled from a
 * student file (an exercise's file or a new file the submission adds; not the kit's provided code) uses
 * what the {@link k8snet.grader.guard.Allowlist} does not allow. Each use becomes a {@link Compiler.Error}
 * of that file, so the engine's fallback to the stub and the DOES_NOT_COMPILE status apply as for a javac
 * error.
 *
 * <p>A class belongs to the source whose package and file name match its own package and its
 * {@code SourceFile} attribute (so {@code Outer$1} belongs to {@code Outer.java}). It counts as provided
 * code only when it matches a provided file and is one of the top-level types that file declares (or nested
 * in one); a student file cannot produce such a class without javac rejecting a duplicate class.
 */
final class AllowlistGate {

    private final BytecodeCheck check;

    AllowlistGate(BytecodeCheck check) {
        this.check = check;
    }

    /** {@code result} itself when it failed already or every student class passes; else a failed copy. */
    Compiler.Result apply(Compiler.Result result, List<Compiler.Source> sources) {
        if (!result.ok() || result.classes() == null || !Files.isDirectory(result.classes())) {
            return result;
        }
        Map<String, byte[]> classes = read(result.classes());
        Map<String, Compiler.Source> studentByKey = new HashMap<>();
        Map<String, List<Compiler.Source>> studentByName = new HashMap<>();
        Map<String, Set<String>> providedTypes = new HashMap<>();
        for (Compiler.Source s : sources) {
            SourceFacts facts = SourceFacts.of(new String(s.content(), StandardCharsets.UTF_8));
            String fileName = s.rel().substring(s.rel().lastIndexOf('/') + 1);
            if (s.exerciseId() == null) {
                providedTypes.put(s.rel(), Set.copyOf(facts.qualifiedTypes()));
            } else {
                String pkg = facts.packageName().replace('.', '/');
                studentByKey.put(pkg.isEmpty() ? fileName : pkg + "/" + fileName, s);
                studentByName.computeIfAbsent(fileName, k -> new ArrayList<>()).add(s);
            }
        }
        List<Compiler.Error> errors = new ArrayList<>();
        for (Map.Entry<String, byte[]> c : classes.entrySet()) {
            BytecodeCheck.Header header = BytecodeCheck.header(c.getValue());
            String name = header.className();
            int dot = name.lastIndexOf('.');
            String key = (dot < 0 ? "" : name.substring(0, dot).replace('.', '/') + "/") + header.sourceFile();
            Compiler.Source source = studentByKey.get(key);
            if (source == null && isProvided(name, providedTypes.get(key))) {
                continue;
            }
            if (source == null) {
                List<Compiler.Source> sameName = studentByName.getOrDefault(header.sourceFile(), List.of());
                source = sameName.size() == 1 ? sameName.get(0) : null;
            }
            for (Violation v : check.check(c.getValue(), classes.keySet())) {
                errors.add(new Compiler.Error(source, v.line(), v.message()));
            }
        }
        if (errors.isEmpty()) {
            return result;
        }
        return new Compiler.Result(false, result.classes(), errors, result.removed(), result.cached(), result.digest());
    }

    private static boolean isProvided(String className, Set<String> declared) {
        if (declared == null) {
            return false;
        }
        int dollar = className.indexOf('$');
        return declared.contains(dollar < 0 ? className : className.substring(0, dollar));
    }

    /** Every class file under {@code root}, by binary name, in name order. */
    private static Map<String, byte[]> read(Path root) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String rel = Compiler.slash(root.relativize(f));
                out.put(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the compiled classes in " + root, e);
        }
        return out;
    }
}
