package k8snet.grader.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The terminal in single-key mode while {@code course watch} runs, so a key acts at once without Enter
 * and is not echoed: {@code stty -icanon -echo} on {@code /dev/tty}, as line editors do, and the saved
 * settings put back when watch ends (also on Ctrl-C, from a shutdown hook). Where there is no
 * {@code stty} or {@code /dev/tty} (Windows, no terminal), nothing changes and keys need Enter.
 */
final class RawTerminal implements AutoCloseable {

    private static final File TTY = new File("/dev/tty");

    private final String saved;
    private final Thread hook;
    private boolean restored;

    private RawTerminal(String saved) {
        this.saved = saved;
        this.hook = saved == null ? null : new Thread(this::restore, "course-terminal-restore");
    }

    /** Single-key mode when {@code wanted} and the platform allows it; otherwise a no-op. */
    static RawTerminal enter(boolean wanted) {
        if (!wanted || System.getProperty("os.name", "").toLowerCase().startsWith("windows") || !TTY.exists()) {
            return new RawTerminal(null);
        }
        String saved = stty(List.of("-g"));
        if (saved == null || saved.isBlank() || stty(List.of("-icanon", "-echo", "min", "1")) == null) {
            return new RawTerminal(null);
        }
        RawTerminal terminal = new RawTerminal(saved.strip());
        Runtime.getRuntime().addShutdownHook(terminal.hook);
        return terminal;
    }

    /** Whether keys arrive one at a time (else a line at a time, after Enter). */
    boolean singleKeys() {
        return saved != null;
    }

    @Override
    public void close() {
        if (saved != null) {
            restore();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook restores (restore() is idempotent).
            }
        }
    }

    private synchronized void restore() {
        if (!restored) {
            restored = true;
            stty(List.of(saved));
        }
    }

    /** Runs stty on the terminal; its output, or null when it failed. */
    private static String stty(List<String> args) {
        List<String> command = new ArrayList<>(List.of("stty"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(TTY))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
