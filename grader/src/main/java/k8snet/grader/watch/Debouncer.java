package k8snet.grader.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns a burst of file changes into one: a save often writes a file several times (a temporary file,
 * a rename, the file itself, a backup), and a "save all" writes several files. Changes are collected
 * until none came for the quiet period; then they are due, once. Pure logic over times the caller passes
 * in (nanoseconds from any fixed origin), so it is tested without a clock.
 */
public final class Debouncer {

    private final long quietNanos;
    private final TreeSet<Path> pending = new TreeSet<>();
    private long lastChange;

    /**
     * @param quietNanos how long no change must come before the collected ones are due
     * @throws IllegalArgumentException when {@code quietNanos} is negative
     */
    public Debouncer(long quietNanos) {
        if (quietNanos < 0) {
            throw new IllegalArgumentException("Quiet period must not be negative, got " + quietNanos + " ns");
        }
        this.quietNanos = quietNanos;
    }

    /** Records changes seen at {@code now}; an empty collection changes nothing. */
    public void changed(Collection<Path> paths, long now) {
        if (paths.isEmpty()) {
            return;
        }
        pending.addAll(paths);
        lastChange = now;
    }

    /** Nanoseconds from {@code now} until the pending changes are due; 0 when due, -1 when none is pending. */
    public long nanosUntilDue(long now) {
        if (pending.isEmpty()) {
            return -1;
        }
        return Math.max(0, lastChange + quietNanos - now);
    }

    /** The pending changes if they are due at {@code now} (and forgets them), else an empty list. */
    public List<Path> takeDue(long now) {
        if (nanosUntilDue(now) != 0) {
            return List.of();
        }
        List<Path> due = new ArrayList<>(pending);
        pending.clear();
        return due;
    }
}
