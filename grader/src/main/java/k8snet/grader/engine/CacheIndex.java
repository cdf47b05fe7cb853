package k8snet.grader.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The digests of the compile cache's entries, kept outside the entries: in this process's memory for every
 * entry it built or checked, and in {@code <cache>/digests/<key>} for the next process. A test that rewrites
 * an entry's classes (and its {@code result.json}) on disk cannot make the entry match again; the entry is
 * then rebuilt. One index serves every run of one engine, so in a batch an entry checked once is held to the
 * digest this process saw, whatever the disk says later.
 */
final class CacheIndex {

    private final Map<String, String> known = new ConcurrentHashMap<>();

    /** The digest recorded for {@code key} of the cache in {@code cacheDir}. */
    Optional<String> digest(Path cacheDir, String key) {
        String k = cacheDir.toAbsolutePath().normalize() + "/" + key;
        String d = known.get(k);
        if (d != null) {
            return Optional.of(d);
        }
        try {
            Path file = file(cacheDir, key);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            d = Files.readString(file, StandardCharsets.UTF_8).strip();
            known.put(k, d);
            return Optional.of(d);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Records {@code digest} for {@code key}, in memory and on disk. */
    void record(Path cacheDir, String key, String digest) throws IOException {
        known.put(cacheDir.toAbsolutePath().normalize() + "/" + key, digest);
        Path file = file(cacheDir, key);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(key + ".tmp-" + java.util.UUID.randomUUID());
        Files.writeString(tmp, digest, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Forgets {@code key} (its entry is being rebuilt). */
    void forget(Path cacheDir, String key) throws IOException {
        known.remove(cacheDir.toAbsolutePath().normalize() + "/" + key);
        Files.deleteIfExists(file(cacheDir, key));
    }

    private static Path file(Path cacheDir, String key) {
        return cacheDir.resolve("digests").resolve(key);
    }
}
