package k8snet.grader.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A module's main compile after an edit of a few of its files: javac compiles only the edited files, against
 * the module's previous classes, and the result stands in for a full compile when it may: when the edited
 * files compile, their classes have exactly the ABI they had ({@link ClassAbi}; so every other class of the
 * module, compiled against that ABI, is still right), and the previous build removed no class. Then the
 * previous classes, less those compiled from the edited files (found by their SourceFile attribute), plus
 * the new ones, are stored in the compile cache under the full compile's key. Anything else (a new or deleted
 * file, a changed API, a compile error, whose messages must come from a full compile) falls back to the full
 * compile, so the outcome is always the one a full compile gives.
 *
 * <p>Each kind of compile remembers its latest successful build in the cache folder
 * ({@code latest-<kind>.properties}: its key, its context and a hash of each source). Used for a student's own
 * {@code check} and {@code watch}, where the same module is compiled again and again; on 2 cores it takes a
 * cold compile of module 1 after a one-file edit from about 0.6 s to about 0.3 s.
 */
final class IncrementalCompile {

    /** More edited files than this, and a full compile is as quick. */
    private static final int MAX_EDITED = 3;

    private final Compiler compiler;
    private final Path cacheDir;
    private boolean lastIncremental;

    IncrementalCompile(Compiler compiler, Path cacheDir) {
        this.compiler = compiler;
        this.cacheDir = cacheDir;
    }

    /** As {@link Compiler#compile} without support sources, compiling only the edited files when it may. */
    Compiler.Result compile(String kind, Path layout, List<Compiler.Source> sources, List<Path> classpath,
                            Predicate<String> forbidden, String forbiddenKey) {
        String key = compiler.key(kind, sources, List.of(), classpath, forbiddenKey);
        String context = compiler.key(kind, List.of(), List.of(), classpath, forbiddenKey);
        lastIncremental = false;
        if (compiler.cached(key) == null) {
            try {
                lastIncremental = tryIncremental(kind, key, context, layout, sources, classpath, forbidden);
            } catch (IOException | RuntimeException e) {
                // Any doubt: the full compile below decides.
                lastIncremental = false;
            }
        }
        Compiler.Result result = compiler.compile(kind, layout, sources, List.of(), classpath, forbidden, forbiddenKey);
        if (result.ok()) {
            remember(kind, key, context, sources);
        }
        return result;
    }

    /** Whether the latest {@link #compile} was served by compiling only the edited files. */
    boolean lastIncremental() {
        return lastIncremental;
    }

    private boolean tryIncremental(String kind, String key, String context, Path layout, List<Compiler.Source> sources,
                                   List<Path> classpath, Predicate<String> forbidden) throws IOException {
        Properties latest = read(kind);
        if (latest == null || !context.equals(latest.getProperty("context"))) {
            return false;
        }
        Compiler.Result previous = compiler.cached(latest.getProperty("key", ""));
        if (previous == null || !previous.ok() || !previous.removed().isEmpty()) {
            return false;
        }
        Map<String, String> before = new HashMap<>();
        latest.stringPropertyNames().stream().filter(n -> n.startsWith("src.")).forEach(n -> before.put(n.substring(4),
                latest.getProperty(n)));
        if (!before.keySet().equals(sources.stream().map(Compiler.Source::rel).collect(Collectors.toSet()))) {
            return false;
        }
        List<Compiler.Source> edited = sources.stream().filter(s -> !Sha256.hex(s.content()).equals(before.get(s.rel()))).toList();
        if (edited.isEmpty() || edited.size() > MAX_EDITED || edited.size() == sources.size()) {
            return false;
        }
        Path scratch = layout.resolveSibling(layout.getFileName() + "-incremental");
        List<Path> against = new ArrayList<>(classpath);
        against.add(previous.classes());
        if (!compiler.compileUncached(scratch, edited, against)) {
            return false;
        }
        Set<String> editedRels = edited.stream().map(Compiler.Source::rel).collect(Collectors.toSet());
        Map<String, String> oldAbi = abis(previous.classes(), editedRels, true);
        Map<String, String> newAbi = abis(scratch.resolve("classes"), editedRels, false);
        if (oldAbi == null || newAbi == null || !oldAbi.equals(newAbi)) {
            return false;
        }
        // The edited files' new classes are where javac put them; the previous build's other classes join them.
        // None of those is among the new ones: the two ABI maps, keyed by class file, are equal.
        Path merged = scratch.resolve("classes");
        linkTree(previous.classes(), merged, oldAbi.keySet());
        compiler.store(key, merged, forbidden);
        Compiler.deleteTree(scratch);
        return compiler.cached(key) != null;
    }

    /**
     * The ABI of each class file under {@code classes} compiled from one of {@code rels} (all of them when
     * {@code onlyThose} is false), by its path; null when a class file does not say where it came from.
     */
    private static Map<String, String> abis(Path classes, Set<String> rels, boolean onlyThose) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                Optional<String> source = ClassAbi.sourcePath(bytes);
                if (source.isEmpty()) {
                    return null;
                }
                if (!onlyThose || rels.contains(source.get())) {
                    out.put(Compiler.slash(classes.relativize(f)), ClassAbi.describe(bytes));
                }
            }
        }
        return out;
    }

    /**
     * Puts each file under {@code from} but those in {@code except} at the same place under {@code to}, as a hard
     * link where the file system makes one (the cache's files are never written in place: a changed one fails
     * its entry's digest), else as a copy. A link costs a fraction of a copy (the README's "Where a slow
     * exercise's time goes in {@code watch}" has the numbers).
     */
    private static void linkTree(Path from, Path to, Set<String> except) throws IOException {
        boolean link = true;
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = Compiler.slash(from.relativize(p));
                if (except.contains(rel)) {
                    continue;
                }
                Path target = to.resolve(rel);
                Files.createDirectories(target.getParent());
                if (link) {
                    try {
                        Files.createLink(target, p);
                        continue;
                    } catch (IOException | UnsupportedOperationException e) {
                        // Another file system, or one without hard links: copies from here on.
                        link = false;
                    }
                }
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void remember(String kind, String key, String context, List<Compiler.Source> sources) {
        Properties known = read(kind);
        if (known != null && key.equals(known.getProperty("key")) && context.equals(known.getProperty("context"))) {
            // The same build as last time (a cached re-run): the cache is left as it is.
            return;
        }
        Properties p = new Properties();
        p.setProperty("key", key);
        p.setProperty("context", context);
        sources.forEach(s -> p.setProperty("src." + s.rel(), Sha256.hex(s.content())));
        Path file = cacheDir.resolve("latest-" + kind + ".properties");
        Path tmp = cacheDir.resolve("latest-" + kind + ".properties.tmp-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId());
        try {
            Files.createDirectories(cacheDir);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "the latest successful " + kind + " compile");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Without it the next compile is a full one.
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // A stray temporary file in the cache folder.
            }
        }
    }

    private Properties read(String kind) {
        Path file = cacheDir.resolve("latest-" + kind + ".properties");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
            return p;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
