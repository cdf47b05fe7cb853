package k8snet.grader.runner;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The results file: opened for appending before any test code runs; every line carries the run's token
 * and is flushed at once, so the grader sees each finished test even if the JVM dies right after.
 */
final class ResultFile {

    private final OutputStream out;
    private final String token;

    ResultFile(Path file, String token) throws IOException {
        this.out = new FileOutputStream(file.toFile(), true);
        this.token = token;
    }

    synchronized void write(Json line) {
        try {
            // The leading newline ends any partial line test code may have slipped into the file, so
            // a real event is never glued to the end of forged text.
            out.write(("\n" + line.put("token", token).line()).getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the grader's results file", e);
        }
    }
}
