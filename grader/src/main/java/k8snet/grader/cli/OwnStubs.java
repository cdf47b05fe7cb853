package k8snet.grader.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

/**
 * The stubs a student's own {@code check}, board and {@code watch} fall back to when a student file does not
 * compile ({@link k8snet.grader.engine.RunRequest#ownStubs()}), from where {@code reset} takes them
 * ({@link Stubs}): a student kit's {@code stubs/} folder as it is; in a clone of the course repository, the
 * stubs git gives (by {@link StubBlobs}' ids, or as committed at {@code HEAD} without them), written once per
 * commit to {@code .course/stubs/<commit>/} (a marker file says the copy is complete, so an interrupted copy
 * is made again). A kit with neither has none, and a
 * file that does not compile then stops its module, as before.
 */
final class OwnStubs {

    private static final String COMPLETE = ".complete";

    private OwnStubs() {
    }

    /** The stubs folder for {@code kit}, laid out like the kit, or empty. */
    static Optional<Path> of(Path kit, Manifest manifest) {
        if (kit == null || manifest == null) {
            throw new IllegalArgumentException("Kit and manifest must not be null, got " + kit + " and " + manifest);
        }
        Path copies = kit.resolve(Stubs.FOLDER);
        if (Files.isDirectory(copies)) {
            return Optional.of(copies);
        }
        if (!Files.exists(kit.resolve(".git"))) {
            return Optional.empty();
        }
        Optional<String> head = Git.head(kit);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Path dir = kit.resolve(".course").resolve("stubs").resolve(head.get());
        if (Files.isRegularFile(dir.resolve(COMPLETE))) {
            return Optional.of(dir);
        }
        try {
            for (Exercise e : manifest.exercises()) {
                Stubs.Found found;
                try {
                    found = Stubs.of(kit, e);
                } catch (CourseException missing) {
                    continue; // git has no stub of it: that exercise's files have no fallback
                }
                for (Map.Entry<String, byte[]> f : found.files().entrySet()) {
                    Path target = dir.resolve(f.getKey());
                    Files.createDirectories(target.getParent());
                    Path tmp = Files.createTempFile(target.getParent(), ".stub", ".tmp");
                    Files.write(tmp, f.getValue());
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(dir.resolve(COMPLETE), head.get() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the stubs of commit " + head.get() + " to " + dir, e);
        }
        return Optional.of(dir);
    }
}
