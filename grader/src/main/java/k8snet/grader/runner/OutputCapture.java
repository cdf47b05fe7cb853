package k8snet.grader.runner;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects what tests print to System.out and System.err, per test and capped, so ten megabytes of
 * output cost a counter, not memory. Output printed between tests (or by threads a finished test left
 * running, while no test runs) is counted and dropped.
 */
final class OutputCapture {

    private final int cap;
    private ByteArrayOutputStream current = new ByteArrayOutputStream();
    private long dropped;
    private boolean inTest;

    OutputCapture(int cap) {
        this.cap = cap;
    }

    /** Starts a fresh buffer for the test that starts now. */
    synchronized void startTest() {
        current = new ByteArrayOutputStream();
        dropped = 0;
        inTest = true;
    }

    /** Ends the current test's buffer and returns what it printed, with a note on what was dropped. */
    synchronized String endTest() {
        String text = current.toString(StandardCharsets.UTF_8);
        if (dropped > 0) {
            text += "\n... (" + dropped + " more bytes of output dropped: the grader keeps " + cap
                    + " bytes per test)";
        }
        current = new ByteArrayOutputStream();
        dropped = 0;
        inTest = false;
        return text;
    }

    synchronized void write(byte[] b, int off, int len) {
        if (!inTest) {
            return;
        }
        int room = cap - current.size();
        int take = Math.max(0, Math.min(room, len));
        current.write(b, off, take);
        dropped += len - take;
    }

    /** A stream that writes into this capture; System.out and System.err are replaced by it. */
    OutputStream stream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                OutputCapture.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                OutputCapture.this.write(b, off, len);
            }
        };
    }
}
