package k8snet.grader.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import k8snet.grader.manifest.Exercise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code course reset ID [--yes]}: puts an exercise's files back to their stubs (from {@link Stubs}), after
 * asking, and keeps the student's files in {@code .course/backup/<time>/<kit path>} first.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        header = "Puts an exercise's files back to their stubs (keeping a backup of yours).",
        description = "Puts an exercise's files back to the stubs you started from, byte for byte, after asking. "
                + "Your files are copied to .course/backup/<time>/ first. Exit code 0 when reset (or nothing to "
                + "do), 1 when not confirmed or the stubs cannot be found, 2 for a usage error.")
final class ResetCommand implements Callable<Integer> {

    static final String BACKUPS = ".course/backup";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss", Locale.ROOT);

    @ParentCommand
    Course parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The exercise, such as 1.2.")
    String id;

    @Option(names = {"-y", "--yes"}, description = "Do not ask first.")
    boolean yes;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Exercise exercise = Manifests.exercise(Manifests.load(env), id);
        Path kit = env.kitRoot();
        Stubs.Found stubs = Stubs.of(kit, exercise);
        for (String p : stubs.files().keySet()) {
            refuseLinks(kit, p);
        }
        refuseLinks(kit, BACKUPS);
        List<String> changed = new ArrayList<>();
        stubs.files().forEach((path, stub) -> {
            if (!Arrays.equals(stub, readOrNull(kit.resolve(path)))) {
                changed.add(path);
            }
        });
        if (changed.isEmpty()) {
            env.out().println(exercise.id() + " " + exercise.title() + " is its stub already: nothing to reset.");
            env.out().flush();
            return 0;
        }
        Path backup = backupFolder(kit);
        String backupShown = kit.relativize(backup).toString().replace('\\', '/') + "/";
        if (!yes) {
            env.out().println("Reset " + exercise.id() + " " + exercise.title() + " to its stub? This replaces:");
            changed.forEach(p -> env.out().println("  " + p));
            env.out().println("Your files are kept in " + backupShown + " first.");
            env.out().print("Reset? [y/N] ");
            env.out().flush();
            String answer = readLine(env);
            if (answer == null || !(answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"))) {
                env.out().println();
                env.out().println("Not reset: nothing was changed." + (answer == null
                        ? " (No answer on standard input: use --yes to reset without asking.)" : ""));
                env.out().flush();
                return 1;
            }
        }
        try {
            for (String p : changed) {
                Path file = kit.resolve(p);
                if (Files.exists(file)) {
                    Path copy = backup.resolve(p);
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
            for (String p : changed) {
                Path file = kit.resolve(p);
                Files.createDirectories(file.getParent());
                Files.write(file, stubs.files().get(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reset " + exercise.id() + ": " + e.getMessage(), e);
        }
        env.out().println("Reset " + exercise.id() + " " + exercise.title() + ": " + count(changed.size())
                + " back to the stub (from " + stubs.source() + ").");
        env.out().println("Your previous files are in " + backupShown);
        env.out().flush();
        return 0;
    }

    /**
     * Refuses, naming it, a symbolic link at {@code rel} or at any folder on the way to it inside the kit: reset
     * writes the stub and the backup where the kit's own paths are, never through a link to somewhere else.
     *
     * @throws CourseException (exit code 1) naming the link
     */
    private static void refuseLinks(Path kit, String rel) {
        Path at = kit;
        for (Path part : Path.of(rel)) {
            at = at.resolve(part.toString());
            if (Files.isSymbolicLink(at)) {
                throw new CourseException(1, "cannot reset: " + kit.relativize(at).toString().replace('\\', '/')
                        + " is a symbolic link, and reset writes only to the kit's own files and folders. Replace the"
                        + " link with a real file or folder, then reset again.");
            }
        }
    }

    /** A new folder name under {@value #BACKUPS} for now; never one that exists. */
    private static Path backupFolder(Path kit) {
        Path root = kit.resolve(BACKUPS);
        String stamp = LocalDateTime.now().format(STAMP);
        Path folder = root.resolve(stamp);
        for (int n = 2; Files.exists(folder); n++) {
            folder = root.resolve(stamp + "-" + n);
        }
        return folder;
    }

    private static String readLine(CourseEnv env) {
        try {
            return new BufferedReader(new InputStreamReader(env.in(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] readOrNull(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 file" : n + " files";
    }
}
