package k8snet.grader.cli;

import java.io.UncheckedIOException;

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

/** Loading the manifest and looking up exercises, with errors a user can act on. */
final class Manifests {

    private Manifests() {
    }

    static Manifest load(CourseEnv env) {
        try {
            return env.manifest();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new CourseException(Course.USAGE, "cannot read the course manifest "
                    + env.kitRoot().resolve("course.yaml") + ": " + e.getMessage());
        }
    }

    /** The exercise with this id, or an error that lists the valid ids. */
    static Exercise exercise(Manifest manifest, String id) {
        return manifest.exercise(id).orElseThrow(() -> new CourseException(Course.USAGE,
                "no exercise '" + id + "'. Valid ids: " + String.join(", ",
                        manifest.exercises().stream().map(Exercise::id).toList())));
    }
}
