package k8snet.grader.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The time each exercise's tests have used of their budget, across forks: the clock runs from the moment
 * the runner says an exercise's group starts until the next group starts or the fork ends, so a JVM's
 * start and a restart cost no exercise anything. Times are passed in (nanoseconds of any monotonic clock),
 * so the rules are tested without waiting.
 */
final class ExerciseClock {

    private final long budgetNanos;
    private final Map<String, Long> spent = new HashMap<>();
    private String running;
    private long since;

    ExerciseClock(Duration budget) {
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("An exercise's time budget must be positive, got " + budget);
        }
        this.budgetNanos = budget.toNanos();
    }

    /** The tests of {@code exercise} start now (stopping the clock of the one before). */
    void start(String exercise, long now) {
        stop(now);
        running = exercise;
        since = now;
    }

    /** No exercise's tests run from now on (the group ended with the fork, or the run ended). */
    void stop(long now) {
        if (running != null) {
            spent.merge(running, Math.max(0, now - since), Long::sum);
            running = null;
        }
    }

    /** The running exercise, when it has used up its budget by {@code now}. */
    Optional<String> overBudget(long now) {
        if (running == null) {
            return Optional.empty();
        }
        long used = spent.getOrDefault(running, 0L) + (now - since);
        return used > budgetNanos ? Optional.of(running) : Optional.empty();
    }
}
