package k8snet.grader.engine;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import k8snet.grader.runner.TreeDigest;

/**
 * One entry of the compile cache on disk, {@code <cache>/<key>/}: its {@code classes/} and its
 * {@code result.json} (whether javac succeeded, its errors, the classes removed), built in a temporary
 * folder beside it and moved into place, and read back only while both match the digest the
 * {@link CacheIndex} keeps outside it.
 */
final class CacheEntry {

    private final Path cacheDir;
    private final CacheIndex index;
    private final String key;
    private final Path dir;
    private final ObjectMapper json;
    private final DigestMemo digests;

    CacheEntry(Path cacheDir, CacheIndex index, String key, ObjectMapper json, DigestMemo digests) {
        this.cacheDir = cacheDir;
        this.index = index;
        this.key = key;
        this.dir = cacheDir.resolve(key);
        this.json = json;
        this.digests = digests;
    }

    /** Whether the entry has a result file (whether it matches its digest is {@link #read}'s question). */
    boolean exists() {
        return Files.isRegularFile(dir.resolve("result.json"));
    }

    /** A new, empty folder beside the entry to build it in. */
    Path newTemp() throws IOException {
        Files.createDirectories(cacheDir);
        return Files.createDirectories(cacheDir.resolve(key + ".tmp-" + UUID.randomUUID()));
    }

    /**
     * Writes {@code result} as the result file of the entry being built in {@code tmp} and records the
     * digest of it and its classes. Recorded before the move: a concurrent build of the same inputs
     * records the same digest.
     */
    void seal(Path tmp, ObjectNode result) throws IOException {
        Files.writeString(tmp.resolve("result.json"), json.writeValueAsString(result));
        index.record(cacheDir, key, digest(TreeDigest.of(tmp.resolve("classes")), tmp));
    }

    /**
     * Moves the sealed {@code tmp} into place. When another build got there first, {@code tmp} is deleted;
     * any other failure is thrown when {@code strict} and no entry is there, and otherwise leaves things as
     * they were (without {@code tmp}).
     */
    void moveIntoPlace(Path tmp, boolean strict) throws IOException {
        try {
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Compiler.deleteTree(tmp);
        } catch (IOException e) {
            if (strict && !exists()) {
                throw e;
            }
            Compiler.deleteTree(tmp);
        }
    }

    /** Forgets the entry's digest and deletes it, to be rebuilt. */
    void discard() throws IOException {
        index.forget(cacheDir, key);
        Compiler.deleteTree(dir);
    }

    /**
     * The entry's result, its errors mapped back to {@code sources} and {@code support} (or to a source
     * of their recorded path when neither has it), or null when the entry no longer matches the digest
     * recorded when it was built.
     */
    Compiler.Result read(List<Compiler.Source> sources, List<Compiler.Source> support, boolean cached)
            throws IOException {
        Optional<String> expected = index.digest(cacheDir, key);
        String classes = digests.of(dir.resolve("classes"));
        if (expected.isEmpty() || !expected.get().equals(digest(classes, dir))) {
            return null;
        }
        JsonNode result;
        try {
            result = json.readTree(dir.resolve("result.json").toFile());
        } catch (IOException e) {
            return null;
        }
        if (result == null) {
            return null;
        }
        List<Compiler.Error> errors = new ArrayList<>();
        for (JsonNode e : result.get("errors")) {
            String rel = e.get("rel").asText();
            Compiler.Source source = null;
            if (rel.startsWith("support:")) {
                source = find(support, rel.substring("support:".length()));
            } else if (!rel.isEmpty()) {
                source = find(sources, rel);
            }
            if (source == null && !rel.isEmpty()) {
                source = new Compiler.Source(rel, new byte[0], rel.replaceFirst("^(support|other):", ""), null);
            }
            errors.add(new Compiler.Error(source, e.get("line").asLong(), e.path("column").asLong(0),
                    e.path("code").asText(""), e.get("text").asText()));
        }
        List<String> removed = new ArrayList<>();
        result.get("removed").forEach(n -> removed.add(n.asText()));
        return new Compiler.Result(result.get("ok").asBoolean(), dir.resolve("classes"), errors, removed, cached,
                classes);
    }

    private static Compiler.Source find(List<Compiler.Source> sources, String rel) {
        return sources.stream().filter(s -> s.rel().equals(rel)).findFirst().orElse(null);
    }

    /** The digest of an entry: its classes' digest and its result file. */
    private static String digest(String classesDigest, Path entry) throws IOException {
        Path result = entry.resolve("result.json");
        byte[] resultBytes = Files.isRegularFile(result) ? Files.readAllBytes(result) : new byte[0];
        return classesDigest + "|" + TreeDigest.of(Map.of("result.json", resultBytes));
    }
}
