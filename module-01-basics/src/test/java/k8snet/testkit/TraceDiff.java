package k8snet.testkit;

import java.util.List;

/**
 * The reference's trace beside a student's, from the first hop where they differ: the hops before it are the
 * same in both and are not repeated. Shared by the tests of every module; not graded.
 *
 * <pre>{@code
 * TraceDiff.describe("  1. a  [app]  x\n  2. a  [route]  no route", "  1. a  [app]  x\n  2. a  [route]  via eth0");
 * // The reference solution's trace for this send, from hop 2, the first where yours differs:
 * //   2. a  [route]  via eth0
 * }</pre>
 */
final class TraceDiff {

    private TraceDiff() {
    }

    /** The lines to print after the student's trace, given both traces as {@code Trace.render()} writes them. */
    static String describe(String actual, String expected) {
        List<String> mine = actual.lines().toList();
        List<String> theirs = expected.lines().toList();
        if (mine.equals(theirs)) {
            return "The reference solution's trace for this send is the same as yours.";
        }
        int first = 0;
        while (first < mine.size() && first < theirs.size() && mine.get(first).equals(theirs.get(first))) {
            first++;
        }
        if (first == theirs.size()) {
            return "The reference solution's trace for this send ends after hop " + first + "; yours goes on.";
        }
        StringBuilder out = new StringBuilder("The reference solution's trace for this send, from hop ")
                .append(first + 1).append(", the first where yours differs:");
        for (String line : theirs.subList(first, theirs.size())) {
            out.append('\n').append(line);
        }
        return out.toString();
    }
}
