package k8snet.grader.runner;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Class path folders read (and digested) by a waiting test JVM before its spec arrives, so the run that
 * follows need not read them again. {@code course watch} starts the next test JVM while the student edits;
 * that JVM reads the folders of the earlier run, and the next run, which mostly uses the same folders (every
 * module the student did not touch compiles to the cache entry it had), takes them from here.
 *
 * <p>What was read ahead is used only when its digest equals the one the spec gives for that folder, so the
 * snapshot's promise holds as before: the bytes that load are the bytes the engine compiled. A folder whose
 * files changed since they were read ahead, or one not read ahead at all, is read when the spec comes.
 */
final class ClassPrefetch {

    private static final ClassPrefetch NONE = new ClassPrefetch(Map.of(), Map.of());

    private final Map<Path, Map<String, byte[]>> files;
    private final Map<Path, String> digests;

    private ClassPrefetch(Map<Path, Map<String, byte[]>> files, Map<Path, String> digests) {
        this.files = files;
        this.digests = digests;
    }

    /** Nothing read ahead: every folder is read when the spec comes. */
    static ClassPrefetch none() {
        return NONE;
    }

    /**
     * Reads every folder now (a path that is not a folder reads as empty).
     *
     * @throws IllegalArgumentException when {@code folders} is null or holds null
     */
    static ClassPrefetch read(List<Path> folders) {
        if (folders == null || folders.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Folders to read ahead must not be null, got " + folders);
        }
        Map<Path, Map<String, byte[]>> files = new HashMap<>();
        Map<Path, String> digests = new HashMap<>();
        for (Path folder : folders) {
            Path key = folder.toAbsolutePath().normalize();
            if (!files.containsKey(key)) {
                Map<String, byte[]> read = TreeDigest.read(key);
                files.put(key, read);
                digests.put(key, TreeDigest.of(read));
            }
        }
        return new ClassPrefetch(files, digests);
    }

    /** How many folders were read ahead. */
    int size() {
        return files.size();
    }

    /**
     * The files of {@code folder} as read ahead, when they were and their digest is {@code digest}; else
     * null (the caller reads the folder itself).
     */
    Map<String, byte[]> files(Path folder, String digest) {
        Path key = folder.toAbsolutePath().normalize();
        return digest != null && digest.equals(digests.get(key)) ? files.get(key) : null;
    }
}
