package k8snet.grader.runner;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The runner's end of the results pipe: the JVM's original standard output, kept before
 * {@code System.out} is replaced. Every line carries the run's token, which lives only here, and is
 * written with one call and flushed, so the engine sees each event even if the JVM dies right after.
 */
final class ResultChannel {

    private final OutputStream out;
    private final String token;

    ResultChannel(OutputStream out, String token) {
        this.out = out;
        this.token = token;
    }

    synchronized void write(Json line) {
        try {
            // The leading newline ends any partial line test code may have written to this stream, so a
            // real event is never glued to the end of foreign text.
            out.write(("\n" + line.put(Protocol.TOKEN, token).line()).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the grader's results pipe", e);
        }
    }
}
