package k8snet.grader.selfcheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * The self-check that each stub and its solution declare the same public API (types, members, signatures,
 * modifiers), each module's read with {@link ApiReader} against the stubs of the modules before it.
 */
final class SameApiCheck {

    static final String NAME = "same API";

    private final Path kitRoot;
    private final Manifest manifest;

    SameApiCheck(Path kitRoot, Manifest manifest) {
        this.kitRoot = kitRoot;
        this.manifest = manifest;
    }

    SelfCheck.Check run() {
        List<String> problems = new ArrayList<>();
        int compared = 0;
        List<Path> earlierStubs = new ArrayList<>();
        for (CourseModule module : manifest.modules()) {
            Path stubRoot = KitLayout.mainSources(kitRoot, module.id());
            Path solutionRoot = KitLayout.solutionSources(kitRoot, module.id());
            Map<String, Path> stubs = new LinkedHashMap<>();
            Map<String, Path> solutions = new LinkedHashMap<>();
            for (Exercise x : manifest.exercisesOf(module.id())) {
                for (String file : x.files()) {
                    if (Files.isRegularFile(stubRoot.resolve(file)) && Files.isRegularFile(solutionRoot.resolve(file))) {
                        stubs.put(file, stubRoot.resolve(file));
                        solutions.put(file, solutionRoot.resolve(file));
                    }
                }
            }
            if (!stubs.isEmpty()) {
                List<Path> stubPath = new ArrayList<>(List.of(stubRoot));
                stubPath.addAll(earlierStubs);
                List<Path> solutionPath = new ArrayList<>(List.of(solutionRoot, stubRoot));
                solutionPath.addAll(earlierStubs);
                ApiReader.Result stubApi = ApiReader.read(stubs, stubPath);
                ApiReader.Result solutionApi = ApiReader.read(solutions, solutionPath);
                stubApi.errors().forEach(err -> problems.add(module.id() + " stubs do not compile: " + err));
                solutionApi.errors().forEach(err -> problems.add(module.id() + " solutions do not compile: " + err));
                for (String file : stubs.keySet()) {
                    Api s = solutionApi.apis().get(file);
                    Api t = stubApi.apis().get(file);
                    if (s != null && t != null) {
                        compared++;
                        Api.differences(s, t).forEach(d -> problems.add(file + ": " + d));
                    }
                }
            }
            earlierStubs.add(0, stubRoot);
        }
        return problems.isEmpty()
                ? new SelfCheck.Check(NAME, true, compared + " files: stub and solution declare the same public API",
                        problems)
                : new SelfCheck.Check(NAME, false, problems.size() + " difference(s) in " + compared + " files",
                        problems);
    }
}
