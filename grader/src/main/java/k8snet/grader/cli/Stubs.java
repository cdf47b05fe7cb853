package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.grader.manifest.Exercise;

/**
 * Where an exercise's stubs come from, for {@code course reset}: the files as they were handed out, byte
 * for byte.
 * <ol>
 *   <li>A student kit made by {@code export-student} carries a copy of every stub in {@value #FOLDER}/,
 *       laid out like the kit ({@code stubs/module-01-basics/src/main/java/...}), written when the kit was
 *       exported (after {@link StubCheck} proved each one is its committed stub).</li>
 *   <li>The course repository itself (instructors, and learners working in a clone) has no copy: there
 *       each stub comes from git's object store by the blob id {@link StubBlobs} lists, read with
 *       {@code git cat-file --filters} so line endings come out as a checkout would write them. Work a
 *       learner commits in the clone is therefore never taken for the stub.</li>
 *   <li>A clone without that list, or without one of its blobs, takes the file as committed at
 *       {@code HEAD} (a learner who commits their own work then gets their last commit back).</li>
 * </ol>
 * A kit with neither (a plain copy of the repository without {@code .git}) cannot be reset; the message
 * says where to get the stubs.
 */
final class Stubs {

    /** The folder of stub copies at a student kit's top level. */
    static final String FOLDER = "stubs";

    /** The stubs of one exercise: each file's kit path with its bytes, and where they came from. */
    record Found(Map<String, byte[]> files, String source) {
    }

    private Stubs() {
    }

    /** The kit paths of an exercise's files, such as {@code module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java}. */
    static List<String> paths(Exercise e) {
        return e.files().stream().map(f -> e.module() + "/src/main/java/" + f).toList();
    }

    /**
     * The stubs of {@code exercise} in {@code kit}.
     *
     * @throws CourseException (exit code 1) when the kit has no stub copies and git cannot give them
     */
    static Found of(Path kit, Exercise exercise) {
        List<String> paths = paths(exercise);
        Path copies = kit.resolve(FOLDER);
        if (Files.isDirectory(copies)) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (String p : paths) {
                Path copy = copies.resolve(p);
                if (!Files.isRegularFile(copy)) {
                    throw new CourseException(1, "cannot reset " + exercise.id() + ": the kit's copy of the stub "
                            + FOLDER + "/" + p + " is missing. Ask your instructor for the stub of this file.");
                }
                files.put(p, read(copy));
            }
            return new Found(files, "the kit's copies in " + FOLDER + "/");
        }
        Git.Result inside = Git.run(kit, List.of("rev-parse", "--is-inside-work-tree"));
        if (inside.exitCode() != 0 || !inside.text().strip().equals("true")) {
            throw new CourseException(1, "cannot reset " + exercise.id() + ": this kit has no " + FOLDER
                    + "/ folder (a student kit made by export-student has one) and is not a git checkout ("
                    + firstLine(inside) + "), so there is nothing to take the stubs from. Get them from the course's "
                    + "repository or from your instructor.");
        }
        Optional<Map<String, byte[]>> handedOut = fromBlobList(kit, paths);
        if (handedOut.isPresent()) {
            return new Found(handedOut.get(), "git, the stubs listed in " + StubBlobs.FILE);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String p : paths) {
            Git.Result blob = Git.run(kit, List.of("cat-file", "--filters", "HEAD:./" + p));
            if (blob.exitCode() != 0) {
                throw new CourseException(1, "cannot reset " + exercise.id() + ": git has no committed " + p
                        + " at HEAD (" + firstLine(blob) + ").");
            }
            files.put(p, blob.output());
        }
        Git.Result head = Git.run(kit, List.of("rev-parse", "--short", "HEAD"));
        return new Found(files, "git, as committed at HEAD" + (head.exitCode() == 0 ? " (" + head.text().strip() + ")" : ""));
    }

    /**
     * The stubs of {@code paths} from git's object store by the ids in {@link StubBlobs#FILE}; empty when the kit
     * has no list, the list lacks one of the paths, or the repository lacks one of the blobs (then HEAD is used).
     */
    private static Optional<Map<String, byte[]>> fromBlobList(Path kit, List<String> paths) {
        Optional<Map<String, String>> blobs = StubBlobs.read(kit);
        if (blobs.isEmpty() || !blobs.get().keySet().containsAll(paths)) {
            return Optional.empty();
        }
        Optional<String> prefix = StubBlobs.prefix(kit);
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String p : paths) {
            Optional<byte[]> stub = StubBlobs.content(kit, prefix.get(), p, blobs.get().get(p));
            if (stub.isEmpty()) {
                return Optional.empty();
            }
            files.put(p, stub.get());
        }
        return Optional.of(files);
    }

    private static String firstLine(Git.Result r) {
        return r.error().strip().lines().findFirst().orElse("git exit code " + r.exitCode());
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
