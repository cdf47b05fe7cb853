package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * Proves that the files students edit are still the stubs before the kit is handed out: an instructor who
 * solved the exercises in their own copy must never export it.
 *
 * <p>The comparison is with git: every student file must be unchanged from its committed version
 * ({@code git status} against {@code HEAD}: not modified, staged, deleted, untracked or ignored), and must not
 * be byte-for-byte its reference solution (which would mean a solved copy was committed), nor differ from the stub
 * {@link StubBlobs} lists when the kit has that list (work committed in an instructor's clone). A kit that is not a
 * git checkout cannot be checked, so it is refused too: export from a clone of the course's repository.
 * There is deliberately no override.
 */
final class StubCheck {

    private StubCheck() {
    }

    /** The kit-relative paths of every file a student edits, in manifest order. */
    static List<String> studentFiles(Manifest manifest) {
        return KitLayout.studentFiles(manifest);
    }

    /**
     * Refuses, with the files and why, when a student file is not its committed stub.
     *
     * @throws CourseException (exit code 1) naming each file that differs, or saying why git cannot tell
     */
    static void requireStubs(Path kit, Manifest manifest) {
        requireStubs(kit, manifest, "export-student");
    }

    /**
     * {@link #requireStubs(Path, Manifest)} for another command that hands the kit on ({@code gradescope}:
     * a solved file in a bundle would be the "stub" every missing submission file is graded with).
     *
     * @throws CourseException (exit code 1) naming each file that differs, or saying why git cannot tell
     */
    static void requireStubs(Path kit, Manifest manifest, String command) {
        Map<String, String> problems = problems(kit, manifest, command);
        if (!problems.isEmpty()) {
            StringBuilder message = new StringBuilder(command + " refused: these student files are not the "
                    + "stubs committed in git (HEAD), and a solved copy must never be handed out:");
            problems.forEach((file, why) -> message.append("\n  ").append(file).append(" (").append(why).append(')'));
            message.append("\nRestore them (git restore --staged --worktree -- FILE), or export from a fresh clone "
                    + "of the course repository.");
            throw new CourseException(1, message.toString());
        }
    }

    /** Each student file that is not its committed stub, with why, in manifest order. */
    static Map<String, String> problems(Path kit, Manifest manifest) {
        return problems(kit, manifest, "export-student");
    }

    private static Map<String, String> problems(Path kit, Manifest manifest, String command) {
        List<String> files = studentFiles(manifest);
        Git.Result prefix = Git.run(kit, List.of("rev-parse", "--show-prefix"));
        if (!prefix.ok()) {
            throw new CourseException(1, command + " refused: it checks with git that every student file is "
                    + "its committed stub, but " + kit + " is not a git checkout (git: " + prefix.firstErrorLine()
                    + "). Run it in a clone of the course repository.");
        }
        String inRepo = prefix.text().strip();
        List<String> args = new ArrayList<>(List.of("status", "--porcelain=v1", "-z", "--untracked-files=all",
                "--ignored=matching", "--"));
        args.addAll(files);
        Git.Result status = Git.run(kit, args);
        if (!status.ok()) {
            throw new CourseException(1, command + " refused: git status failed in " + kit + ": "
                    + status.error().strip());
        }
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> entries = Arrays.asList(status.text().split("\0"));
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i);
            if (entry.length() < 4) {
                continue;
            }
            String code = entry.substring(0, 2);
            String path = entry.substring(3);
            if (code.indexOf('R') >= 0 || code.indexOf('C') >= 0) {
                i++; // the entry's original path follows
            }
            String rel = path.startsWith(inRepo) ? path.substring(inRepo.length()) : path;
            problems.put(rel, why(code));
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String f : files) {
            Path file = kit.resolve(f);
            if (problems.containsKey(f)) {
                ordered.put(f, problems.get(f));
            } else if (!Files.isRegularFile(file)) {
                ordered.put(f, "missing");
            } else if (sameAsSolution(kit, f)) {
                ordered.put(f, "it is the reference solution, committed as the stub");
            }
        }
        Optional<Map<String, String>> listed = StubBlobs.read(kit);
        if (listed.isPresent()) {
            Set<String> changed = StubBlobs.changed(kit, files, listed.get()).orElseThrow(() -> new CourseException(1,
                    command + " refused: git hash-object failed in " + kit + ", so the stubs cannot be compared with "
                    + StubBlobs.FILE));
            changed.forEach(f -> ordered.putIfAbsent(f, "committed, but not the stub " + StubBlobs.FILE + " lists"));
        }
        return ordered;
    }

    /** Whether the kit file {@code rel} is byte for byte its reference solution under {@code solutions/}. */
    static boolean sameAsSolution(Path kit, String rel) {
        int slash = rel.indexOf('/');
        String module = rel.substring(0, slash);
        String inModule = rel.substring(slash + 1 + "src/main/java/".length());
        Path solution = KitLayout.solutionSources(kit, module).resolve(inModule);
        try {
            return Files.isRegularFile(solution)
                    && Arrays.equals(Files.readAllBytes(solution), Files.readAllBytes(kit.resolve(rel)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compare " + rel + " with its solution", e);
        }
    }

    private static String why(String code) {
        if (code.equals("??")) {
            return "not committed";
        }
        if (code.equals("!!")) {
            return "ignored by git, not committed";
        }
        if (code.indexOf('D') >= 0) {
            return "deleted";
        }
        if (code.indexOf('A') >= 0) {
            return "added but not committed";
        }
        if (code.indexOf('R') >= 0) {
            return "renamed";
        }
        return "changed since the last commit";
    }
}
