package k8snet.grader.report;

/**
 * How a submission was graded: its exercises together, or each alone with the reference solutions standing in
 * for every other exercise's files ({@code course grade --isolated}), so that a broken exercise costs the
 * exercises that use it nothing. Every report says which.
 */
public enum Isolation {
    /** One build of the whole submission: an exercise that uses a broken one loses points with it. */
    NONE("none", "together: each exercise was graded with the submission's own code for the others"),
    /** One build per exercise, the reference solutions standing in for every other exercise. */
    ISOLATED("isolated", "isolated: each exercise was graded alone, with the reference solutions standing in for "
            + "every other exercise");

    private final String label;
    private final String description;

    Isolation(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** {@code none} or {@code isolated}, as report.json and summary.csv write it. */
    public String label() {
        return label;
    }

    /** A sentence for the reports people read. */
    public String description() {
        return description;
    }
}
