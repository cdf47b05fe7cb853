package k8snet.grader.runner;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The class loader of the graded tests and the student's classes: every class comes from a snapshot taken
 * when the runner starts, before any test runs, and checked against the digest the engine recorded when it
 * compiled them. Test code that rewrites a class file on disk (to change a test that has not loaded yet, or
 * the next fork's) changes nothing; the runner refuses to start on a class path that no longer matches.
 *
 * <p>Resources (the kit's {@code src/test/resources}) are read from their folders, except two kinds that
 * would let files on the class path configure the test run itself: {@code META-INF/services/} (JUnit's
 * extension, listener and engine registration) and {@code junit-platform.properties}. The parent holds the
 * runner, JUnit and AssertJ, so nothing here can replace them.
 */
final class SnapshotClassLoader extends URLClassLoader {

    private static final List<String> HIDDEN = List.of("META-INF/services/", "junit-platform.properties");

    private final Map<String, byte[]> classes = new HashMap<>();
    private final Map<String, ProtectionDomain> domains = new HashMap<>();

    private SnapshotClassLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    /**
     * Reads the folders, checks each against its digest and returns the loader.
     *
     * @throws IllegalStateException naming the folder whose files no longer match their digest
     */
    static SnapshotClassLoader of(List<Path> folders, List<String> digests, ClassLoader parent) {
        return of(folders, digests, parent, ClassPrefetch.none());
    }

    /**
     * As {@link #of(List, List, ClassLoader)}, taking each folder from {@code prefetch} where it was read
     * ahead with the digest expected of it, and reading the others now.
     */
    static SnapshotClassLoader of(List<Path> folders, List<String> digests, ClassLoader parent,
            ClassPrefetch prefetch) {
        if (prefetch == null) {
            throw new IllegalArgumentException("The read-ahead folders must not be null (use ClassPrefetch.none())");
        }
        if (folders.size() != digests.size()) {
            throw new IllegalArgumentException("Each class path folder needs its digest: " + folders.size()
                    + " folders, " + digests.size() + " digests");
        }
        URL[] urls = new URL[folders.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = url(folders.get(i));
        }
        SnapshotClassLoader loader = new SnapshotClassLoader(urls, parent);
        for (int i = 0; i < urls.length; i++) {
            // Read ahead with this very digest (computed over these bytes), or read now and digested here.
            Map<String, byte[]> files = prefetch.files(folders.get(i), digests.get(i));
            if (files == null) {
                files = TreeDigest.read(folders.get(i));
                String actual = TreeDigest.of(files);
                if (!actual.equals(digests.get(i))) {
                    throw new IllegalStateException("The class path folder " + folders.get(i) + " changed after it "
                            + "was built (digest " + actual + ", expected " + digests.get(i) + ")");
                }
            }
            ProtectionDomain domain = new ProtectionDomain(new CodeSource(urls[i], (Certificate[]) null), null,
                    loader, null);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String rel = f.getKey();
                if (rel.endsWith(".class")) {
                    String name = rel.substring(0, rel.length() - ".class".length()).replace('/', '.');
                    if (loader.classes.putIfAbsent(name, f.getValue()) == null) {
                        loader.domains.put(name, domain);
                    }
                }
            }
        }
        return loader;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length, domains.get(name));
    }

    @Override
    public URL findResource(String name) {
        return hidden(name) ? null : super.findResource(name);
    }

    @Override
    public Enumeration<URL> findResources(String name) throws IOException {
        return hidden(name) ? Collections.emptyEnumeration() : super.findResources(name);
    }

    private static boolean hidden(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        return HIDDEN.stream().anyMatch(n::startsWith);
    }

    private static URL url(Path folder) {
        try {
            return folder.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a usable class path folder: " + folder, e);
        }
    }
}
