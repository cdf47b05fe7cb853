package k8snet.grader.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import k8snet.grader.engine.GraderJar;

/**
 * What {@code ./course check} and the kit's check server ({@link CheckServer}) say to each other over the
 * server's Unix domain socket. The client sends one {@link Request}; the server answers {@link #ACCEPTED} (or
 * {@link #REFUSED} and a reason), then the command's output as frames ({@link #OUT} or {@link #ERR}, a length
 * and that many bytes of UTF-8) and at last {@link #EXIT} and the exit code.
 */
final class CheckProtocol {

    /** The first thing a request says: which protocol it speaks. */
    static final String MAGIC = "course-check-server 1";
    static final byte ACCEPTED = 'A';
    static final byte REFUSED = 'R';
    static final byte OUT = 'O';
    static final byte ERR = 'E';
    static final byte EXIT = 'X';

    /** System properties the launcher sets for each run, which a served check takes from its request instead. */
    private static final List<String> PER_RUN = List.of("course.kit", "course.tty", "course.stdin.tty");
    private static final int MAX_ITEMS = 10_000;

    private CheckProtocol() {
    }

    /**
     * This JVM's build of the course command: the grader jar's identity ({@link GraderJar#identity}) and the JDK
     * it runs on; empty when not run from the jar. A server serves only clients of its own build.
     */
    static Optional<String> build() {
        return GraderJar.identity().map(jar -> jar + "|" + System.getProperty("java.home"));
    }

    /** Where the kit's server listens: {@code .course/server/check.sock}. */
    static Path socket(Path kitRoot) {
        return kitRoot.resolve(".course").resolve("server").resolve("check.sock");
    }

    /**
     * The course's own settings among {@code properties} ({@code course.*}, such as {@code course.debug.timing}),
     * without those the launcher sets for each run: a server serves only clients with the same settings.
     */
    static Map<String, String> settings(Properties properties) {
        Map<String, String> out = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("course.") && !PER_RUN.contains(name)) {
                out.put(name, properties.getProperty(name));
            }
        }
        return out;
    }

    /**
     * One check a client asks for.
     *
     * @param build the client's build ({@link CheckProtocol#build})
     * @param terminal whether the client's standard output is a terminal
     * @param args the command's arguments
     * @param environment the client's environment
     * @param settings the client's course settings ({@link #settings})
     */
    record Request(String build, boolean terminal, List<String> args, Map<String, String> environment,
                   Map<String, String> settings) {

        Request {
            args = List.copyOf(args);
            environment = Map.copyOf(environment);
            settings = Map.copyOf(settings);
        }

        void write(DataOutputStream out) throws IOException {
            out.writeUTF(MAGIC);
            out.writeUTF(build);
            out.writeBoolean(terminal);
            out.writeInt(args.size());
            for (String a : args) {
                out.writeUTF(a);
            }
            writeMap(out, environment);
            writeMap(out, settings);
            out.flush();
        }

        /** Reads a request; an {@link IOException} when it is not one this protocol knows. */
        static Request read(DataInputStream in) throws IOException {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IOException("not a check request: " + magic);
            }
            String build = in.readUTF();
            boolean terminal = in.readBoolean();
            int n = count(in);
            List<String> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                args.add(in.readUTF());
            }
            return new Request(build, terminal, args, readMap(in), readMap(in));
        }

        private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
            out.writeInt(map.size());
            for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        }

        private static Map<String, String> readMap(DataInputStream in) throws IOException {
            int n = count(in);
            Map<String, String> map = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                map.put(in.readUTF(), in.readUTF());
            }
            return map;
        }

        private static int count(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > MAX_ITEMS) {
                throw new IOException("a count of " + n + " items in a check request");
            }
            return n;
        }
    }

    /** Sends what is written to it as frames of one kind, each flush one frame; a closed client loses them. */
    static final class FrameWriter extends Writer {
        private final DataOutputStream out;
        private final byte kind;
        private final StringBuilder pending = new StringBuilder();

        FrameWriter(DataOutputStream out, byte kind) {
            this.out = out;
            this.kind = kind;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            pending.append(buffer, offset, length);
        }

        @Override
        public void flush() throws IOException {
            if (pending.length() == 0) {
                return;
            }
            byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
            pending.setLength(0);
            synchronized (out) {
                out.writeByte(kind);
                out.writeInt(bytes.length);
                out.write(bytes);
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
