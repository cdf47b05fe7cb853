package k8snet.grader.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file system a sandboxed JVM sees, as both sandbox modes build it: the system's programs and
 * libraries ({@code /usr}, and {@code /lib}, {@code /lib64}, {@code /bin}, {@code /sbin} as the host has
 * them: symbolic links into {@code /usr} on a merged-/usr system, else read-only folders), the JDK, the
 * files its symbolic links point to outside it (Debian's JDK keeps {@code conf/security/java.security} in
 * {@code /etc}), the spec's read-only paths, then its writable ones. Paths are mounted parents first, at the place they have
 * on the host, so the JVM's class path reads the same inside.
 */
final class SandboxView {

    /** A place to bind: where it comes from on the host and where it appears inside. */
    record Bind(Path source, Path target) {
    }

    private static final List<String> TOP = List.of("/lib", "/lib64", "/bin", "/sbin");

    final List<Bind> readOnly;
    final List<Bind> writable;
    /** Symbolic links to create at the top (name to target), such as /lib -> usr/lib. */
    final Map<String, String> links;

    private SandboxView(List<Bind> readOnly, List<Bind> writable, Map<String, String> links) {
        this.readOnly = readOnly;
        this.writable = writable;
        this.links = links;
    }

    static SandboxView of(SandboxSpec spec) {
        Map<String, String> links = new LinkedHashMap<>();
        Set<Path> ro = new LinkedHashSet<>();
        ro.add(Path.of("/usr"));
        for (String top : TOP) {
            Path p = Path.of(top);
            if (Files.isSymbolicLink(p)) {
                try {
                    links.put(top, Files.readSymbolicLink(p).toString());
                } catch (IOException e) {
                    // Unreadable link: leave it out; the loader finds the libraries through /usr.
                }
            } else if (Files.isDirectory(p)) {
                ro.add(p);
            }
        }
        Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
        ro.add(javaHome);
        ro.addAll(JdkLinks.TARGETS);
        ro.addAll(spec.readOnly());
        return new SandboxView(binds(ro), binds(new LinkedHashSet<>(spec.writable())), links);
    }

    /** Where the JDK's symbolic links lead outside the JDK and /usr, found once per process. */
    private static final class JdkLinks {
        static final List<Path> TARGETS = find(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize());

        private static List<Path> find(Path javaHome) {
            Set<Path> out = new LinkedHashSet<>();
            try (java.util.stream.Stream<Path> walk = Files.walk(javaHome)) {
                for (Path p : walk.filter(Files::isSymbolicLink).toList()) {
                    try {
                        Path target = p.toRealPath();
                        if (!target.startsWith(javaHome) && !target.startsWith("/usr")) {
                            out.add(target);
                        }
                    } catch (IOException e) {
                        // A dangling link: nothing to show.
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // An unreadable JDK folder: the JVM will say what it misses.
            }
            return List.copyOf(out);
        }
    }

    /**
     * The folders above the binds that no bind or link provides, outermost first: the sandbox makes them
     * (as {@code 0755} where the grader is root, so uid 65534 can pass through them). Not {@code /}, nor the
     * sandbox's own {@code /tmp}, {@code /proc} and {@code /dev}.
     */
    List<String> folders() {
        List<Path> provided = new ArrayList<>();
        for (List<Bind> binds : List.of(readOnly, writable)) {
            binds.forEach(b -> provided.add(b.target()));
        }
        links.keySet().forEach(l -> provided.add(Path.of(l)));
        List<Path> own = List.of(Path.of("/tmp"), Path.of("/proc"), Path.of("/dev"));
        Set<Path> out = new LinkedHashSet<>();
        for (Path target : provided) {
            for (int i = 1; i < target.getNameCount(); i++) {
                Path up = target.getRoot().resolve(target.subpath(0, i));
                if (!own.contains(up) && provided.stream().noneMatch(up::startsWith)) {
                    out.add(up);
                }
            }
        }
        return out.stream().sorted(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString))
                .map(Path::toString).toList();
    }

    /** Existing paths, outermost first, each bound at the place it has on the host. */
    private static List<Bind> binds(Set<Path> paths) {
        List<Bind> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                continue;
            }
            Path source;
            try {
                source = p.toRealPath();
            } catch (IOException e) {
                continue;
            }
            out.add(new Bind(source, p));
        }
        out.sort(Comparator.comparingInt((Bind b) -> b.target().getNameCount()).thenComparing(b -> b.target().toString()));
        return out;
    }
}
