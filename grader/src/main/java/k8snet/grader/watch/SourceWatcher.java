package k8snet.grader.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Calls back, once per save, with the files that changed under some folders. The truth is always a
 * {@link Snapshot} compared with the previous one: it is taken every {@code poll} interval, and at once when
 * the operating system's file events ({@link WatchService}) say something happened, so a save is noticed
 * within milliseconds where events work and within the poll interval where they do not (network drives,
 * WSL's Windows folders; macOS, whose JDK watch service itself polls every few seconds). {@code nativeEvents
 * = false} forces polling alone. A {@link Debouncer} makes one run of each burst of writes.
 *
 * <pre>{@code
 * try (SourceWatcher w = SourceWatcher.start(roots, n -> n.endsWith(".java"), Duration.ofMillis(300),
 *         Duration.ofMillis(50), true, changed -> queue.add(changed))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>The callback runs on the watcher's own thread; it should hand the work over rather than do it there.
 */
public final class SourceWatcher implements AutoCloseable {

    private final List<Path> roots;
    private final Predicate<String> wanted;
    private final long pollNanos;
    private final Debouncer debouncer;
    private final Consumer<List<Path>> onChange;
    private final BlockingQueue<Boolean> nudges = new ArrayBlockingQueue<>(1);
    private final WatchService service;
    private final Thread poller;
    private final Thread events;
    private volatile boolean running = true;
    /** Taken by {@link #start} before the poller runs (Thread.start orders it before the poller's reads). */
    private Snapshot first;

    private SourceWatcher(List<Path> roots, Predicate<String> wanted, Duration poll, Duration quiet,
                          boolean nativeEvents, Consumer<List<Path>> onChange) {
        this.roots = List.copyOf(roots);
        this.wanted = wanted;
        this.pollNanos = poll.toNanos();
        this.debouncer = new Debouncer(quiet.toNanos());
        this.onChange = onChange;
        this.service = nativeEvents ? openService() : null;
        this.poller = new Thread(this::poll, "course-watch-poll");
        this.poller.setDaemon(true);
        this.events = service == null ? null : new Thread(this::listen, "course-watch-events");
        if (events != null) {
            events.setDaemon(true);
        }
    }

    /**
     * Starts watching {@code roots} (folders, searched recursively) for files whose name {@code wanted}
     * accepts. The snapshot it compares with is taken before this returns, so a save right after it is seen.
     *
     * @param poll how often to look when no event came; at least 10 ms
     * @param quiet how long no further write must come before the changes are reported
     * @param nativeEvents whether to use the operating system's file events besides polling
     * @throws IllegalArgumentException for a null argument or a poll interval under 10 ms
     */
    public static SourceWatcher start(List<Path> roots, Predicate<String> wanted, Duration poll, Duration quiet,
                                      boolean nativeEvents, Consumer<List<Path>> onChange) {
        if (roots == null || wanted == null || poll == null || quiet == null || onChange == null) {
            throw new IllegalArgumentException("SourceWatcher arguments must not be null");
        }
        if (poll.toMillis() < 10) {
            throw new IllegalArgumentException("Poll interval must be at least 10 ms, got " + poll);
        }
        SourceWatcher watcher = new SourceWatcher(roots, wanted, poll, quiet, nativeEvents, onChange);
        watcher.begin();
        return watcher;
    }

    /** Whether the operating system's file events are in use (else only polling). */
    public boolean usesNativeEvents() {
        return service != null;
    }

    private void begin() {
        first = Snapshot.scan(roots, wanted);
        if (service != null) {
            roots.forEach(this::registerTree);
            events.start();
        }
        poller.start();
    }

    private void poll() {
        Snapshot last = first;
        while (running) {
            long now = System.nanoTime();
            long due = debouncer.nanosUntilDue(now);
            long wait = due < 0 ? pollNanos : Math.min(pollNanos, due);
            try {
                nudges.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            Snapshot next;
            try {
                next = Snapshot.scan(roots, wanted);
            } catch (RuntimeException e) {
                // A folder that cannot be read for a moment (being replaced): look again next time.
                continue;
            }
            now = System.nanoTime();
            debouncer.changed(next.changedSince(last), now);
            last = next;
            List<Path> changed = debouncer.takeDue(now);
            if (!changed.isEmpty()) {
                onChange.accept(changed);
            }
        }
    }

    private void listen() {
        while (running) {
            WatchKey key;
            try {
                key = service.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && key.watchable() instanceof Path dir
                        && event.context() instanceof Path name && Files.isDirectory(dir.resolve(name))) {
                    registerTree(dir.resolve(name));
                }
            }
            key.reset();
            nudges.offer(Boolean.TRUE);
        }
    }

    private void registerTree(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY);
            }
        } catch (IOException | ClosedWatchServiceException | java.io.UncheckedIOException e) {
            // Events for this folder are lost; polling still sees its changes.
        }
    }

    private static WatchService openService() {
        try {
            return FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        if (service != null) {
            try {
                service.close();
            } catch (IOException ignored) {
                // Closing only stops the event thread.
            }
        }
    }
}
