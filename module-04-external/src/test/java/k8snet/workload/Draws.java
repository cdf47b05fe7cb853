package k8snet.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * A test's record of a random source's draws, as a sentence, for the tests of exercises 4.2 and 4.5 that hand
 * the code under test a scripted random (test support, no tests of its own). A draw is named by its bound, as
 * the code asked for it: {@code nextInt(4)}.
 */
public final class Draws {

    private Draws() {
    }

    /** The draws a test expects: "no draw", "one draw, nextInt(2)", "3 draws, nextInt(4), nextInt(4), nextInt(2)". */
    public static String expected(List<Integer> bounds) {
        if (bounds.isEmpty()) {
            return "no draw";
        }
        return (bounds.size() == 1 ? "one draw, " : bounds.size() + " draws, ") + calls(bounds);
    }

    /** The draws the code made: "nothing", "nextInt(27)", "8 times, each nextInt(27)". */
    public static String made(List<Integer> bounds) {
        if (bounds.isEmpty()) {
            return "nothing";
        }
        return (bounds.size() == 1 ? "" : bounds.size() + " times, ") + calls(bounds);
    }

    /** "nextInt(4), nextInt(2)", or "each nextInt(27)" when every bound is the same. */
    private static String calls(List<Integer> bounds) {
        if (bounds.size() > 1 && bounds.stream().distinct().count() == 1) {
            return "each nextInt(" + bounds.get(0) + ")";
        }
        List<String> calls = new ArrayList<>();
        for (int b : bounds) {
            calls.add("nextInt(" + b + ")");
        }
        return String.join(", ", calls);
    }
}
