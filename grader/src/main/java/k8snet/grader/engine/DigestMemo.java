package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import k8snet.grader.runner.TreeDigest;

/**
 * Folder digests ({@link TreeDigest}) remembered between the runs of one engine, for a student's own check and
 * {@code watch} only: a folder's digest is taken again only when one of its files is new, gone, or has another
 * file identity (inode), size or modification time than when it was last taken. Each run of {@code watch} digests
 * the class folders of every module before the edited one, the tests' classes and the kit's resources, about
 * 4 MiB for an exercise of module 4; SHA-256 under the client compiler the course runs with takes about 7 ms a
 * MiB (the JDK's SHA instructions are used by C2 only), so 30 to 40 ms of every verdict went to digests of files
 * that had not changed. Listing a folder's files with their attributes costs about a tenth of that.
 *
 * <p>Grading never uses it ({@link #OFF}): there each digest is taken in full, since a hostile test JVM
 * without a sandbox could rewrite a cached class in place and set its time back. A student's own check
 * guards the kit against mistakes, not against its owner.
 */
final class DigestMemo {

    /** No memory: every digest in full. */
    static final DigestMemo OFF = new DigestMemo(false);

    private record Known(String stamp, String digest) {
    }

    private final boolean on;
    private final Map<Path, Known> known = new ConcurrentHashMap<>();

    private DigestMemo(boolean on) {
        this.on = on;
    }

    /** A memo that remembers, for the runs of a student's own check. */
    static DigestMemo remembering() {
        return new DigestMemo(true);
    }

    /** The digest of the folder {@code root} ("none" when it is not a folder), as {@link TreeDigest#of(Path)}. */
    String of(Path root) {
        if (!on || !Files.isDirectory(root)) {
            return TreeDigest.of(root);
        }
        Path key = root.toAbsolutePath().normalize();
        String stamp = stamp(key);
        Known k = known.get(key);
        if (k != null && k.stamp().equals(stamp)) {
            return k.digest();
        }
        String digest = TreeDigest.of(key);
        // Taken again after the digest: a file that changed while it was read leaves the memo empty.
        if (stamp.equals(stamp(key))) {
            known.put(key, new Known(stamp, digest));
        }
        return digest;
    }

    /** Every regular file's relative path, file identity, size and modification time, in path order. */
    static String stamp(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    files.put(Compiler.slash(root.relativize(p)), a.fileKey() + " " + a.size() + " "
                            + a.lastModifiedTime().toInstant());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        StringBuilder out = new StringBuilder();
        files.forEach((path, attrs) -> out.append(path).append('\0').append(attrs).append('\n'));
        return out.toString();
    }
}
