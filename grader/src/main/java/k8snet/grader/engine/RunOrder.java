package k8snet.grader.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The exercises of one module's run in the order their tests run (the manifest's), which of them were
 * stopped and why, and what is left of each: the part of the {@link ResultLedger} that decides what the
 * next fork runs. A stopped exercise stays stopped with the first reason given; its tests that never ran
 * are NOT_RUN with that reason.
 */
final class RunOrder {

    /** The tests of one exercise that are still to run (test or method unique ids). */
    record Pending(String exerciseId, List<String> units) {
    }

    private final List<String> order;
    private final Map<String, String> stopped = new LinkedHashMap<>();

    RunOrder(List<String> exerciseOrder) {
        if (exerciseOrder == null || exerciseOrder.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("Exercise order must not be or hold null, got " + exerciseOrder);
        }
        this.order = List.copyOf(exerciseOrder);
    }

    /** Stops {@code exercise} (null: nothing) for {@code reason}, unless it was stopped already. */
    void stop(String exercise, String reason) {
        if (exercise != null) {
            stopped.putIfAbsent(exercise, reason);
        }
    }

    /** Why {@code exercise} was stopped, if it was. */
    Optional<String> stopReason(String exercise) {
        return Optional.ofNullable(stopped.get(exercise));
    }

    /** What is left to run of {@code book}, by exercise in order (stopped exercises and unknown ones left out). */
    List<Pending> pending(TestBook book) {
        Map<String, List<String>> byExercise = new LinkedHashMap<>();
        order.forEach(e -> byExercise.put(e, new ArrayList<>()));
        for (String unit : book.left()) {
            String e = book.exerciseOf(unit);
            if (byExercise.containsKey(e) && !stopped.containsKey(e)) {
                byExercise.get(e).add(unit);
            }
        }
        List<Pending> out = new ArrayList<>();
        byExercise.forEach((e, u) -> {
            if (!u.isEmpty()) {
                out.add(new Pending(e, List.copyOf(u)));
            }
        });
        return out;
    }

    /** {@code [done, total]} tests of one exercise in {@code book} so far, for a progress line. */
    static int[] progress(TestBook book, String exercise) {
        int done = (int) book.results().stream().filter(r -> r.exerciseId().equals(exercise)).count();
        int left = book.left().stream().filter(u -> exercise.equals(book.exerciseOf(u))).mapToInt(book::stillToCome)
                .sum();
        return new int[] {done, done + left};
    }
}
