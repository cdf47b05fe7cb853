package k8snet.grader.engine;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Compiles sources in-process with javax.tools ({@code --release 17}, UTF-8) and caches the classes by a
 * hash of everything that goes in (source paths and contents, class path, options, the compiler's
 * version), so an unchanged re-run skips javac. A folder of classes on the class path counts by its
 * {@link ClassAbi} digest, so code compiled against it stays cached while only method bodies change. A
 * failed compile is cached too, with its messages. An entry ({@link CacheEntry}) is used only while its
 * classes and {@code result.json} match the digest the {@link CacheIndex} keeps outside it; otherwise it is
 * rebuilt.
 */
final class Compiler {

    /** One source file: its path inside the compile's source root, its bytes, and who it belongs to. */
    record Source(String rel, byte[] content, String display, String exerciseId) {
    }

    /**
     * One compiler error, already mapped back to the file a person would open.
     *
     * @param line 1-based, 0 when javac named no line
     * @param column 1-based, with tabs expanded to every 8th column as javac counts them; 0 when unknown
     * @param code the text of that source line (without its line break), "" when unknown
     */
    record Error(Source source, long line, long column, String code, String text) {

        Error {
            code = code == null ? "" : code;
        }

        /** An error without a column or source line. */
        Error(Source source, long line, String text) {
            this(source, line, 0, "", text);
        }

        /**
         * {@code path:line: message}, the path as the student or instructor knows it (repository-relative);
         * when the source line is known, followed by that line and a caret under the column, as javac prints
         * them, each indented by four spaces, and then the rest of a message of several lines:
         * <pre>
         * module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java:42: ';' expected
         *         int bits = 0
         *                     ^
         * </pre>
         */
        String format() {
            String where = source == null ? "(no file)" : source.display();
            String head = where + (line > 0 ? ":" + line : "") + ": ";
            if (code.isBlank()) {
                return head + text;
            }
            String[] lines = text.split("\n", 2);
            String shown = expandTabs(code).stripTrailing();
            StringBuilder out = new StringBuilder(head).append(lines[0]).append("\n    ").append(shown);
            if (column > 0 && column <= shown.length() + 1) {
                out.append("\n    ").append(" ".repeat((int) column - 1)).append('^');
            }
            if (lines.length > 1) {
                out.append('\n').append(lines[1]);
            }
            return out.toString();
        }

        private static String expandTabs(String s) {
            StringBuilder out = new StringBuilder();
            for (char c : s.toCharArray()) {
                if (c == '\t') {
                    do {
                        out.append(' ');
                    } while (out.length() % 8 != 0);
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }

    /**
     * The outcome: classes when ok, errors when not, classes removed because they shadow the kit, and the
     * {@link k8snet.grader.runner.TreeDigest} of the classes (what the runner checks before it loads them).
     */
    record Result(boolean ok, Path classes, List<Error> errors, List<String> removed, boolean cached, String digest) {

        /** The classes as a folder of the test JVM's class path. */
        ClassFolder folder() {
            return new ClassFolder(classes, digest);
        }
    }

    private final Path cacheDir;
    private final CacheIndex index;
    private final ObjectMapper json = new ObjectMapper();
    private final BuildHash buildHash;
    private final DigestMemo digests;

    Compiler(Path cacheDir, CacheIndex index) {
        this(cacheDir, index, DigestMemo.OFF);
    }

    /** @param digests how the classes of a cached entry are digested when it is read back */
    Compiler(Path cacheDir, CacheIndex index, DigestMemo digests) {
        this.cacheDir = cacheDir;
        this.index = index;
        this.buildHash = new BuildHash(cacheDir);
        this.digests = digests;
    }

    /**
     * Compiles {@code sources} (explicitly) with {@code support} on the source path (compiled only where
     * referenced), against {@code classpath}. Classes whose name {@code forbidden} accepts are deleted
     * from the output and reported in {@link Result#removed()}; {@code forbiddenKey} describes that rule for the
     * cache key.
     *
     * @param layout an empty scratch directory where the sources are written for javac
     */
    Result compile(String kind, Path layout, List<Source> sources, List<Source> support, List<Path> classpath,
                   Predicate<String> forbidden, String forbiddenKey) {
        String key = key(kind, sources, support, classpath, forbiddenKey);
        CacheEntry entry = entry(key);
        try {
            if (entry.exists()) {
                Result cached = entry.read(sources, support, true);
                if (cached != null) {
                    return cached;
                }
                // Someone changed the cached entry (test code runs with the grader's permissions), or it has no
                // digest outside it: rebuild.
                entry.discard();
            }
            deleteTree(layout);
            Path src = layout.resolve("src");
            Path sup = layout.resolve("support");
            List<Path> files = write(src, sources);
            write(sup, support);
            Files.createDirectories(sup);

            Path tmp = entry.newTemp();
            Path classes = Files.createDirectories(tmp.resolve("classes"));
            ObjectNode result = json.createObjectNode();
            ArrayNode errors = result.putArray("errors");
            // A module may have no main sources yet: that is an empty, successful build, not a javac error.
            boolean ok = files.isEmpty() || Javac.run(files, classes, classpath, sup, src, errors);
            ArrayNode removed = result.putArray("removed");
            if (ok) {
                removeForbidden(classes, forbidden).forEach(removed::add);
            }
            result.put("ok", ok);
            entry.seal(tmp, result);
            entry.moveIntoPlace(tmp, true);
            Result fresh = entry.read(sources, support, false);
            if (fresh == null) {
                throw new IllegalStateException("The compiled classes in " + cacheDir.resolve(key)
                        + " changed while they were written");
            }
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot compile into " + cacheDir.resolve(key), e);
        }
    }

    /** The cache key of a compile: its kind and the hash of everything that goes in. */
    String key(String kind, List<Source> sources, List<Source> support, List<Path> classpath, String forbiddenKey) {
        return kind + "-" + buildHash.of(sources, support, classpath, forbiddenKey);
    }

    /** The cached result under {@code key}, verified against its digest, or null when there is none. */
    Result cached(String key) {
        CacheEntry entry = entry(key);
        try {
            return entry.exists() ? entry.read(List.of(), List.of(), true) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Compiles {@code sources} into {@code layout}/classes, uncached, without support sources; returns whether
     * javac succeeded. For {@link IncrementalCompile}, which checks the outcome before it keeps it.
     */
    boolean compileUncached(Path layout, List<Source> sources, List<Path> classpath) throws IOException {
        deleteTree(layout);
        Path sup = Files.createDirectories(layout.resolve("support"));
        List<Path> files = write(layout.resolve("src"), sources);
        Path classes = Files.createDirectories(layout.resolve("classes"));
        return Javac.run(files, classes, classpath, sup, layout.resolve("src"), json.createArrayNode());
    }

    /**
     * Stores a folder of classes as the successful result of {@code key} (after deleting the classes
     * {@code forbidden} accepts, as a compile would), unless a result is there already.
     */
    void store(String key, Path classes, Predicate<String> forbidden) throws IOException {
        CacheEntry entry = entry(key);
        if (entry.exists()) {
            return;
        }
        Path tmp = entry.newTemp();
        Files.move(classes, tmp.resolve("classes"));
        ObjectNode result = json.createObjectNode();
        result.putArray("errors");
        ArrayNode removed = result.putArray("removed");
        removeForbidden(tmp.resolve("classes"), forbidden).forEach(removed::add);
        result.put("ok", true);
        entry.seal(tmp, result);
        entry.moveIntoPlace(tmp, false);
    }

    private CacheEntry entry(String key) {
        return new CacheEntry(cacheDir, index, key, json, digests);
    }

    private static List<String> removeForbidden(Path classes, Predicate<String> forbidden) throws IOException {
        List<String> removed = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path f : files) {
            String rel = slash(classes.relativize(f));
            String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
            int dollar = name.indexOf('$');
            String topLevel = dollar < 0 ? name : name.substring(0, dollar);
            if (forbidden.test(topLevel)) {
                Files.delete(f);
                if (!removed.contains(topLevel)) {
                    removed.add(topLevel);
                }
            }
        }
        return removed;
    }

    private static List<Path> write(Path root, List<Source> sources) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Source s : sources) {
            Path file = root.resolve(s.rel());
            Files.createDirectories(file.getParent());
            Files.write(file, s.content());
            files.add(file);
        }
        return files;
    }

    static String join(List<Path> paths) {
        return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    static String slash(Path p) {
        return p.toString().replace('\\', '/');
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
