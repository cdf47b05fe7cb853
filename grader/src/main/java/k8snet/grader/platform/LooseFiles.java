package k8snet.grader.platform;

import static k8snet.grader.platform.UploadMapper.MAX_FILE_BYTES;
import static k8snet.grader.platform.UploadMapper.MAX_NAMED;
import static k8snet.grader.platform.UploadMapper.advice;
import static k8snet.grader.platform.UploadMapper.code;
import static k8snet.grader.platform.UploadMapper.display;
import static k8snet.grader.platform.UploadMapper.fileName;
import static k8snet.grader.platform.UploadMapper.folder;
import static k8snet.grader.platform.UploadMapper.read;
import static k8snet.grader.platform.UploadMapper.size;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import k8snet.grader.engine.SourceFacts;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * The loose {@code .java} files of an upload, each placed where the kit has the file students edit that it is:
 * by the package it declares and its file name, or its one top-level class when a browser renamed the file. A new
 * class in the package of a student file goes beside it; tests, provided code and files that match nothing are
 * named as not graded. See {@link UploadMapper}.
 */
final class LooseFiles {

    private final Path upload;
    private final Path target;
    private final Manifest manifest;
    /** {@code k8snet/ip/Ipv4Address.java} to the student file's module and exercise. */
    private final Map<String, Exercise> studentFiles = new LinkedHashMap<>();
    /** Package folders of student files, to the one module that has them (null when several do). */
    private final Map<String, String> helperFolders = new LinkedHashMap<>();
    /** Kit files that are not student files, to what they are. */
    private final Map<String, String> kitFiles = new LinkedHashMap<>();
    private final Map<String, String> placed = new LinkedHashMap<>();
    private final List<String> matched = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();

    LooseFiles(Path upload, Path kit, Manifest manifest, Path target) {
        this.upload = upload;
        this.target = target;
        this.manifest = manifest;
        for (Exercise e : manifest.exercises()) {
            for (String f : e.files()) {
                studentFiles.putIfAbsent(f, e);
                String folder = folder(f);
                helperFolders.put(folder, helperFolders.containsKey(folder)
                        && !e.module().equals(helperFolders.get(folder)) ? null : e.module());
            }
        }
        for (CourseModule m : manifest.modules()) {
            index(KitLayout.mainSources(kit, m.id()), "provided code always comes from the course");
            index(KitLayout.testSources(kit, m.id()), "the tests always come from the course");
        }
    }

    private void index(Path root, String why) {
        for (Path f : KitLayout.javaFiles(root)) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            if (!studentFiles.containsKey(rel)) {
                kitFiles.putIfAbsent(rel, why);
            }
        }
    }

    UploadMapper.Upload place(List<Path> files) {
        long others = 0;
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(".java")) {
                placeOne(file);
            } else {
                others++;
            }
        }
        List<String> notes = new ArrayList<>();
        if (!matched.isEmpty()) {
            notes.add("Your upload has no course module folders, so each `.java` file was matched to a file you "
                    + "edit by its package and name:");
            notes.add("");
            matched.forEach(m -> notes.add("- " + m));
        }
        if (!ignored.isEmpty() || others > 0) {
            notes.add("");
            notes.add("Not graded:");
            notes.add("");
            ignored.stream().limit(MAX_NAMED).forEach(i -> notes.add("- " + i));
            if (ignored.size() > MAX_NAMED) {
                notes.add("- and " + (ignored.size() - MAX_NAMED) + " more `.java` files");
            }
            if (others > 0) {
                notes.add("- " + others + (others == 1 ? " file that is" : " files that are") + " not `.java` source");
            }
        }
        if (placed.isEmpty()) {
            notes.add(0, "**Nothing was graded: your upload holds no file of the course.** " + advice(manifest));
            notes.add(1, "");
            return new UploadMapper.Upload(UploadMapper.Shape.NOTHING_USABLE, Optional.empty(), notes);
        }
        return new UploadMapper.Upload(UploadMapper.Shape.FILES, Optional.of(target), notes);
    }

    private void placeOne(Path file) {
        String shown = code(display(upload, file));
        long size = size(file);
        if (size > MAX_FILE_BYTES) {
            ignored.add(shown + ": larger than 2 MB");
            return;
        }
        SourceFacts facts = SourceFacts.of(new String(read(file), StandardCharsets.UTF_8));
        String packagePath = facts.packageName().replace('.', '/');
        String name = file.getFileName().toString();
        String key = packagePath.isEmpty() ? name : packagePath + "/" + name;
        String how = "";
        if (!studentFiles.containsKey(key)) {
            for (String type : facts.topLevelTypes()) {
                String byType = packagePath.isEmpty() ? type + ".java" : packagePath + "/" + type + ".java";
                if (studentFiles.containsKey(byType)) {
                    key = byType;
                    how = " (by its class " + code(type) + ")";
                    break;
                }
            }
        }
        Exercise exercise = studentFiles.get(key);
        if (exercise != null) {
            put(file, shown, exercise.module(), key, "exercise " + exercise.id() + how);
        } else if (kitFiles.containsKey(key)) {
            ignored.add(shown + ": " + kitFiles.get(key));
        } else if (sameName(name).isPresent()) {
            // Most likely the exercise file with a wrong or missing package line, not a new class.
            ignored.add(shown + ": " + declared(facts.packageName()) + ", but the file you edit called "
                    + code(name) + " is in package " + code(folder(sameName(name).get()).replace('/', '.')));
        } else if (helperFolders.get(folder(key)) != null && !packagePath.isEmpty()) {
            put(file, shown, helperFolders.get(folder(key)), key, "a new class beside your exercise files");
        } else {
            ignored.add(shown + ": " + declared(facts.packageName()) + " and its name match no file you edit");
        }
    }

    private Optional<String> sameName(String name) {
        return studentFiles.keySet().stream().filter(f -> fileName(f).equals(name)).findFirst();
    }

    private static String declared(String packageName) {
        return packageName.isEmpty() ? "it declares no package" : "its package " + code(packageName);
    }

    private void put(Path file, String shown, String module, String rel, String what) {
        String kitPath = module + "/src/main/java/" + rel;
        if (placed.containsKey(kitPath)) {
            ignored.add(shown + ": a second file for " + code(kitPath) + "; " + placed.get(kitPath) + " was used");
            return;
        }
        Path to = target.resolve(kitPath);
        try {
            Files.createDirectories(to.getParent());
            Files.write(to, read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + file + " to " + to + ": " + e.getMessage(), e);
        }
        placed.put(kitPath, shown);
        matched.add(shown + " → " + code(kitPath) + " (" + what + ")");
    }
}
