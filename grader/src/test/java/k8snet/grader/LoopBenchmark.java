package k8snet.grader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The student's loop, timed: how long {@code ./course check ID} takes after an edit, and how long
 * {@code ./course watch ID} takes from a save to the redrawn board. Not a test (no timing is ever asserted);
 * a maintainer's measuring tool, run after {@code ./mvnw -B -Pselfcheck test-compile -pl grader} and with
 * {@code grader/target/course.jar} built:
 *
 * <pre>
 * java -cp grader/target/test-classes k8snet.grader.LoopBenchmark check 1.1 [--runs 5] [--pause-ms 2000] [--timing]
 * java -cp grader/target/test-classes k8snet.grader.LoopBenchmark watch 1.1 [--runs 5] [--pause-ms 2000]
 * java -cp grader/target/test-classes k8snet.grader.LoopBenchmark watch all [--runs 5]
 * </pre>
 *
 * <p>It copies the kit (the launcher, the manifest, the modules' sources, the solutions and the built
 * course.jar) to a temporary folder and puts the reference solutions of the exercise and of every exercise
 * before it in place, so every graded test runs to the end, as for a student who is nearly done with it. Each measured run follows an edit of the
 * exercise's first file (a comment appended), so the compile is never cached; one unmeasured run comes first,
 * and a pause ({@code --pause-ms}, 2 s) before each measured one, in which a student reads the board and edits.
 * A check goes to the kit copy's check server, which the unmeasured run starts ({@code COURSE_SERVER=on}, as
 * the output is no terminal), unless {@code COURSE_SERVER=off} is set for the benchmark ({@code CheckClient}).
 * {@code --timing} passes {@code -Dcourse.debug.timing=true} and prints the engine's phase times.
 * It prints every run and the median; with the id {@code all}, it measures every exercise in turn and ends
 * with a table of the medians and how many are within the target (0.5 s for {@code watch}, 1.5 s for
 * {@code check}).
 */
public final class LoopBenchmark {

    private static final Pattern FILE = Pattern.compile("^\\s+- (\\S+\\.java)\\s*$");

    private LoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !List.of("check", "watch").contains(args[0])) {
            System.err.println("usage: LoopBenchmark check|watch ID|all [--runs N] [--pause-ms MS] [--timing] [--kit DIR]");
            System.exit(2);
        }
        String mode = args[0];
        String id = args[1];
        int runs = 5;
        long pauseMillis = 2000;
        boolean timing = false;
        Path kit = Path.of("").toAbsolutePath();
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--pause-ms" -> pauseMillis = Long.parseLong(args[++i]);
                case "--timing" -> timing = true;
                case "--kit" -> kit = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option: " + args[i]);
            }
        }
        Path jar = kit.resolve("grader/target/course.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build the course command first (./course list does): " + jar + " is missing");
        }
        if (id.equals("all")) {
            List<String> ids = allIds(kit);
            List<String> rows = new ArrayList<>();
            int within = 0;
            double target = mode.equals("check") ? 1.5 : 0.5;
            for (String each : ids) {
                double median = measure(kit, mode, each, runs, pauseMillis, timing);
                within += median <= target ? 1 : 0;
                rows.add(String.format(Locale.ROOT, "%-5s %.3f s", each, median));
            }
            System.out.printf(Locale.ROOT, "%s, every exercise (median of %d runs each, load now %s):%n", mode, runs, load());
            rows.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "%d of %d exercises within %.1f s%n", within, ids.size(), target);
        } else {
            measure(kit, mode, id, runs, pauseMillis, timing);
        }
    }

    /** Times {@code runs} edits of one exercise in a fresh copy of the kit; prints them and returns the median. */
    private static double measure(Path kit, String mode, String id, int runs, long pauseMillis, boolean timing)
            throws Exception {
        Path copy = Files.createTempDirectory("course-bench-");
        try {
            copyKit(kit, copy);
            // A student at this exercise has done every one before it.
            for (String done : idsUpTo(kit, id)) {
                String m = moduleOf(kit, done);
                for (String f : filesOf(kit, done)) {
                    Files.copy(kit.resolve("solutions").resolve(m).resolve("src/main/java").resolve(f),
                            copy.resolve(m).resolve("src/main/java").resolve(f), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            String module = moduleOf(kit, id);
            List<String> files = filesOf(kit, id);
            Path edited = copy.resolve(module).resolve("src/main/java").resolve(files.get(0));
            List<Double> seconds = mode.equals("check")
                    ? check(copy, id, edited, runs, pauseMillis, timing)
                    : watch(copy, id, edited, runs, pauseMillis, timing);
            List<Double> sorted = new ArrayList<>(seconds);
            sorted.sort(null);
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            System.out.printf(Locale.ROOT, "%s %s: runs %s, median %.3f s (%d runs, %d processors, load %s)%n", mode, id,
                    seconds.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList(), median, seconds.size(),
                    Runtime.getRuntime().availableProcessors(), load());
            return median;
        } finally {
            stopCheckServers(copy);
            deleteTree(copy);
        }
    }

    /** Ends the check server of the kit copy {@code kit}, if one runs (its test JVM writes into the copy). */
    private static void stopCheckServers(Path kit) throws InterruptedException, IOException {
        String marker = "-Dcourse.kit=" + kit.toRealPath();
        List<ProcessHandle> servers = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .filter(c -> c.contains("k8snet.grader.cli.CheckServer") && c.contains(marker)).isPresent()).toList();
        for (ProcessHandle server : servers) {
            server.destroy();
            try {
                server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                server.destroyForcibly();
            }
        }
    }

    private static List<Double> check(Path kit, String id, Path edited, int runs, long pauseMillis, boolean timing)
            throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            if (i > 0) {
                Thread.sleep(pauseMillis); // the student reads the board and edits; a check server gets ready
            }
            edit(edited, i);
            ProcessBuilder pb = new ProcessBuilder(kit.resolve("course").toString(), "check", id).directory(kit.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(timing ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
            options(pb, timing);
            long start = System.nanoTime();
            int code = pb.start().waitFor();
            double s = (System.nanoTime() - start) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("./course check " + id + " exited with " + code + " on the reference solution");
            }
            System.out.printf(Locale.ROOT, "%s check %s: %.3f s%n", i == 0 ? "warm-up" : "run " + i, id, s);
            if (i > 0) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<Double> watch(Path kit, String id, Path edited, int runs, long pauseMillis, boolean timing)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(kit.resolve("course").toString(), "watch", id).directory(kit.toFile())
                .redirectError(timing ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
        options(pb, timing);
        Process p = pb.start();
        List<Double> out = new ArrayList<>();
        try (BufferedReader board = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             OutputStream keys = p.getOutputStream()) {
            untilFooter(board);
            for (int i = 0; i <= runs; i++) {
                Thread.sleep(pauseMillis); // the student reads the board and edits; the next run gets ready meanwhile
                long start = System.nanoTime();
                edit(edited, i);
                String first = untilFooter(board);
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%s watch %s: %.3f s from the save to the board (%s)%n",
                        i == 0 ? "warm-up" : "run " + i, id, s, first.strip());
                if (i > 0) {
                    out.add(s);
                }
            }
            keys.write('q');
            keys.flush();
        } finally {
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return out;
    }

    private static void options(ProcessBuilder pb, boolean timing) {
        // Its output is not a terminal, so a check starts a check server only when asked (CheckClient.mayStart).
        pb.environment().putIfAbsent("COURSE_SERVER", "on");
        String opts = System.getenv().getOrDefault("COURSE_JAVA_OPTS", "");
        if (timing) {
            pb.environment().put("COURSE_JAVA_OPTS", (opts.isEmpty() ? "-XX:+UseSerialGC -XX:TieredStopAtLevel=1" : opts)
                    + " -Dcourse.debug.timing=true");
        }
    }

    /** Reads the board up to its last line ("Keys: ..."); returns its first line. */
    private static String untilFooter(BufferedReader board) throws IOException {
        String first = null;
        for (String line; (line = board.readLine()) != null; ) {
            if (first == null && !line.isBlank() && !line.startsWith("Checking")) {
                first = line;
            }
            if (line.startsWith("Keys: ")) {
                return first;
            }
        }
        throw new IllegalStateException("watch ended before it showed a board");
    }

    private static void edit(Path file, int i) throws IOException {
        Files.writeString(file, "// benchmark edit " + i + "\n", StandardOpenOption.APPEND);
    }

    /** Every exercise id of the manifest, in order. */
    private static List<String> allIds(Path kit) throws IOException {
        List<String> ids = new ArrayList<>();
        for (String l : Files.readAllLines(kit.resolve("course.yaml"))) {
            String t = l.strip();
            if (t.startsWith("- id: \"")) {
                ids.add(t.substring("- id: \"".length(), t.length() - 1));
            }
        }
        return ids;
    }

    /** The exercise ids of the manifest, in order, up to and including {@code id}. */
    private static List<String> idsUpTo(Path kit, String id) throws IOException {
        List<String> ids = allIds(kit);
        int at = ids.indexOf(id);
        if (at < 0) {
            throw new IllegalArgumentException("No exercise " + id + " in course.yaml");
        }
        return ids.subList(0, at + 1);
    }

    private static String moduleOf(Path kit, String id) throws IOException {
        List<String> lines = exercise(kit, id);
        return lines.stream().filter(l -> l.strip().startsWith("module:")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElseThrow();
    }

    private static List<String> filesOf(Path kit, String id) throws IOException {
        List<String> files = new ArrayList<>();
        for (String l : exercise(kit, id)) {
            Matcher m = FILE.matcher(l);
            if (m.matches()) {
                files.add(m.group(1));
            }
        }
        return files;
    }

    /** The manifest's lines of one exercise (a plain reading: the benchmark does not depend on the grader). */
    private static List<String> exercise(Path kit, String id) throws IOException {
        List<String> all = Files.readAllLines(kit.resolve("course.yaml"));
        int start = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).strip().equals("- id: \"" + id + "\"")) {
                start = i;
            } else if (start >= 0 && all.get(i).strip().startsWith("- id:")) {
                return all.subList(start, i);
            }
        }
        if (start < 0) {
            throw new IllegalArgumentException("No exercise " + id + " in course.yaml");
        }
        return all.subList(start, all.size());
    }

    private static void copyKit(Path kit, Path to) throws IOException {
        Files.walkFileTree(kit, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String rel = kit.relativize(dir).toString().replace('\\', '/');
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!rel.isEmpty() && (name.equals(".git") || name.equals(".course")
                        || (name.equals("target") && !rel.equals("grader/target")) || rel.startsWith("grader/target/"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(rel));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = kit.relativize(file).toString().replace('\\', '/');
                if (!rel.startsWith("grader/target/") || rel.equals("grader/target/course.jar")) {
                    Files.copy(file, to.resolve(rel), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Path jar = to.resolve("grader/target/course.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No course.jar in " + kit.resolve("grader/target"));
        }
        // Newer than every source, so the launcher does not rebuild it; not in the future, so the class data
        // archives made after it count as fresh.
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
