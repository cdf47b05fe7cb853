package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compile cache's key: a hash of everything that goes into a javac call. A folder of classes on the class
 * path counts by its ABI ({@link ClassAbi}), so a body-only edit leaves what depends on it cached.
 */
final class BuildHash {

    private static final String VERSION = "k8snet-grader-javac-4";

    private final Path cacheDir;
    private final Map<Path, String> abiOfCached = new ConcurrentHashMap<>();

    BuildHash(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** The hash of everything a compile depends on: the grader's and JDK's versions, the salt, sources, class path. */
    String of(List<Compiler.Source> sources, List<Compiler.Source> support, List<Path> classpath, String salt) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            update(md, VERSION + "|" + Javac.RELEASE + "|" + System.getProperty("java.vm.version") + "|"
                    + System.getProperty("java.home") + "|" + salt);
            for (List<Compiler.Source> list : List.of(sources, support)) {
                update(md, "#sources");
                for (Compiler.Source s : list.stream().sorted(Comparator.comparing(Compiler.Source::rel)).toList()) {
                    update(md, s.rel());
                    update(md, String.valueOf(s.content().length));
                    md.update(s.content());
                }
            }
            update(md, "#classpath");
            for (Path p : classpath) {
                if (Files.isDirectory(p)) {
                    // Compiled classes (an earlier module's, or the module's main classes under its tests) count
                    // by their ABI, not their place: a body-only edit then leaves what depends on them cached.
                    update(md, "abi:" + abi(p));
                    continue;
                }
                update(md, p.toAbsolutePath().toString());
                if (Files.isRegularFile(p)) {
                    update(md, Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class path for the build hash", e);
        }
    }

    /**
     * The ABI digest of a folder of classes. A folder in this compiler's cache is named for its inputs and its
     * classes were checked against their digest when it was loaded, so its ABI is computed once per run.
     */
    private String abi(Path classes) {
        Path p = classes.toAbsolutePath().normalize();
        if (!p.startsWith(cacheDir.toAbsolutePath().normalize())) {
            return ClassAbi.digest(p);
        }
        return abiOfCached.computeIfAbsent(p, ClassAbi::digest);
    }

    private static void update(MessageDigest md, String s) {
        md.update(s.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }
}
