package k8snet.grader.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import k8snet.grader.engine.Engine;
import k8snet.grader.engine.EngineOptions;
import k8snet.grader.engine.ForkingEngine;
import k8snet.grader.engine.JavacWarmUp;
import k8snet.grader.manifest.CourseModule;
import k8snet.grader.manifest.KitLayout;
import k8snet.grader.manifest.Manifest;

/**
 * The kit's check server: a JVM kept running in the background between a student's {@code ./course check}s,
 * with the compiler loaded and compiled by the JIT, the manifest and kit classes read, and the next test JVM already
 * started and warmed up on the last run's classes, as {@code ./course watch} keeps them. A check that a server
 * takes costs the client only a JVM start and a socket; the check itself is the one {@link QuickCheck} runs,
 * with the client's terminal and environment, on the server's engine ({@link CheckClient} starts the server
 * and talks to it; {@link CheckProtocol} is what they say).
 *
 * <p>Only a student's own check is served, on the student's own machine: the socket lives in the kit's
 * {@code .course/server/} folder, which only its owner may enter. One check runs at a time. The server ends
 * after {@link #IDLE} without a request, when a request comes from another build of the grader (the jar was
 * rebuilt), or when the kit's manifest is gone.
 */
public final class CheckServer implements AutoCloseable {

    /** How long the server waits for the next check before it ends. */
    static final Duration IDLE = Duration.ofMinutes(15);

    /** How often an idle server looks whether its kit and its jar are still there. */
    static final Duration LOOK = Duration.ofSeconds(5);

    /** The longest socket path every platform accepts (Linux allows 107 bytes, macOS 103). */
    static final int MAX_SOCKET_PATH = 100;

    private final Path kitRoot;
    private final Path socket;
    private final Function<Path, Manifest> manifests;
    private final Engine engine;
    private final String build;
    private final Supplier<Optional<String>> currentBuild;
    private final Map<String, String> settings;
    private final Duration idle;
    private ServerSocketChannel channel;
    private volatile boolean stopped;
    /** Whether the request being handled ran a check (then the next run is got ready, even if its client left). */
    private boolean ran;
    private boolean closed;

    /**
     * @param kitRoot the kit whose checks this serves
     * @param manifests reads the kit's manifest (for each check)
     * @param engine the engine every check runs on (closed with the server)
     * @param build this server's grader build; a request from another build is refused and ends the server
     * @param currentBuild the build on disk now (a rebuilt jar ends the server before its next check)
     * @param settings this server's course settings ({@link CheckProtocol#settings}); a client with others is
     *     refused and checks on its own
     * @param idle how long to wait for a check before ending
     */
    CheckServer(Path kitRoot, Function<Path, Manifest> manifests, Engine engine, String build,
                Supplier<Optional<String>> currentBuild, Map<String, String> settings, Duration idle) {
        if (kitRoot == null || manifests == null || engine == null || build == null || currentBuild == null
                || settings == null || idle == null || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("A check server needs a kit, a manifest loader, an engine, a build, "
                    + "settings and a positive idle time, got idle " + idle);
        }
        this.kitRoot = kitRoot;
        this.socket = CheckProtocol.socket(kitRoot);
        this.manifests = manifests;
        this.engine = engine;
        this.build = build;
        this.currentBuild = currentBuild;
        this.settings = Map.copyOf(settings);
        this.idle = idle;
    }

    /**
     * Started by {@link CheckClient#startServer} with the arguments of the check that started it: serves the kit of
     * {@code course.kit} until it is idle.
     */
    public static void main(String[] args) {
        Path kit = Course.kitRoot();
        Optional<String> build = CheckProtocol.build();
        if (build.isEmpty()) {
            System.err.println("course check server: not run from course.jar; nothing to serve");
            return;
        }
        try {
            // The compile cache is shared with the checks run in clients: entries are moved into place whole and
            // used only while they match their digests, as for the parallel gradings of a batch.
            ForkingEngine engine = new ForkingEngine(EngineOptions.defaults()
                    .withCacheDir(CheckCommand.ownWork(kit).resolve("cache")));
            try (CheckServer server = new CheckServer(kit, Manifest::load, engine, build.get(),
                    CheckProtocol::build, CheckProtocol.settings(System.getProperties()), IDLE)) {
                if (server.bind()) {
                    // Ended by a signal (pkill), it still ends its waiting test JVM and deletes its socket.
                    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "course-check-server-close"));
                    server.warmUp(args);
                    server.serve();
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("course check server: " + e);
        }
    }

    /**
     * Listens on the kit's socket. False, listening on nothing, when another server answers there or the
     * socket's path is too long for the platform; a socket file no server answers on is replaced.
     */
    boolean bind() throws IOException {
        if (socket.toString().length() > MAX_SOCKET_PATH) {
            return false;
        }
        Path folder = socket.getParent();
        Files.createDirectories(folder);
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the folder keeps its permissions.
        }
        if (Files.exists(socket)) {
            if (answers(socket)) {
                return false;
            }
            Files.deleteIfExists(socket);
        }
        channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            channel.close();
            channel = null;
            return false; // another server bound it first
        }
        return true;
    }

    /**
     * Runs the check of one exercise {@code args} ask for once, unseen, so that the compiler, the engine and the
     * test JVM are warm for the next (a check that comes meanwhile waits), then gets the next run ready. For
     * other arguments (the whole course's check, which would keep both cores busy for many seconds) it only
     * gets the next run ready.
     */
    void warmUp(String... args) {
        Optional<QuickCheck.Check> check = QuickCheck.parse(args);
        Optional<String> id = check.flatMap(QuickCheck.Check::id);
        if (id.isPresent()) {
            PrintWriter nowhere = new PrintWriter(java.io.Writer.nullWriter());
            CourseEnv env = new CourseEnv(kitRoot, manifests, () -> engine, nowhere, nowhere, false, System.getenv());
            QuickCheck.run(env, work(), check.get());
            try {
                // The check found its classes cached; the next one, after an edit, compiles.
                Manifest manifest = manifests.apply(kitRoot);
                manifest.exercises().stream().filter(e -> e.id().equals(id.get())).findFirst().ifPresent(e -> {
                    List<Path> upTo = new ArrayList<>();
                    for (CourseModule m : manifest.modules()) {
                        upTo.add(KitLayout.mainSources(kitRoot, m.id()));
                        if (m.id().equals(e.module())) {
                            break;
                        }
                    }
                    JavacWarmUp.run(KitLayout.mainSources(kitRoot, e.module()), upTo);
                });
            } catch (RuntimeException e) {
                // Only a warm-up: the first check compiles with a cold compiler.
            }
        }
        prepare();
    }

    /** Gets the first check's test JVM ready. */
    void prepare() {
        try {
            engine.prepareNextRun();
        } catch (UncheckedIOException | IllegalStateException e) {
            // The first check starts its own test JVM.
        }
    }

    /**
     * Serves checks, one at a time, until the server has been idle for {@code idle}, a request or the jar on
     * disk shows another build, or the kit's manifest is gone (looked at every {@link #LOOK} while idle, so a
     * server of a deleted kit ends soon).
     */
    void serve() throws IOException {
        if (channel == null) {
            throw new IllegalStateException("The check server is not bound to " + socket);
        }
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_ACCEPT);
            long idleSince = System.nanoTime();
            while (!stopped && !Thread.currentThread().isInterrupted() && stillWanted()) {
                long left = idle.toNanos() - (System.nanoTime() - idleSince);
                if (left <= 0) {
                    return;
                }
                if (selector.select(Math.max(1, Math.min(LOOK.toMillis(), left / 1_000_000))) == 0) {
                    continue;
                }
                selector.selectedKeys().clear();
                SocketChannel client = channel.accept();
                if (client == null) {
                    continue;
                }
                ran = false;
                try (client) {
                    client.configureBlocking(true);
                    handle(client);
                } catch (IOException e) {
                    // The client went away; its check, if it started, ran to its end anyway.
                }
                if (ran) {
                    prepare();
                }
                idleSince = System.nanoTime();
            }
        }
    }

    /**
     * The server's work folder, {@code .course/server/work}: not the one of a check run in a client meanwhile (a
     * client a busy server did not take), as two runs in one folder would write the same layout.
     */
    Path work() {
        return socket.getParent().resolve("work");
    }

    /** Whether the kit is still there and the jar on disk is still this server's build. */
    private boolean stillWanted() {
        return Files.isRegularFile(kitRoot.resolve("course.yaml")) && currentBuild.get().filter(build::equals)
                .isPresent();
    }

    private void handle(SocketChannel client) throws IOException {
        DataInputStream in = new DataInputStream(Channels.newInputStream(client));
        DataOutputStream out = new DataOutputStream(Channels.newOutputStream(client));
        CheckProtocol.Request request = CheckProtocol.Request.read(in);
        Optional<QuickCheck.Check> check = QuickCheck.parse(request.args().toArray(String[]::new));
        String refusal = refusal(request, check.isPresent());
        if (refusal != null) {
            out.writeByte(CheckProtocol.REFUSED);
            out.writeUTF(refusal);
            out.flush();
            return;
        }
        out.writeByte(CheckProtocol.ACCEPTED);
        out.flush(); // fails if the client gave up waiting (a Unix socket's peer gone): nothing is run for it
        PrintWriter stdout = new PrintWriter(new CheckProtocol.FrameWriter(out, CheckProtocol.OUT));
        PrintWriter stderr = new PrintWriter(new CheckProtocol.FrameWriter(out, CheckProtocol.ERR));
        CourseEnv env = new CourseEnv(kitRoot, manifests, () -> engine, stdout, stderr, request.terminal(),
                request.environment());
        int code;
        ran = true;
        try {
            code = QuickCheck.run(env, work(), check.get());
        } finally {
            stdout.flush();
            stderr.flush();
        }
        synchronized (out) {
            out.writeByte(CheckProtocol.EXIT);
            out.writeInt(code);
            out.flush();
        }
        client.shutdownOutput();
    }

    /**
     * Why this server will not run {@code request} ({@code plainCheck}: whether its arguments are a plain check), or
     * null; a request from another build also stops it.
     */
    private String refusal(CheckProtocol.Request request, boolean plainCheck) {
        Optional<String> now = currentBuild.get();
        if (!request.build().equals(build) || now.isEmpty() || !now.get().equals(build)) {
            stopped = true;
            return "the check server runs another build of the course command";
        }
        if (!plainCheck) {
            return "the check server runs only ./course check [ID] [--no-color] [--all], not " + request.args();
        }
        if (!request.settings().equals(settings)) {
            return "the check server runs with other course settings (" + settings + ", asked for "
                    + request.settings() + ")";
        }
        return null;
    }

    /** Whether a server answers on {@code socket}. */
    static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops listening, deletes the socket and closes the engine (its waiting test JVM ends); once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (channel != null) {
                channel.close();
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            // Nothing more to free.
        } finally {
            engine.close();
        }
    }
}
