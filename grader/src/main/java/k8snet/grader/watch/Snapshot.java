package k8snet.grader.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The files under some folders at one moment, each with its modification time and size: what a save
 * changes. Comparing two snapshots finds the files that were written, created or deleted, whether or not
 * the operating system reported it (file events are lost on network drives, in WSL's Windows folders and
 * in some editors' ways of saving).
 *
 * <pre>{@code
 * Snapshot before = Snapshot.scan(roots, name -> name.endsWith(".java"));
 * // ... the student saves ...
 * List<Path> changed = Snapshot.scan(roots, name -> name.endsWith(".java")).changedSince(before);
 * }</pre>
 *
 * <p>A save that keeps both the size and the modification time (within the file system's time resolution)
 * is not seen; on common file systems that resolution is a nanosecond to a few milliseconds.
 */
public final class Snapshot {

    /** When and how big, as the file system says. */
    record Stamp(long modifiedNanos, long size) {
    }

    private final Map<Path, Stamp> files;

    private Snapshot(Map<Path, Stamp> files) {
        this.files = files;
    }

    /**
     * Scans {@code roots} (missing ones are empty) for regular files whose name {@code wanted} accepts.
     *
     * @throws IllegalArgumentException when {@code roots} or {@code wanted} is null
     */
    public static Snapshot scan(List<Path> roots, Predicate<String> wanted) {
        if (roots == null || wanted == null || roots.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("Snapshot roots and filter must not be null, got " + roots
                    + " and " + wanted);
        }
        Map<Path, Stamp> files = new TreeMap<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && wanted.test(file.getFileName().toString())) {
                            files.put(file, new Stamp(attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                                    attrs.size()));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        // Deleted while we looked (an editor's temporary file): it is simply not there.
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (NoSuchFileException e) {
                // The root went away between the check and the walk.
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot look through " + root, e);
            }
        }
        return new Snapshot(files);
    }

    /** The files written, created or deleted since {@code before}, sorted. */
    public List<Path> changedSince(Snapshot before) {
        Objects.requireNonNull(before, "before");
        TreeSet<Path> changed = new TreeSet<>();
        files.forEach((path, stamp) -> {
            if (!stamp.equals(before.files.get(path))) {
                changed.add(path);
            }
        });
        before.files.keySet().stream().filter(p -> !files.containsKey(p)).forEach(changed::add);
        return new ArrayList<>(changed);
    }

    /** How many files the snapshot holds. */
    public int size() {
        return files.size();
    }
}
