package k8snet.grader.cli;

import java.util.concurrent.Callable;

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code course list}: the exercises in board order with their module, points and lesson section, and under each
 * the files a student edits, by their path from the kit's root.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        header = "Lists the exercises with module, points, lesson section and files to edit.",
        description = "Lists the exercises in order with their module, points and lesson section, and the files to edit.")
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    Course parent;

    @Override
    public Integer call() {
        CourseEnv env = parent.env();
        Manifest manifest = Manifests.load(env);
        int idWidth = Math.max(2, manifest.exercises().stream().mapToInt(e -> e.id().length()).max().orElse(0));
        int titleWidth = Math.max(8, manifest.exercises().stream().mapToInt(e -> e.title().length()).max().orElse(0));
        int moduleWidth = Math.max(6, manifest.exercises().stream().mapToInt(e -> e.module().length()).max().orElse(0));
        env.out().println(Text.pad("ID", idWidth) + "  " + Text.pad("EXERCISE", titleWidth) + "  "
                + Text.pad("MODULE", moduleWidth) + "  POINTS  LESSON");
        for (Exercise e : manifest.exercises()) {
            env.out().println(Text.pad(e.id(), idWidth) + "  " + Text.pad(e.title(), titleWidth) + "  "
                    + Text.pad(e.module(), moduleWidth) + "  " + String.format("%6d", e.points()) + "  " + e.lesson());
            for (String file : e.files()) {
                env.out().println(" ".repeat(idWidth + 2) + "edit " + e.module() + "/src/main/java/" + file);
            }
        }
        int total = manifest.exercises().stream().mapToInt(Exercise::points).sum();
        env.out().println();
        env.out().println(manifest.exercises().size() + " exercises, " + total + " points. Check one: "
                + Course.COMMAND + " check ID");
        env.out().flush();
        return 0;
    }
}
