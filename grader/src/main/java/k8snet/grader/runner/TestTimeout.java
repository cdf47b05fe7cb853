package k8snet.grader.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The per-test timeout, kept from outside the test. Every test runs on JUnit's own thread, one after the other;
 * a watchdog thread knows which test is open and since when, and once it has been open for the timeout
 * (its {@code @BeforeEach} and {@code @AfterEach} included), it has the test's {@code finished} line written as
 * timed out, naming the course code the test's thread was running, and ends the JVM
 * ({@link Protocol#RECYCLE_EXIT}), so that the engine starts a fresh one for the rest. A loop that never
 * checks for interruption is stopped the same way as a wait that never ends.
 *
 * <p>Jupiter's own timeout did this before, in its {@code SEPARATE_THREAD} mode, which starts a thread for
 * every test and lifecycle method: on two cores that cost about a third of the time of a module's tests
 * (exercise 4.1's 154 tests: 282 ms, against 163 ms on one thread). Its {@code SAME_THREAD} mode only
 * interrupts, which a spinning loop never sees.
 *
 * <p>The listener and the watchdog share one lock: a test's {@code finished} line is written by exactly one
 * of them, and nothing is written after the watchdog's.
 */
final class TestTimeout {

    /** What the watchdog writes for the test it stops. */
    interface Report {
        void timedOut(String id, String where);
    }

    private final long timeoutNanos;
    private final LongSupplier clock;
    private final Object lock = new Object();
    private String openId;
    private Thread openThread;
    private long openSince;
    private boolean fired;

    TestTimeout(long timeoutNanos, LongSupplier clock) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("The test timeout must be positive, got " + timeoutNanos + " ns");
        }
        this.timeoutNanos = timeoutNanos;
        this.clock = clock;
    }

    /** The timeout of the spec's text, {@code "<millis> ms"} (what the engine writes). */
    static long parseMillis(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.endsWith(" ms")) {
            throw new IllegalArgumentException("A test timeout must read \"<millis> ms\", got \"" + text + "\"");
        }
        try {
            long millis = Long.parseLong(t.substring(0, t.length() - 3).strip());
            if (millis <= 0) {
                throw new IllegalArgumentException("A test timeout must be positive, got \"" + text + "\"");
            }
            return millis;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("A test timeout must read \"<millis> ms\", got \"" + text + "\"");
        }
    }

    /** Runs {@code write} (the test's started line) with the test open from now, on the calling thread. */
    void open(String id, Runnable write) {
        synchronized (lock) {
            openId = id;
            openThread = Thread.currentThread();
            openSince = clock.getAsLong();
            write.run();
            lock.notifyAll();
        }
    }

    /**
     * Closes the test and runs {@code write} (its finished line), unless the watchdog has stopped it already;
     * then the caller waits here for the JVM's end.
     */
    void close(String id, Runnable write) {
        synchronized (lock) {
            if (fired) {
                // The watchdog wrote this test's line and ends the JVM; nothing more may be written.
                waitForever();
            }
            if (id.equals(openId)) {
                openId = null;
                openThread = null;
            }
            write.run();
        }
    }

    /** Runs {@code write} (a line outside any test) under the lock, so it never follows the watchdog's. */
    void outside(Runnable write) {
        synchronized (lock) {
            if (fired) {
                waitForever();
            }
            write.run();
        }
    }

    /**
     * Starts the watchdog, a daemon thread, which reports through {@code report} and then runs {@code ending} (in
     * the runner: halt the JVM).
     */
    Thread watch(Report report, Runnable ending) {
        Thread t = new Thread(() -> loop(report, ending), "k8snet-test-timeout");
        t.setDaemon(true);
        t.setPriority(Thread.MAX_PRIORITY);
        t.start();
        return t;
    }

    private void loop(Report report, Runnable ending) {
        synchronized (lock) {
            while (true) {
                try {
                    long left = left(clock.getAsLong());
                    if (left <= 0) {
                        fired = true;
                        report.timedOut(openId, where(openThread));
                        ending.run();
                        return;
                    }
                    if (left == Long.MAX_VALUE) {
                        lock.wait();
                    } else {
                        lock.wait((left + 999_999) / 1_000_000);
                    }
                } catch (InterruptedException e) {
                    // Test code may interrupt any thread it finds; the watchdog keeps watching.
                } catch (RuntimeException | Error e) {
                    // Whatever the report or the clock threw, the test must still be stopped.
                    fired = true;
                    ending.run();
                    return;
                }
            }
        }
    }

    /**
     * Nanoseconds the open test has left at {@code now}: 0 or less once it has run for the timeout,
     * {@link Long#MAX_VALUE} when no test is open.
     */
    long left(long now) {
        synchronized (lock) {
            return openId == null ? Long.MAX_VALUE : openSince + timeoutNanos - now;
        }
    }

    /** Makes the watchdog read the clock again now (for a test's clock that jumps). */
    void tick() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Whether the watchdog has stopped a test. */
    boolean fired() {
        synchronized (lock) {
            return fired;
        }
    }

    /**
     * Where {@code thread} is, in the course's own code: its innermost two frames of {@code k8snet.*} classes
     * other than the grader's, such as {@code "Resolver.resolve(Resolver.java:88), called from
     * ResolverTest.lambda$x$0(ResolverTest.java:40)"}; empty when it runs none.
     */
    static String where(Thread thread) {
        if (thread == null) {
            return "";
        }
        List<String> frames = new ArrayList<>();
        for (StackTraceElement f : thread.getStackTrace()) {
            String c = f.getClassName();
            if (c.startsWith("k8snet.") && !c.startsWith("k8snet.grader.")) {
                frames.add(c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName() + "("
                        + (f.getFileName() == null ? "?" : f.getFileName())
                        + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : "") + ")");
                if (frames.size() == 2) {
                    break;
                }
            }
        }
        return String.join(", called from ", frames);
    }

    private void waitForever() {
        while (true) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                // Only the JVM's end releases this thread.
            }
        }
    }
}
