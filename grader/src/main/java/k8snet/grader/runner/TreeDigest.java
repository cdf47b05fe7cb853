package k8snet.grader.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A SHA-256 digest of a folder: every regular file's path (relative, with {@code /}) and bytes, in path
 * order. The compile cache records it for each entry it builds, and the runner computes it again over the
 * very bytes it loads, so a class file changed on disk after it was compiled is noticed before it runs.
 */
public final class TreeDigest {

    private TreeDigest() {
    }

    /** The files under {@code root}, by relative path; empty when it is not a folder. */
    public static Map<String, byte[]> read(Path root) {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + root, e);
        }
        return files;
    }

    /** The digest of the folder {@code root} ("none" when it is not a folder). */
    public static String of(Path root) {
        return Files.isDirectory(root) ? of(read(root)) : "none";
    }

    /** The digest of files given by relative path. */
    public static String of(Map<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
                md.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(Integer.toString(f.getValue().length).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(f.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
