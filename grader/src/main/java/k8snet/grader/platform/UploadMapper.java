package k8snet.grader.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import k8snet.grader.manifest.Manifest;

/**
 * Turns what a student uploaded to Gradescope into a folder laid out like the kit, which {@code course grade}
 * takes as a submission. Students upload in one of three shapes:
 * <ul>
 *   <li><b>the kit, or its module folders</b> ({@code module-01-basics/...}), at the top of the upload or
 *       inside one to three folders ({@code k8snet-course/module-01-basics/...}, as a zip often unpacks): that
 *       folder is the submission as it is, and nothing is copied;</li>
 *   <li><b>the edited {@code .java} files</b>, flat or in any folders: each is matched to a file students edit
 *       by the package it declares and its file name (or, when the browser renamed it, its one top-level
 *       class), and copied to its place in the kit's layout under {@code target}. A new class in the package of
 *       a file students edit goes beside it (the grader decides whether to take it); tests and provided code
 *       are ignored (the course's own are used), and so is anything that matches nothing;</li>
 *   <li><b>nothing usable</b>: an empty upload, or files none of which belong to the course.</li>
 * </ul>
 * Hidden folders, {@code __MACOSX/} and symbolic links are never looked at. Every decision is a note for the
 * student, in Markdown, so a file that was not graded is never a silent zero.
 */
public final class UploadMapper {

    /** Files larger than this are not read (no exercise file comes near it). */
    static final long MAX_FILE_BYTES = 2L * 1024 * 1024;

    /** How deep below the upload a kit-shaped folder is looked for. */
    static final int MAX_KIT_DEPTH = 3;

    /** At most this many ignored files are named; the rest are counted. */
    static final int MAX_NAMED = 30;

    /** What an upload was taken as. */
    public enum Shape {
        /** A folder holding the course's module folders. */
        KIT,
        /** Loose {@code .java} files, placed by package. */
        FILES,
        /** No file at all. */
        EMPTY,
        /** Files, but none the course grades. */
        NOTHING_USABLE
    }

    /**
     * The result of mapping one upload.
     *
     * @param shape what the upload was taken as
     * @param folder the kit-shaped folder to grade (absent for {@link Shape#EMPTY} and {@link Shape#NOTHING_USABLE})
     * @param notes what the student should read about it, as Markdown lines
     */
    public record Upload(Shape shape, Optional<Path> folder, List<String> notes) {

        public Upload {
            Objects.requireNonNull(shape, "shape");
            Objects.requireNonNull(folder, "folder");
            notes = List.copyOf(notes);
        }
    }

    private UploadMapper() {
    }

    /**
     * Maps {@code upload} for grading with {@code kit}.
     *
     * @param target an absent or empty folder outside the upload, where loose files are laid out
     * @throws IllegalArgumentException when an argument is null or {@code target} is inside the upload
     */
    public static Upload map(Path upload, Path kit, Manifest manifest, Path target) {
        if (upload == null || kit == null || manifest == null || target == null) {
            throw new IllegalArgumentException("map needs an upload folder, a kit, its manifest and a target folder");
        }
        if (target.toAbsolutePath().normalize().startsWith(upload.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("The target folder must be outside the upload: " + target);
        }
        List<Path> files = Files.isDirectory(upload) ? files(upload) : List.of();
        if (files.isEmpty()) {
            return new Upload(Shape.EMPTY, Optional.empty(), List.of("**Nothing was graded: your upload is empty.** "
                    + advice(manifest)));
        }
        Optional<Path> kitShaped = kitShaped(upload, manifest);
        if (kitShaped.isPresent()) {
            Path folder = kitShaped.get();
            List<String> notes = new ArrayList<>();
            if (!folder.equals(upload)) {
                notes.add("Graded the course folder " + code(display(upload, folder) + "/") + " of your upload.");
            }
            long outside = files.stream().filter(f -> !f.startsWith(folder)).count();
            if (outside > 0) {
                notes.add(outside + (outside == 1 ? " file" : " files") + " outside it " + (outside == 1 ? "was" : "were")
                        + " not looked at.");
            }
            return new Upload(Shape.KIT, Optional.of(folder), notes);
        }
        return new LooseFiles(upload, kit, manifest, target).place(files);
    }

    /** The advice given when nothing could be graded. */
    static String advice(Manifest manifest) {
        String example = manifest.exercises().isEmpty() || manifest.exercises().get(0).files().isEmpty() ? ""
                : " (for example " + code(fileName(manifest.exercises().get(0).files().get(0))) + ")";
        return "Upload the `.java` files you edited" + example + ", your module folders (such as "
                + code(manifest.modules().isEmpty() ? "module-01-basics" : manifest.modules().get(0).id()) + "), or the "
                + "whole course folder, then submit again.";
    }

    /**
     * The folder to grade when the upload holds the course's module folders: the shallowest folder, at most
     * {@value #MAX_KIT_DEPTH} levels down, with a folder named like a module (the first by name on a tie).
     */
    static Optional<Path> kitShaped(Path upload, Manifest manifest) {
        List<Path> level = List.of(upload);
        for (int depth = 0; depth <= MAX_KIT_DEPTH && !level.isEmpty(); depth++) {
            List<Path> next = new ArrayList<>();
            for (Path dir : level) {
                if (manifest.modules().stream().anyMatch(m -> Files.isDirectory(dir.resolve(m.id()),
                        LinkOption.NOFOLLOW_LINKS))) {
                    return Optional.of(dir);
                }
                next.addAll(children(dir));
            }
            level = next;
        }
        return Optional.empty();
    }

    private static List<Path> children(Path dir) {
        try (var list = Files.list(dir)) {
            return list.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !skipped(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every regular file of the upload that is looked at, shallowest first, then by path. */
    private static List<Path> files(Path upload) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(upload, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(upload) && skipped(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !skipped(file)) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the upload " + upload + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingInt(Path::getNameCount).thenComparing(Comparator.naturalOrder()));
        return out;
    }

    /** Hidden files and folders, and the resource forks macOS adds to a zip. */
    private static boolean skipped(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(".") || name.equals("__MACOSX");
    }

    static String folder(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    static String fileName(String rel) {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    static String display(Path upload, Path p) {
        return upload.relativize(p).toString().replace('\\', '/');
    }

    /** A Markdown code span; a backtick in a file name would end it, so it becomes a quote. */
    static String code(String text) {
        return "`" + text.replace('`', '\'') + "`";
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
