package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The committed list of the stubs as handed out, {@value #FILE} at the kit's top: one line per file students
 * edit, its git blob id and its kit path. In a clone of the course repository, {@code course reset}, the board's
 * "not started" and the compile-error fallback take each stub from git's object store by that id
 * ({@code git cat-file}), so work a learner has committed in their clone is never mistaken for a stub, as it
 * would be if the stub were the file at {@code HEAD}.
 *
 * <p>A blob id is what {@code git hash-object} gives the file (the SHA-1 of git's header and the content as git
 * stores it, after the repository's line-ending rules), so the same stub has the same id in every clone. The
 * self-check proves the list matches the stubs ({@link StubBlobsCheck}); {@value #WRITE} rewrites it after a stub
 * changes.
 */
final class StubBlobs {

    /** The list's file, at the kit's top. */
    static final String FILE = "stub-blobs.txt";

    /** The maintainer's command that rewrites {@value #FILE} from the stubs in the working tree. */
    static final String WRITE = "./course selfcheck --write-stub-blobs";

    private static final Pattern LINE = Pattern.compile("([0-9a-f]{40}) (\\S.*)");

    private StubBlobs() {
    }

    /**
     * The list in {@code kit}, kit path to blob id, in the file's order; empty when the kit has no list.
     *
     * @throws CourseException (exit code 1) naming the line that is not a blob id and a path
     */
    static Optional<Map<String, String>> read(Path kit) {
        Path file = kit.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return Optional.of(parse(lines));
    }

    /** {@link #read}'s parser: blank lines and {@code #} comments are skipped. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> blobs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new CourseException(1, FILE + " line " + (i + 1) + " is not a git blob id (40 hex digits) "
                        + "and a kit path: '" + line + "'. Restore it from git, or rewrite it with " + WRITE + ".");
            }
            if (blobs.put(m.group(2), m.group(1)) != null) {
                throw new CourseException(1, FILE + " line " + (i + 1) + " lists " + m.group(2) + " a second time.");
            }
        }
        return blobs;
    }

    /** The file's text for {@code blobs} (kit path to blob id), in their order. */
    static String text(Map<String, String> blobs) {
        StringBuilder text = new StringBuilder()
                .append("# The git blob of every stub students edit, as handed out (git hash-object). In a clone of the\n")
                .append("# course repository, ./course reset and the board take the stubs from git by these ids, so\n")
                .append("# work a learner commits is never taken for a stub. Rewrite it after changing a stub:\n")
                .append("#   ").append(WRITE).append('\n');
        blobs.forEach((path, blob) -> text.append(blob).append(' ').append(path).append('\n'));
        return text.toString();
    }

    /**
     * The blob ids git gives {@code paths} in {@code kit} now ({@code git hash-object}, one call), kit path to id;
     * a path that is not a regular file is left out. Empty when git cannot say (not installed, or it failed).
     */
    static Optional<Map<String, String>> hash(Path kit, List<String> paths) {
        List<String> present = paths.stream().filter(p -> Files.isRegularFile(kit.resolve(p))).toList();
        Map<String, String> ids = new LinkedHashMap<>();
        if (present.isEmpty()) {
            return Optional.of(ids);
        }
        List<String> args = new ArrayList<>(List.of("hash-object", "--"));
        args.addAll(present);
        Git.Result r = Git.run(kit, args);
        List<String> lines = r.text().lines().toList();
        if (!r.ok() || lines.size() != present.size()) {
            return Optional.empty();
        }
        for (int i = 0; i < present.size(); i++) {
            ids.put(present.get(i), lines.get(i).strip());
        }
        return Optional.of(ids);
    }

    /**
     * Of {@code paths}, those that are not now the stub {@code listed} gives them (a missing file included), by one
     * {@code git hash-object}; empty when git cannot hash them.
     */
    static Optional<Set<String>> changed(Path kit, List<String> paths, Map<String, String> listed) {
        Optional<Map<String, String>> now = hash(kit, paths);
        if (now.isEmpty()) {
            return Optional.empty();
        }
        Set<String> changed = new LinkedHashSet<>();
        for (String p : paths) {
            if (!Objects.equals(listed.get(p), now.get().get(p))) {
                changed.add(p);
            }
        }
        return Optional.of(changed);
    }

    /**
     * Where {@code kit} lies in its repository ({@code git rev-parse --show-prefix}: empty at the top, else a
     * folder path ending in a slash), for {@link #content}; empty when {@code kit} is not a git checkout.
     */
    static Optional<String> prefix(Path kit) {
        Git.Result r = Git.run(kit, List.of("rev-parse", "--show-prefix"));
        return r.ok() ? Optional.of(r.text().strip()) : Optional.empty();
    }

    /**
     * The stub with blob id {@code blob}, as a checkout would write it at {@code path} (line endings by the
     * repository's rules: {@code git cat-file --filters}, the path taken from the repository's top through
     * {@code prefix}); empty when the repository does not hold that blob.
     */
    static Optional<byte[]> content(Path kit, String prefix, String path, String blob) {
        Git.Result r = Git.run(kit, List.of("cat-file", "--filters", "--path=" + prefix + path, blob));
        return r.ok() ? Optional.of(r.output()) : Optional.empty();
    }
}
