package k8snet.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import k8snet.Require;

/**
 * A clock that moves only when told to. The model never reads the wall clock: everything that
 * depends on time (DNS TTLs, session affinity, connection tracking) takes an {@link InstantSource},
 * and tests and scenarios pass a {@code ManualClock} so that a run is exactly repeatable.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * clock.advance(Duration.ofSeconds(30));
 * clock.instant();   // 1970-01-01T00:00:30Z
 * }</pre>
 */
public final class ManualClock implements InstantSource {

    private Instant now;

    /** A clock at the epoch, 1970-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.EPOCH);
    }

    /**
     * A clock at the given instant.
     *
     * @throws IllegalArgumentException if {@code start} is null
     */
    public ManualClock(Instant start) {
        this.now = Require.nonNull(start, "start");
    }

    @Override
    public Instant instant() {
        return now;
    }

    /**
     * Moves the clock forward.
     *
     * @throws IllegalArgumentException if {@code step} is null or negative: time never runs backwards
     */
    public void advance(Duration step) {
        Require.nonNull(step, "step");
        if (step.isNegative()) {                       // no message built on the way: a benchmark ticks per packet
            throw new IllegalArgumentException("A clock only moves forward, step was " + step);
        }
        now = now.plus(step);
    }
}
