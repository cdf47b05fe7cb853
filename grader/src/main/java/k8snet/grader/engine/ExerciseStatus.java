package k8snet.grader.engine;

/** An exercise's state on the progress board. */
public enum ExerciseStatus {
    DONE, IN_PROGRESS, NOT_STARTED, DOES_NOT_COMPILE
}
