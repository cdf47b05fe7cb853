package k8snet.grader.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import k8snet.grader.manifest.Manifest;

/**
 * The digest list of a kit: the SHA-256 of every file that grading in the kit's own folder trusts, as the course
 * exported it. {@code course export-student} writes it into the student kit as {@value #FILE_NAME}, and
 * {@code course grade} checks a kit against it before the kit's own tests grade anything.
 *
 * <p>The trusted files are everything a student must not change: {@code course.yaml}, the launchers
 * ({@code course}, {@code course.cmd}, {@code mvnw}, {@code mvnw.cmd}, {@code .mvn/}), the {@code pom.xml} at the
 * top and in each top-level folder, all of {@code grader/}, and everything under each course module's
 * {@code src/} except the files students edit: provided code, graded tests, test support. Build output
 * ({@code target/}), {@code .course/} and {@code .git/} are never listed. Which files those are, in a kit as it
 * is now, is {@link TrustedFiles}'s to say.
 *
 * <p>The file has {@code sha256sum}'s format, {@code <64 hex digits>  <kit-relative path>}, one line per file in
 * path order, after comment lines that start with {@code #}; {@code # course-commit <sha>} names the course commit
 * the kit was exported from. Each digest is of the file with CRLF line endings read as LF, so a checkout on
 * Windows (git's {@code core.autocrlf}) matches; {@code sha256sum -c} therefore agrees only for LF files.
 *
 * <pre>{@code
 * KitDigests.of(kit, manifest, Optional.of(commit)).write(kit);
 * List<KitDigests.Difference> edited = KitDigests.read(kit).orElseThrow().differences(kit, manifest);
 * }</pre>
 */
public final class KitDigests {

    /** The digest list's name, at the kit's root. */
    public static final String FILE_NAME = ".course-pristine.sha256";

    private static final String COMMIT_PREFIX = "# course-commit ";
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");

    /** One way a kit differs from its digest list. */
    public enum Change {
        /** The file is there but its content is not the course's. */
        CHANGED("changed"),
        /** The list names the file but the kit does not have it. */
        MISSING("missing"),
        /** The kit has a trusted file the list does not name (a new test, say). */
        ADDED("added");

        private final String word;

        Change(String word) {
            this.word = word;
        }

        /** How a message says it: {@code changed}, {@code missing}, {@code added}. */
        public String word() {
            return word;
        }
    }

    /** A trusted file that is not as the course exported it. */
    public record Difference(String path, Change change) {

        /** {@code path (changed)}. */
        @Override
        public String toString() {
            return path + " (" + change.word() + ")";
        }
    }

    private final Map<String, String> digests;
    private final Optional<String> commit;

    private KitDigests(Map<String, String> digests, Optional<String> commit) {
        this.digests = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(digests));
        this.commit = commit;
    }

    /**
     * The digests of the trusted files of {@code kit} as it is now.
     *
     * @param commit the course commit the kit comes from, when known (40 hex digits)
     * @throws IllegalArgumentException when {@code commit} is not 40 lower-case hex digits
     */
    public static KitDigests of(Path kit, Manifest manifest, Optional<String> commit) {
        Objects.requireNonNull(kit, "kit");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(commit, "commit");
        commit.ifPresent(c -> {
            if (!c.matches("[0-9a-f]{40}")) {
                throw new IllegalArgumentException("A course commit is 40 lower-case hex digits: " + c);
            }
        });
        Map<String, String> digests = new TreeMap<>();
        for (String rel : TrustedFiles.of(kit, manifest)) {
            digests.put(rel, sha256(kit.resolve(rel)));
        }
        return new KitDigests(digests, commit);
    }

    /**
     * The digest list {@code kit} carries, if it has one.
     *
     * @throws IllegalArgumentException naming the line when the file is not a digest list
     */
    public static Optional<KitDigests> read(Path kit) {
        Path file = kit.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> digests = new TreeMap<>();
        Optional<String> commit = Optional.empty();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(COMMIT_PREFIX)) {
                commit = Optional.of(line.substring(COMMIT_PREFIX.length()).strip());
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            String path = m.matches() ? m.group(2) : "";
            if (!m.matches() || path.startsWith("/") || path.contains("\\") || List.of(path.split("/")).contains("..")) {
                throw new IllegalArgumentException("Line " + (i + 1) + " of " + FILE_NAME + " is not "
                        + "'<sha256>  <path inside the kit>': " + line);
            }
            digests.put(path, m.group(1));
        }
        return Optional.of(new KitDigests(digests, commit));
    }

    /** Writes the list as {@code kit/}{@value #FILE_NAME}. */
    public void write(Path kit) {
        StringBuilder text = new StringBuilder()
                .append("# The files this kit grades with, as the course exported them: the SHA-256 of each (CRLF\n")
                .append("# read as LF), as sha256sum prints them. Grading this folder with its own tests checks them\n")
                .append("# first (course grade). Written by course export-student; do not edit.\n");
        commit.ifPresent(c -> text.append(COMMIT_PREFIX).append(c).append('\n'));
        digests.forEach((path, digest) -> text.append(digest).append("  ").append(path).append('\n'));
        try {
            Files.writeString(kit.resolve(FILE_NAME), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + kit.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    /** Path to digest (64 lower-case hex digits), in path order. */
    public Map<String, String> digests() {
        return new TreeMap<>(digests);
    }

    /** The course commit the kit was exported from, when the list names one. */
    public Optional<String> commit() {
        return commit;
    }

    /**
     * How {@code kit} differs from this list, in path order: listed files that changed or are gone, and trusted
     * files the list does not name. New source files in the folder of a file students edit are not counted: a
     * student may add classes there (the grader takes them as part of the exercise).
     */
    public List<Difference> differences(Path kit, Manifest manifest) {
        Map<String, Change> found = new TreeMap<>();
        digests.forEach((path, digest) -> {
            Path file = kit.resolve(path);
            if (!Files.isRegularFile(file)) {
                found.put(path, Change.MISSING);
            } else if (!sha256(file).equals(digest)) {
                found.put(path, Change.CHANGED);
            }
        });
        Set<String> helperFolders = TrustedFiles.helperFolders(manifest);
        for (String rel : TrustedFiles.of(kit, manifest)) {
            String folder = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')) : "";
            if (!digests.containsKey(rel) && !(rel.endsWith(".java") && helperFolders.contains(folder))) {
                found.put(rel, Change.ADDED);
            }
        }
        List<Difference> out = new ArrayList<>();
        found.forEach((path, change) -> out.add(new Difference(path, change)));
        return out;
    }

    /** The SHA-256 of a file's content with each CRLF read as LF, as 64 lower-case hex digits. */
    static String sha256(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        byte[] lf = new byte[bytes.length];
        int n = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (!(bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n')) {
                lf[n++] = bytes[i];
            }
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(lf, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
