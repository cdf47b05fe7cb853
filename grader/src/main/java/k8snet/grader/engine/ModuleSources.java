package k8snet.grader.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;

/**
 * The layered main sources of one module: provided code always from the kit's {@code src/main/java}; each
 * exercise file from its exercise's {@link Origin} (the kit's stub, the reference solution, or the
 * submission's version through {@link SubmissionAdmission}), or from the stub when that file was reverted
 * because it did not compile; and the submission's accepted new files, unless reverted. When the submission
 * is the kit itself (a student's own {@code check}), the kit's files are taken as they are, and a file that
 * did not compile falls back to its copy in the request's own stubs folder ({@link RunRequest#ownStubs()})
 * when there is one.
 */
final class ModuleSources {

    private final Path kit;
    private final boolean submissionIsKit;
    private final SubmissionAdmission admission;
    private final Function<String, Origin> origin;
    private final Collection<String> warnings;
    /** For a student's own check: the stubs to fall back to (laid out like the kit), or empty. */
    private final Optional<Path> ownStubs;

    ModuleSources(Path kit, boolean submissionIsKit, SubmissionAdmission admission, Function<String, Origin> origin,
                  Collection<String> warnings, Optional<Path> ownStubs) {
        this.ownStubs = ownStubs;
        this.kit = kit;
        this.submissionIsKit = submissionIsKit;
        this.admission = admission;
        this.origin = origin;
        this.warnings = warnings;
    }

    /**
     * @param owner each exercise file of the module with its exercise
     * @param reverted exercise files and new files (relative paths) that fall back to the stub or are left out
     */
    List<Compiler.Source> main(String module, Map<String, Exercise> owner, Set<String> reverted,
                               Map<String, SubmissionAdmission.NewFile> newFiles) {
        Path kitMain = KitLayout.mainSources(kit, module);
        Map<String, Compiler.Source> sources = new LinkedHashMap<>();
        for (Path file : KitLayout.javaFiles(kitMain)) {
            String rel = Compiler.slash(kitMain.relativize(file));
            if (!owner.containsKey(rel)) {
                sources.put(rel, new Compiler.Source(rel, SubmissionAdmission.read(file),
                        module + "/src/main/java/" + rel, null));
            }
        }
        for (Map.Entry<String, Exercise> entry : owner.entrySet()) {
            String rel = entry.getKey();
            Exercise e = entry.getValue();
            Origin o = reverted.contains(rel) ? Origin.STUB : origin.apply(e.id());
            Optional<Compiler.Source> own = o == Origin.STUB && submissionIsKit ? ownStub(module, rel, e)
                    : Optional.empty();
            (own.isPresent() ? own : exerciseFile(module, rel, e, o)).ifPresent(s -> sources.put(s.rel(), s));
        }
        for (SubmissionAdmission.NewFile f : newFiles.values()) {
            if (!reverted.contains(f.rel()) && origin.apply(f.exerciseId()) == Origin.SUBMISSION) {
                sources.putIfAbsent(f.rel(), new Compiler.Source(f.rel(), f.content(),
                        module + "/src/main/java/" + f.rel(), f.exerciseId()));
            }
        }
        return List.copyOf(sources.values());
    }

    /** Whether a file of this exercise can fall back to something other than what was compiled. */
    boolean canRevert(String exerciseId) {
        return origin.apply(exerciseId) != Origin.STUB
                && !(submissionIsKit && origin.apply(exerciseId) == Origin.SUBMISSION && ownStubs.isEmpty());
    }

    /** A student's own check: the file's stub from the request's stubs folder, when it has one. */
    private Optional<Compiler.Source> ownStub(String module, String rel, Exercise e) {
        String kitDisplay = module + "/src/main/java/" + rel;
        return ownStubs.map(dir -> dir.resolve(kitDisplay)).filter(Files::isRegularFile)
                .map(f -> new Compiler.Source(rel, SubmissionAdmission.read(f), kitDisplay, e.id()));
    }

    private Optional<Compiler.Source> exerciseFile(String module, String rel, Exercise e, Origin o) {
        Path stub = KitLayout.mainSources(kit, module).resolve(rel);
        String kitDisplay = module + "/src/main/java/" + rel;
        if (o == Origin.SOLUTION) {
            Path solution = KitLayout.solutionSources(kit, module).resolve(rel);
            if (Files.isRegularFile(solution)) {
                return Optional.of(new Compiler.Source(rel, SubmissionAdmission.read(solution),
                        "solutions/" + kitDisplay, e.id()));
            }
            warnings.add("exercise " + e.id() + ": the solution solutions/" + kitDisplay
                    + " is missing from the kit; the stub was used");
        } else if (o == Origin.SUBMISSION && !submissionIsKit) {
            Optional<byte[]> taken = admission.exerciseFile(module, rel, e.id());
            if (taken.isPresent()) {
                return Optional.of(new Compiler.Source(rel, taken.get(), kitDisplay, e.id()));
            }
        }
        if (Files.isRegularFile(stub)) {
            return Optional.of(new Compiler.Source(rel, SubmissionAdmission.read(stub), kitDisplay, e.id()));
        }
        return Optional.empty();
    }
}
