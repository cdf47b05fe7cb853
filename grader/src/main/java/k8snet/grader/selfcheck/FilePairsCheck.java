package k8snet.grader.selfcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * The self-check that student files come in pairs: every file an exercise lists has its stub and its
 * solution, and every file under {@code solutions/} has its stub at the same path and belongs to an
 * exercise of a module of the manifest.
 */
final class FilePairsCheck {

    static final String NAME = "file pairs";

    private final Path kitRoot;
    private final Manifest manifest;

    FilePairsCheck(Path kitRoot, Manifest manifest) {
        this.kitRoot = kitRoot;
        this.manifest = manifest;
    }

    SelfCheck.Check run() {
        List<String> problems = new ArrayList<>();
        Set<String> listed = new TreeSet<>();
        for (Exercise x : manifest.exercises()) {
            for (String file : x.files()) {
                listed.add(x.module() + "/" + file);
                Path stub = KitLayout.mainSources(kitRoot, x.module()).resolve(file);
                Path solution = KitLayout.solutionSources(kitRoot, x.module()).resolve(file);
                if (!Files.isRegularFile(stub)) {
                    problems.add(x.id() + ": no stub " + kitRoot.relativize(stub));
                }
                if (!Files.isRegularFile(solution)) {
                    problems.add(x.id() + ": no solution " + kitRoot.relativize(solution));
                }
            }
        }
        Set<String> knownModules = new LinkedHashSet<>();
        manifest.modules().forEach(m -> knownModules.add(m.id()));
        int solutionFiles = 0;
        for (Map.Entry<String, List<String>> module : scanSolutions().entrySet()) {
            if (!knownModules.contains(module.getKey())) {
                problems.add("solutions/" + module.getKey() + " is not a module of course.yaml");
                continue;
            }
            for (String file : module.getValue()) {
                solutionFiles++;
                if (!Files.isRegularFile(KitLayout.mainSources(kitRoot, module.getKey()).resolve(file))) {
                    problems.add("solutions/" + module.getKey() + "/src/main/java/" + file + " has no stub at "
                            + module.getKey() + "/src/main/java/" + file);
                }
                if (!listed.contains(module.getKey() + "/" + file)) {
                    problems.add("solutions/" + module.getKey() + "/src/main/java/" + file
                            + " is not a file of any exercise in course.yaml");
                }
            }
        }
        return problems.isEmpty()
                ? new SelfCheck.Check(NAME, true, solutionFiles + " solution files, each with its stub at the same path",
                        problems)
                : new SelfCheck.Check(NAME, false, problems.size() + " problem(s)", problems);
    }

    /** Module directory name to the Java files under solutions/<module>/src/main/java, relative to it. */
    private Map<String, List<String>> scanSolutions() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Path solutions = kitRoot.resolve("solutions");
        if (!Files.isDirectory(solutions)) {
            return out;
        }
        try (Stream<Path> modules = Files.list(solutions)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path root = module.resolve("src/main/java");
                List<String> files = new ArrayList<>();
                if (Files.isDirectory(root)) {
                    try (Stream<Path> walk = Files.walk(root)) {
                        walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".java"))
                                .map(p -> root.relativize(p).toString().replace('\\', '/'))
                                .sorted().forEach(files::add);
                    }
                }
                out.put(module.getFileName().toString(), files);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + solutions + ": " + e.getMessage(), e);
        }
        return out;
    }
}
