package k8snet.grader.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import k8snet.grader.manifest.KitLayout;

/**
 * Which files of a submission folder are taken into a build, and which are refused and why. Taken: the
 * exercise files of the manifest, and new {@code .java} files beside them that declare that folder's package
 * and take no kit class's name nor a reserved package. Refused, with a warning: everything else; edited
 * copies of provided code or of tests and files that would replace a kit class are also listed as tampered.
 * Every file taken must be a regular file of at most 2 MB, not a symbolic link, whose real path lies inside
 * the submission (a folder linked from elsewhere does not count as the submission's).
 */
final class SubmissionAdmission {

    /** A new file of the submission that joins the build, with the exercise whose folder it lies in. */
    record NewFile(String rel, byte[] content, String exerciseId) {
    }

    private static final long MAX_SOURCE_BYTES = 2L * 1024 * 1024;

    private final Path kit;
    private final Path submission;
    private final KitClasses kitClasses;
    private final Collection<String> warnings;
    private final Collection<String> tampered;

    /**
     * @param submission the submission's real path
     * @param warnings where refusals are said
     * @param tampered where the files that try to change the kit are listed
     */
    SubmissionAdmission(Path kit, Path submission, KitClasses kitClasses, Collection<String> warnings,
                        Collection<String> tampered) {
        this.kit = kit;
        this.submission = submission;
        this.kitClasses = kitClasses;
        this.warnings = warnings;
        this.tampered = tampered;
    }

    /**
     * The submission's version of one exercise file, or empty (with a warning saying the stub is used) when
     * it is missing or cannot be taken.
     */
    Optional<byte[]> exerciseFile(String module, String rel, String exerciseId) {
        Path file = KitLayout.mainSources(submission, module).resolve(rel);
        String display = module + "/src/main/java/" + rel;
        String refused = refusedPath(file);
        if (refused != null) {
            warnings.add("ignored " + display + ": " + refused + "; the stub was used");
        } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            warnings.add("exercise " + exerciseId + ": " + display + " is missing from the submission; the stub was used");
        } else if (size(file) > MAX_SOURCE_BYTES) {
            warnings.add("ignored " + display + ": larger than 2 MB; the stub was used");
        } else {
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (IOException e) {
                warnings.add("ignored " + display + ": it cannot be read (" + e.getMessage() + "); the stub was used");
            }
        }
        return Optional.empty();
    }

    /**
     * Looks through the submission's copy of one module: warns about edited copies of kit files (which are
     * ignored) and returns the new files that may join the build.
     *
     * @param dirOwner the folders of the exercise files taken from the submission, with their exercise
     * @param exerciseFiles every exercise file of the module (relative to {@code src/main/java})
     */
    Map<String, NewFile> scan(String module, Map<String, String> dirOwner, Collection<String> exerciseFiles) {
        Map<String, NewFile> accepted = new LinkedHashMap<>();
        Path subMain = KitLayout.mainSources(submission, module);
        Path kitMain = KitLayout.mainSources(kit, module);
        for (Path file : KitLayout.javaFiles(subMain)) {
            String rel = Compiler.slash(subMain.relativize(file));
            String display = module + "/src/main/java/" + rel;
            if (exerciseFiles.contains(rel)) {
                continue;
            }
            Path kitFile = kitMain.resolve(rel);
            if (Files.isRegularFile(kitFile)) {
                if (refusedPath(file) != null || !Arrays.equals(read(kitFile), readOrEmpty(file))) {
                    warnings.add("ignored " + display + ": provided code always comes from the kit");
                    tampered.add(display);
                }
                continue;
            }
            String why = refuseNewFile(file, rel, dirOwner);
            if (why != null) {
                warnings.add("ignored " + display + ": " + why);
                if (why.startsWith("it would ") || why.startsWith("package ")) {
                    tampered.add(display);
                }
            } else {
                accepted.put(rel, new NewFile(rel, readOrEmpty(file), dirOwner.get(parent(rel))));
            }
        }
        Path subTest = KitLayout.testSources(submission, module);
        Path kitTest = KitLayout.testSources(kit, module);
        for (Path file : KitLayout.javaFiles(subTest)) {
            String rel = Compiler.slash(subTest.relativize(file));
            String display = module + "/src/test/java/" + rel;
            Path kitFile = kitTest.resolve(rel);
            if (!Files.isRegularFile(kitFile)) {
                warnings.add("ignored " + display + ": only the kit's own tests are run");
            } else if (refusedPath(file) != null || !Arrays.equals(read(kitFile), readOrEmpty(file))) {
                warnings.add("ignored " + display + ": it differs from the kit's; graded tests always come "
                        + "from the pristine kit");
                tampered.add(display);
            }
        }
        return accepted;
    }

    /** Why a path of the submission may not be read: a symbolic link, or a real path outside the submission. */
    private String refusedPath(Path file) {
        if (Files.isSymbolicLink(file)) {
            return "symbolic links are not followed";
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            if (!file.toRealPath().startsWith(submission)) {
                return "it lies outside the submission (through a symbolic link to a folder)";
            }
        } catch (IOException e) {
            return "its real path cannot be found (" + e.getMessage() + ")";
        }
        return null;
    }

    private String refuseNewFile(Path file, String rel, Map<String, String> dirOwner) {
        String path = refusedPath(file);
        if (path != null) {
            return path;
        }
        String dir = parent(rel);
        String pathName = rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
        String reserved = kitClasses.reservedReason(pathName);
        if (reserved != null) {
            return reserved;
        }
        if (kitClasses.isKitClass(pathName)) {
            return kitClasses.shadowReason(pathName);
        }
        if (!dirOwner.containsKey(dir)) {
            return "new files are only taken from the folders of your exercise files ("
                    + String.join(", ", dirOwner.keySet().stream().map(d -> d.isEmpty() ? "." : d).toList()) + ")";
        }
        if (size(file) > MAX_SOURCE_BYTES) {
            return "larger than 2 MB";
        }
        SourceFacts facts = SourceFacts.of(new String(readOrEmpty(file), StandardCharsets.UTF_8));
        String pkg = dir.replace('/', '.');
        if (!facts.packageName().equals(pkg)) {
            return "it declares package '" + facts.packageName() + "' but lies in the folder of package " + pkg;
        }
        for (String name : facts.qualifiedTypes()) {
            if (kitClasses.isKitClass(name)) {
                return kitClasses.shadowReason(name);
            }
        }
        return null;
    }

    static String parent(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static byte[] readOrEmpty(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
