package k8snet.grader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The watchdog of the per-test timeout, on a clock the test moves (nothing here waits for real time to pass). */
@DisplayName("TestTimeout")
class TestTimeoutTest {

    private static final long TIMEOUT = 7_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000);
    private final TestTimeout timeout = new TestTimeout(TIMEOUT, now::get);

    @Nested
    @DisplayName("reads the spec's timeout")
    class Parse {

        @Test
        @DisplayName("as the engine writes it, in milliseconds")
        void millis() {
            assertThat(TestTimeout.parseMillis("7000 ms")).isEqualTo(7_000);
            assertThat(TestTimeout.parseMillis(" 1 ms ")).isEqualTo(1);
        }

        @Test
        @DisplayName("refuses any other text, or a timeout that is not positive, naming it")
        void refuses() {
            for (String bad : new String[] {"7 s", "7000", "ms", " ms", "x ms", "0 ms", "-5 ms", ""}) {
                assertThatIllegalArgumentException().as(bad).isThrownBy(() -> TestTimeout.parseMillis(bad))
                        .withMessageContaining("\"" + bad + "\"");
            }
            assertThatIllegalArgumentException().isThrownBy(() -> TestTimeout.parseMillis(null))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().isThrownBy(() -> new TestTimeout(0, now::get))
                    .withMessageContaining("0 ns");
        }
    }

    @Nested
    @DisplayName("counts an open test's time")
    class Left {

        @Test
        @DisplayName("from when it opened, to 0 at exactly the timeout")
        void boundary() {
            assertThat(timeout.left(now.get())).as("no test open").isEqualTo(Long.MAX_VALUE);
            timeout.open("t1", () -> { });
            assertThat(timeout.left(1_000)).isEqualTo(TIMEOUT);
            assertThat(timeout.left(1_000 + TIMEOUT - 1)).isEqualTo(1);
            assertThat(timeout.left(1_000 + TIMEOUT)).isZero();
            assertThat(timeout.left(1_000 + TIMEOUT + 5)).isEqualTo(-5);
        }

        @Test
        @DisplayName("not at all once it is closed, and afresh for the next test")
        void closed() {
            List<String> lines = new ArrayList<>();
            timeout.open("t1", () -> lines.add("started t1"));
            timeout.close("t1", () -> lines.add("finished t1"));
            assertThat(timeout.left(1_000 + 10 * TIMEOUT)).isEqualTo(Long.MAX_VALUE);
            now.set(50_000);
            timeout.open("t2", () -> lines.add("started t2"));
            timeout.outside(() -> lines.add("container line"));
            assertThat(timeout.left(50_000 + 3)).isEqualTo(TIMEOUT - 3);
            assertThat(lines).containsExactly("started t1", "finished t1", "started t2", "container line");
            assertThat(timeout.fired()).isFalse();
        }
    }

    @Nested
    @DisplayName("its watchdog")
    class Watchdog {

        @Test
        @DisplayName("stops the open test once its time is up: reports it once, then ends")
        void fires() throws InterruptedException {
            List<String> reported = new ArrayList<>();
            CountDownLatch ended = new CountDownLatch(1);
            timeout.open("t1", () -> { });
            Thread dog = timeout.watch((id, where) -> reported.add(id + " at [" + where + "]"), ended::countDown);
            now.addAndGet(TIMEOUT);
            timeout.tick();
            // A bound against a hang of this test, not a measure of speed: the watchdog needs no real time here.
            assertThat(ended.await(60, TimeUnit.SECONDS)).isTrue();
            dog.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(dog.isAlive()).isFalse();
            assertThat(reported).as("this test's thread runs no course code outside the grader")
                    .containsExactly("t1 at []");
            assertThat(timeout.fired()).isTrue();
        }

        @Test
        @DisplayName("keeps watching when test code interrupts it")
        void interrupted() throws InterruptedException {
            CountDownLatch ended = new CountDownLatch(1);
            List<String> reported = new ArrayList<>();
            Thread dog = timeout.watch((id, where) -> reported.add(id), ended::countDown);
            dog.interrupt();
            timeout.open("t9", () -> { });
            dog.interrupt();
            now.addAndGet(TIMEOUT + 1);
            timeout.tick();
            assertThat(ended.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(reported).containsExactly("t9");
        }

        @Test
        @DisplayName("is a daemon, so it never keeps the JVM alive")
        void daemon() {
            Thread dog = timeout.watch((id, where) -> { }, () -> { });
            assertThat(dog.isDaemon()).isTrue();
            assertThat(dog.getName()).isEqualTo("k8snet-test-timeout");
        }
    }
}
