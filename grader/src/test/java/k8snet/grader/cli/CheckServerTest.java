package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;
import k8snet.grader.engine.Engine;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.RunRequest;
import k8snet.grader.engine.TestProgress;

/**
 * The check server and its client, on a fake engine: a served check prints and exits as the same check run in
 * the client's own JVM, the next run is got ready after each, and the server refuses what it must not serve. No
 * assertion depends on the machine's speed: the waits are bounds only a hang would reach.
 */
@DisplayName("The check server behind ./course check")
class CheckServerTest {

    private static final String BUILD = "/kit/grader/target/course.jar|123|456";
    private static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    Path kit;

    /** What the fake engine was asked, in order: "run 1.1", "prepare", "close". */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    /** The work folder of each run, in order. */
    private final List<Path> works = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch holdRuns;
    private CheckServer server;
    private Thread serving;

    @BeforeEach
    void kit() throws IOException {
        Files.writeString(kit.resolve("course.yaml"), "# the fixture's manifest is built in code\n");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (serving != null) {
            serving.interrupt();
            server.close();
            serving.join(HANG.toMillis());
        }
    }

    private final class FakeEngine implements Engine {
        @Override
        public GradeReport run(RunRequest request) {
            return run(request, TestProgress.NONE);
        }

        @Override
        public GradeReport run(RunRequest request, TestProgress progress) {
            calls.add("run " + String.join(",", request.exerciseIds()));
            works.add(request.workDir());
            CountDownLatch hold = holdRuns;
            if (hold != null) {
                try {
                    hold.await(HANG.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Fixtures.halfWay();
        }

        @Override
        public void prepareNextRun() {
            calls.add("prepare");
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    private CheckServer start(Duration idle) throws IOException {
        server = new CheckServer(kit, k -> Fixtures.manifest(), new FakeEngine(), BUILD, () -> Optional.of(BUILD),
                Map.of(), idle);
        assertThat(server.bind()).as("the first server binds the kit's socket").isTrue();
        serving = new Thread(() -> {
            try {
                server.serve();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "check-server-under-test");
        serving.start();
        return server;
    }

    private static CheckProtocol.Request request(String build, Map<String, String> settings, String... args) {
        return new CheckProtocol.Request(build, false, List.of(args), Map.of("TERM", "xterm"), settings);
    }

    private record Served(CheckClient.Offer offer, String out, String err) {
    }

    /** Offers {@code request}, waiting for the server to take it as long as only a hang would last. */
    private Served offer(CheckProtocol.Request request) {
        return offer(request, HANG);
    }

    private Served offer(CheckProtocol.Request request, Duration handshake) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CheckClient.Offer offer = CheckClient.offer(kit, request, out, err, handshake);
        return new Served(offer, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The same check in this JVM, as the client runs it when no server takes it. */
    private Served inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CourseEnv env = new CourseEnv(kit, k -> Fixtures.manifest(), FakeEngine::new, new PrintWriter(out),
                new PrintWriter(err), false, Map.of("TERM", "xterm"));
        OptionalInt code = QuickCheck.run(env, args);
        return new Served(CheckClient.Offer.served(code.orElseThrow()), out.toString(), err.toString());
    }

    @Test
    @DisplayName("a served check prints and exits as the check in the client's JVM, and gets the next run ready")
    void servedAsInProcess() throws IOException, InterruptedException {
        start(HANG);
        Served served = offer(request(BUILD, Map.of(), "check", "1.1"));
        Served again = offer(request(BUILD, Map.of(), "check", "--no-color"));
        awaitCalls(4);
        calls.clear();
        Served here = inProcess("check", "1.1");

        assertThat(served.offer().exitCode()).isEqualTo(here.offer().exitCode()).hasValue(1);
        assertThat(served.out()).isEqualTo(here.out()).contains("1.1");
        assertThat(served.err()).isEqualTo(here.err());
        assertThat(again.offer().exitCode()).hasValue(1);
        assertThat(again.out()).contains("1.1", "1.2", "2.1");
        assertThat(calls).as("the in-process check alone").containsExactly("run 1.1");
        assertThat(works).as("the server's own work folder, then the client's")
                .containsExactly(kit.resolve(".course/server/work"), kit.resolve(".course/server/work"),
                        kit.resolve(".course/work"));
    }

    @Test
    @DisplayName("runs each check, then gets the next run ready, in that order, from its first request on")
    void preparesAfterEachCheck() throws IOException, InterruptedException {
        start(HANG);
        server.prepare();
        offer(request(BUILD, Map.of(), "check", "1.1"));
        offer(request(BUILD, Map.of(), "check", "2.1"));
        awaitCalls(5); // the client has its answer before the server gets the next run ready
        assertThat(calls).containsExactly("prepare", "run 1.1", "prepare", "run 2.1", "prepare");
    }

    @Test
    @DisplayName("refuses a client of another build and ends, so that the client checks and starts a new one")
    void anotherBuild() throws Exception {
        start(HANG);
        Served refused = offer(request("/kit/grader/target/course.jar|124|789", Map.of(), "check"));
        assertThat(refused.offer()).isEqualTo(CheckClient.Offer.notServed(true));
        serving.join(HANG.toMillis());
        assertThat(serving.isAlive()).as("the server ended").isFalse();
        assertThat(calls).as("nothing ran").isEmpty();
    }

    @Test
    @DisplayName("refuses a client with other course settings and serves the next one that has its own")
    void otherSettings() throws IOException, InterruptedException {
        start(HANG);
        Served refused = offer(request(BUILD, Map.of("course.debug.timing", "true"), "check"));
        assertThat(refused.offer()).as("checked in the client, no new server")
                .isEqualTo(CheckClient.Offer.notServed(false));
        Served served = offer(request(BUILD, Map.of(), "check", "2.1"));
        assertThat(served.offer().exitCode()).hasValue(1);
        awaitCalls(2);
        assertThat(calls).containsExactly("run 2.1", "prepare");
    }

    /** Waits until the fake engine has had {@code n} calls (a bound only a hang reaches). */
    private void awaitCalls(int n) throws InterruptedException {
        long end = System.nanoTime() + HANG.toNanos();
        while (calls.size() < n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
    }

    @Test
    @DisplayName("runs nothing but a plain check: any other command is refused and left to the client")
    void onlyChecks() throws IOException, InterruptedException {
        start(HANG);
        for (List<String> args : List.of(List.of("grade", "--submissions", "/tmp"), List.of("reset", "1.1"),
                List.of("check", "--help"), List.of("check", "1.1", "1.2"))) {
            assertThat(offer(request(BUILD, Map.of(), args.toArray(String[]::new))).offer()).as("%s", args)
                    .isEqualTo(CheckClient.Offer.notServed(false));
        }
        offer(request(BUILD, Map.of(), "check", "1.1", "--all"));
        awaitCalls(2);
        assertThat(calls).containsExactly("run 1.1", "prepare");
    }

    @Test
    @DisplayName("a client that goes away as soon as it has asked does not stop the server")
    void clientGone() throws IOException, InterruptedException {
        start(HANG);
        try (SocketChannel gone = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.connect(UnixDomainSocketAddress.of(CheckProtocol.socket(kit)));
            DataOutputStream out = new DataOutputStream(java.nio.channels.Channels.newOutputStream(gone));
            request(BUILD, Map.of(), "check", "1.2").write(out);
        }
        Served served = offer(request(BUILD, Map.of(), "check", "1.1"));
        assertThat(served.offer().exitCode()).hasValue(1);
        long end = System.nanoTime() + HANG.toNanos();
        while (!(calls.contains("run 1.1") && calls.get(calls.size() - 1).equals("prepare"))
                && System.nanoTime() < end) {
            Thread.sleep(5); // the 1.1 check's next run, got ready after its client had the answer
        }
        // Whether 1.2 ran depends on whether the server took it before the client left (busy() is the case
        // where it cannot have); either way the next check is served.
        assertThat(calls).endsWith("run 1.1", "prepare");
        assertThat(calls.size()).as("%s", calls).isIn(2, 4);
    }

    @Test
    @DisplayName("a client that leaves while its check runs (Ctrl-C) still has the next run got ready")
    void clientLeavesMidCheck() throws Exception {
        holdRuns = new CountDownLatch(1);
        start(HANG);
        try (SocketChannel leaving = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            leaving.connect(UnixDomainSocketAddress.of(CheckProtocol.socket(kit)));
            request(BUILD, Map.of(), "check", "1.2").write(
                    new DataOutputStream(java.nio.channels.Channels.newOutputStream(leaving)));
            assertThat(new DataInputStream(java.nio.channels.Channels.newInputStream(leaving)).readByte())
                    .isEqualTo(CheckProtocol.ACCEPTED);
            awaitCalls(1);
        }
        holdRuns.countDown();
        awaitCalls(2);
        holdRuns = null;
        assertThat(offer(request(BUILD, Map.of(), "check", "1.1")).offer().exitCode()).hasValue(1);
        awaitCalls(4);
        assertThat(calls).containsExactly("run 1.2", "prepare", "run 1.1", "prepare");
    }

    @Test
    @DisplayName("a client that a busy server does not take within the handshake checks on its own")
    void busy() throws Exception {
        holdRuns = new CountDownLatch(1);
        start(HANG);
        Thread first = new Thread(() -> offer(request(BUILD, Map.of(), "check", "1.1")));
        first.start();
        while (!calls.contains("run 1.1")) {
            Thread.sleep(10);
        }
        // The server cannot take it while the first check is held, so any bound shows the same; the kit's is 3 s.
        Served second = offer(request(BUILD, Map.of(), "check", "1.2"), Duration.ofMillis(500));
        holdRuns.countDown();
        first.join(HANG.toMillis());
        assertThat(second.offer()).as("no server was missing, so none is started")
                .isEqualTo(CheckClient.Offer.notServed(false));
        holdRuns = null;
        offer(request(BUILD, Map.of(), "check", "2.1"));
        awaitCalls(4);
        assertThat(calls).as("the check of the client that gave up is not run").containsExactly("run 1.1", "prepare",
                "run 2.1", "prepare");
    }

    @Test
    @DisplayName("ends after its idle time, deleting its socket and closing the engine, once")
    void idle() throws Exception {
        start(Duration.ofMillis(200));
        serving.join(HANG.toMillis());
        assertThat(serving.isAlive()).isFalse();
        server.close();
        server.close(); // as a signal's shutdown hook and then main's own close would
        assertThat(CheckProtocol.socket(kit)).doesNotExist();
        assertThat(calls).as("closed once").containsExactly("close");
        assertThat(offer(request(BUILD, Map.of(), "check")).offer()).isEqualTo(CheckClient.Offer.notServed(true));
    }

    @Test
    @DisplayName("ends soon after its kit's manifest is gone, while idle")
    void kitGone() throws Exception {
        start(HANG);
        Files.delete(kit.resolve("course.yaml"));
        serving.join(HANG.toMillis());
        assertThat(serving.isAlive()).as("ended within %s", CheckServer.LOOK).isFalse();
    }

    @Test
    @DisplayName("keeps its socket in a folder only its owner may enter; a second server does not bind it")
    void oneServerOwnerOnly() throws IOException {
        start(HANG);
        Path folder = CheckProtocol.socket(kit).getParent();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        CheckServer second = new CheckServer(kit, k -> Fixtures.manifest(), new FakeEngine(), BUILD,
                () -> Optional.of(BUILD), Map.of(), HANG);
        assertThat(second.bind()).as("the first server answers").isFalse();
    }

    @Test
    @DisplayName("replaces a socket file that no server answers on")
    void staleSocket() throws IOException {
        Path socket = CheckProtocol.socket(kit);
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
        assertThat(offer(request(BUILD, Map.of(), "check")).offer()).isEqualTo(CheckClient.Offer.notServed(true));
        start(HANG);
        assertThat(offer(request(BUILD, Map.of(), "check", "1.1")).offer().exitCode()).hasValue(1);
    }

    @Test
    @DisplayName("a request reads back as written, and garbage is refused")
    void requestRoundTrip() throws IOException {
        CheckProtocol.Request request = new CheckProtocol.Request(BUILD, true, List.of("check", "4.6", "--all"),
                Map.of("NO_COLOR", "", "TERM", "dumb"), Map.of("course.exercise.budget", "90"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        request.write(new DataOutputStream(bytes));
        assertThat(CheckProtocol.Request.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
                .isEqualTo(request);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        new DataOutputStream(other).writeUTF("GET / HTTP/1.1");
        assertThatThrownBy(() -> CheckProtocol.Request.read(new DataInputStream(
                new ByteArrayInputStream(other.toByteArray())))).isInstanceOf(IOException.class)
                .hasMessageContaining("not a check request");
    }

    @Test
    @DisplayName("takes only the course's own settings, not those the launcher sets for each run")
    void settings() {
        Properties p = new Properties();
        p.setProperty("course.kit", "/kit");
        p.setProperty("course.tty", "true");
        p.setProperty("course.stdin.tty", "false");
        p.setProperty("course.debug.timing", "true");
        p.setProperty("java.home", "/jdk");
        assertThat(CheckProtocol.settings(p)).containsExactly(Map.entry("course.debug.timing", "true"));
    }

    @Test
    @DisplayName("is off in CI and with COURSE_SERVER=off, and is started from a terminal or with COURSE_SERVER=on")
    void enabled() {
        boolean unix = java.io.File.separatorChar == '/';
        assertThat(CheckClient.enabled(Map.of())).isEqualTo(unix);
        assertThat(CheckClient.enabled(Map.of("CI", "false"))).isEqualTo(unix);
        assertThat(CheckClient.enabled(Map.of("CI", "true"))).isFalse();
        assertThat(CheckClient.enabled(Map.of("CI", "1"))).isFalse();
        assertThat(CheckClient.enabled(Map.of("COURSE_SERVER", "off"))).isFalse();
        assertThat(CheckClient.enabled(Map.of("COURSE_SERVER", "OFF"))).isFalse();
        assertThat(CheckClient.enabled(Map.of("COURSE_SERVER", "on"))).isEqualTo(unix);
        assertThat(CheckClient.mayStart(Map.of(), true)).as("a person at a terminal").isEqualTo(unix);
        assertThat(CheckClient.mayStart(Map.of(), false)).as("a script or a pipe").isFalse();
        assertThat(CheckClient.mayStart(Map.of("COURSE_SERVER", "on"), false)).isEqualTo(unix);
        assertThat(CheckClient.mayStart(Map.of("COURSE_SERVER", "on", "CI", "true"), false)).isFalse();
        assertThat(CheckClient.mayStart(Map.of("COURSE_SERVER", "off"), true)).isFalse();
    }

    @Test
    @DisplayName("refuses a server without an engine or with no idle time, naming the value")
    void badArguments() {
        assertThatThrownBy(() -> new CheckServer(kit, k -> Fixtures.manifest(), new FakeEngine(), BUILD,
                () -> Optional.of(BUILD), Map.of(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new CheckServer(kit, k -> Fixtures.manifest(), null, BUILD,
                () -> Optional.of(BUILD), Map.of(), HANG)).isInstanceOf(IllegalArgumentException.class);
    }
}
