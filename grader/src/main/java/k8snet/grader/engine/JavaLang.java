package k8snet.grader.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The simple names of the top-level types of {@code java.lang} in the running JDK, which every Java file imports
 * implicitly, so that a class of the same name in a package shadows them there (JLS 6.4.1). Read from
 * {@code java.base}'s own listing, so a newer JDK's new types count too.
 */
final class JavaLang {

    /** {@code Object}, {@code String}, {@code Math}, {@code Exception}, ... */
    static final Set<String> NAMES = read();

    private JavaLang() {
    }

    private static Set<String> read() {
        try (ModuleReader reader = ModuleFinder.ofSystem().find("java.base").orElseThrow().open()) {
            return reader.list().filter(n -> n.matches("java/lang/[A-Za-z0-9_]+\\.class"))
                    .map(n -> n.substring("java/lang/".length(), n.length() - ".class".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list java.lang in java.base", e);
        }
    }
}
