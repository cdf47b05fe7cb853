package k8snet.grader.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 *
 * <p>Each class file's verdict is remembered by a digest of its bytes (and of its folder's class names),
 * so after an edit only the edited file's classes are scanned again; what each source declares is
 * remembered by its text. A folder that passed is remembered
 * for the engine's life (so {@code watch} does not check modules 1-3 again after each save of a module 4
 * file) by its {@link k8snet.grader.runner.TreeDigest} and a digest of
 * the sources it was compiled from, and only when the bytes the check read have exactly the folder's digest.
 * The test JVM loads only bytes with that digest (it refuses a folder that no longer has it), so a class
 * file changed on disk later cannot run under an earlier pass.
 *
 * <p>For a student's own check, a pass is also written down in the compile cache ({@link #apply(Compiler.Result,
 * List, Path)}), named by the same key, the allowlist's digest and the grader's jar (its path, size and time),
 * so that the next {@code ./course check}, a fresh JVM, does not read and check modules 1-3 again after an
 * edit in module 4 (about 0.1 s on 2 cores). Graded runs never write or read such records: there the code
 * is a stranger's, and what it could write while its tests run must not count as a pass later.
 */
final class AllowlistGate {

    /** More remembered class verdicts than this, and they are forgotten (a long watch session's worth). */
    private static final int MAX_VERDICTS = 20_000;

    /** More written-down passes than this, and they are deleted (each is an empty file). */
    private static final int MAX_RECORDS = 2_000;

    private final BytecodeCheck check;
    private final java.util.Set<String> passed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Each class file's violations, by a digest of its bytes and of the names of the folder's classes: all
     * that {@link BytecodeCheck#check} reads. After an edit of one file, only that file's classes are new.
     */
    private final Map<String, List<Violation>> verdicts = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong scans = new java.util.concurrent.atomic.AtomicLong();
    /**
     * What each source text declares, by the text itself: after an edit of one file, reading the package and
     * types of every other file of its module again was most of this check's time (13 of 18 ms in module 4).
     */
    private final Map<String, SourceFacts> facts = new java.util.concurrent.ConcurrentHashMap<>();

    /** What a written-down pass holds for: the rules and the grader build; null when passes stay in memory. */
    private final String build;

    /** A gate for this grader build: passes are written down only when the grader runs from a jar. */
    AllowlistGate(BytecodeCheck check) {
        this(check, GraderJar.identity().orElse(null));
    }

    /**
     * A gate whose written-down passes hold for {@code buildId} (the grader build) and the check's allowlist;
     * a null {@code buildId} keeps passes in memory only.
     */
    AllowlistGate(BytecodeCheck check, String buildId) {
        if (check == null) {
            throw new IllegalArgumentException("The bytecode check must not be null");
        }
        this.check = check;
        this.build = buildId == null ? null : check.allowlist().digest() + "|" + buildId;
    }

    /** As {@link #apply(Compiler.Result, List, Path)} without written-down passes. */
    Compiler.Result apply(Compiler.Result result, List<Compiler.Source> sources) {
        return apply(result, sources, null);
    }

    /**
     * {@code result} itself when it failed already or every student class passes; else a failed copy.
     *
     * @param passes a folder where passes are written down and read from, for a student's own check; null for
     *     none (graded runs)
     */
    Compiler.Result apply(Compiler.Result result, List<Compiler.Source> sources, Path passes) {
        if (!result.ok() || result.classes() == null || !Files.isDirectory(result.classes())) {
            return result;
        }
        String passKey = result.digest() == null ? null : result.digest() + "/" + digestOf(sources);
        if (passKey != null && passed.contains(passKey)) {
            return result;
        }
        Path record = passKey == null || passes == null || build == null ? null
                : passes.resolve(Sha256.hex((build + "|" + passKey).getBytes(StandardCharsets.UTF_8)));
        if (record != null && Files.isRegularFile(record)) {
            passed.add(passKey);
            return result;
        }
        Map<String, byte[]> files = k8snet.grader.runner.TreeDigest.read(result.classes());
        boolean asRecorded = passKey != null && k8snet.grader.runner.TreeDigest.of(files).equals(result.digest());
        Map<String, byte[]> classes = classesOf(files);
        Map<String, Compiler.Source> studentByKey = new HashMap<>();
        Map<String, List<Compiler.Source>> studentByName = new HashMap<>();
        Map<String, Set<String>> providedTypes = new HashMap<>();
        for (Compiler.Source s : sources) {
            SourceFacts facts = factsOf(new String(s.content(), StandardCharsets.UTF_8));
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
        String names = Sha256.hex(String.join("\n", classes.keySet()).getBytes(StandardCharsets.UTF_8));
        if (verdicts.size() > MAX_VERDICTS) {
            verdicts.clear();
        }
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
            List<Violation> found = verdicts.computeIfAbsent(Sha256.hex(c.getValue()) + "/" + names, k -> {
                scans.incrementAndGet();
                return List.copyOf(check.check(c.getValue(), classes.keySet()));
            });
            for (Violation v : found) {
                errors.add(new Compiler.Error(source, v.line(), v.message()));
            }
        }
        if (errors.isEmpty()) {
            if (asRecorded) {
                passed.add(passKey);
                if (record != null) {
                    writeDown(passes, record);
                }
            }
            return result;
        }
        return new Compiler.Result(false, result.classes(), errors, result.removed(), result.cached(), result.digest());
    }

    /** Records a pass; once there are {@value #MAX_RECORDS} records, all of them are deleted first. */
    private static void writeDown(Path passes, Path record) {
        try {
            Files.createDirectories(passes);
            try (java.util.stream.Stream<Path> all = Files.list(passes)) {
                if (all.count() >= MAX_RECORDS) {
                    Compiler.deleteTree(passes);
                    Files.createDirectories(passes);
                }
            }
            Files.write(record, new byte[0]);
        } catch (IOException | RuntimeException e) {
            // Without the record the next check only checks the classes again.
        }
    }

    private SourceFacts factsOf(String text) {
        if (facts.size() > MAX_VERDICTS) {
            facts.clear();
        }
        return facts.computeIfAbsent(text, SourceFacts::of);
    }

    /** How many class files this gate has scanned (not counting verdicts it remembered); for tests. */
    long scans() {
        return scans.get();
    }

    private static boolean isProvided(String className, Set<String> declared) {
        if (declared == null) {
            return false;
        }
        int dollar = className.indexOf('$');
        return declared.contains(dollar < 0 ? className : className.substring(0, dollar));
    }

    /** The class files among {@code files} (by relative path), by binary name, in name order. */
    private static Map<String, byte[]> classesOf(Map<String, byte[]> files) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> f : new java.util.TreeMap<>(files).entrySet()) {
            String rel = f.getKey();
            if (rel.endsWith(".class")) {
                out.put(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'), f.getValue());
            }
        }
        return out;
    }

    /** A digest of what decides which classes are the student's: each source's path, kind and text. */
    private static String digestOf(List<Compiler.Source> sources) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (Compiler.Source s : sources) {
                md.update(s.rel().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(s.exerciseId() == null ? (byte) 0 : (byte) 1);
                md.update(Integer.toString(s.content().length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(s.content());
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
