package k8snet.grader.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import k8snet.grader.engine.GraderJar;

/**
 * The client side of the check server ({@link CheckServer}): {@code ./course check [ID]} asks the kit's server
 * to run the check and copies its output, or runs the check itself when no server takes it, and then starts
 * one for the next check. Off where it cannot help or should not run: on Windows, in CI ({@code CI} set to
 * anything but {@code false}), with {@code COURSE_SERVER=off}, and for every command but a plain check; only a
 * check on a terminal, or with {@code COURSE_SERVER=on}, starts a server ({@link #mayStart}).
 */
final class CheckClient {

    /** The environment variable that turns the server off ({@code COURSE_SERVER=off}). */
    static final String SWITCH = "COURSE_SERVER";

    /** How long a client waits for a busy server to take its check before it checks on its own. */
    static final Duration HANDSHAKE = Duration.ofSeconds(3);

    private CheckClient() {
    }

    /** What became of a check offered to the server. */
    record Offer(OptionalInt exitCode, boolean startServer) {

        /** The server ran the check, which exited with {@code code}. */
        static Offer served(int code) {
            return new Offer(OptionalInt.of(code), false);
        }

        /** Not served; {@code startServer}: no server answered (or it ended), so the client starts one. */
        static Offer notServed(boolean startServer) {
            return new Offer(OptionalInt.empty(), startServer);
        }
    }

    /** Whether a check in this environment may go to a server at all. */
    static boolean enabled(Map<String, String> environment) {
        String ci = environment.get("CI");
        return !"off".equalsIgnoreCase(environment.getOrDefault(SWITCH, ""))
                && (ci == null || ci.isEmpty() || "false".equalsIgnoreCase(ci))
                && File.separatorChar == '/';
    }

    /**
     * Whether a check that no server took may start one: for a person at a terminal, or anywhere with
     * {@code COURSE_SERVER=on} (a benchmark, a script that checks in a loop); a script, an editor's task or a
     * pipe does not leave a process behind unasked.
     */
    static boolean mayStart(Map<String, String> environment, boolean terminal) {
        return enabled(environment) && (terminal || "on".equalsIgnoreCase(environment.getOrDefault(SWITCH, "")));
    }

    /**
     * Offers {@code request} to the server of {@code kitRoot} and, if it takes it, copies its output to
     * {@code out} and {@code err} as it comes.
     */
    static Offer offer(Path kitRoot, CheckProtocol.Request request, OutputStream out, OutputStream err) {
        return offer(kitRoot, request, out, err, HANDSHAKE);
    }

    /** {@link #offer(Path, CheckProtocol.Request, OutputStream, OutputStream)}, waiting {@code handshake} at most. */
    static Offer offer(Path kitRoot, CheckProtocol.Request request, OutputStream out, OutputStream err,
                       Duration handshake) {
        Path socket = CheckProtocol.socket(kitRoot);
        if (!Files.exists(socket)) {
            return Offer.notServed(true);
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            return Offer.notServed(true); // a socket file left by a server that is gone
        }
        java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(handshake.toMillis());
                late.set(true);
                channel.close(); // busy with another check for too long: check here instead
            } catch (InterruptedException | IOException e) {
                // Taken in time.
            }
        }, "course-check-handshake");
        watchdog.setDaemon(true);
        boolean started = false;
        try (channel) {
            DataOutputStream to = new DataOutputStream(Channels.newOutputStream(channel));
            DataInputStream from = new DataInputStream(Channels.newInputStream(channel));
            watchdog.start();
            request.write(to);
            byte answer = from.readByte();
            watchdog.interrupt();
            if (answer != CheckProtocol.ACCEPTED) {
                String reason = answer == CheckProtocol.REFUSED ? from.readUTF() : "an unknown answer";
                return Offer.notServed(reason.contains("another build"));
            }
            started = true;
            while (true) {
                byte kind = from.readByte();
                if (kind == CheckProtocol.EXIT) {
                    return Offer.served(from.readInt());
                }
                byte[] bytes = new byte[from.readInt()];
                from.readFully(bytes);
                OutputStream to2 = kind == CheckProtocol.ERR ? err : out;
                to2.write(bytes);
                to2.flush();
            }
        } catch (IOException e) {
            if (started) {
                PrintStream note = new PrintStream(err, true);
                note.println();
                note.println("course: the background check server stopped; checking here instead.");
            }
            return Offer.notServed(!started && !late.get());
        } finally {
            watchdog.interrupt();
        }
    }

    /**
     * Starts a check server for {@code kitRoot} in the background, with this JVM's own options (without its
     * class-archive options) and class path, in a session of its own so that closing the terminal does not end
     * it, its output going to {@code .course/server/server.log}; it first runs the check {@code checkArgs} ask
     * for once, unseen, to warm up. Does nothing when not run from the jar. Returns whether it started one.
     */
    static boolean startServer(Path kitRoot, String... checkArgs) {
        Optional<Path> jar = GraderJar.path();
        if (jar.isEmpty()) {
            return false;
        }
        try {
            Path folder = CheckProtocol.socket(kitRoot).getParent();
            Files.createDirectories(folder);
            Path log = folder.resolve("server.log");
            if (Files.exists(log) && Files.size(log) > 1 << 20) {
                Files.delete(log);
            }
            List<String> command = new ArrayList<>();
            for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
                if (Files.isExecutable(Path.of(setsid))) {
                    command.add(setsid);
                    break;
                }
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!option.startsWith("-XX:ArchiveClassesAtExit") && !option.startsWith("-XX:SharedArchiveFile")
                        && !option.equals("-XX:+AutoCreateSharedArchive")) {
                    command.add(option);
                }
            }
            command.addAll(List.of("-cp", jar.get().toString(), CheckServer.class.getName()));
            command.addAll(List.of(checkArgs));
            new ProcessBuilder(command).directory(kitRoot.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true).start();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
