package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;
import k8snet.grader.board.Style;
import k8snet.grader.engine.Engine;
import k8snet.grader.engine.ExerciseResult;
import k8snet.grader.engine.ExerciseStatus;
import k8snet.grader.engine.GradeReport;
import k8snet.grader.engine.RunRequest;

@DisplayName("course watch, driven by keys and saves")
class WatchCommandTest {

    @TempDir
    Path kit;

    private final StringWriter out = new StringWriter();
    private final List<List<String>> runs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger prepared = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    /** A fake engine: 1.1 done, the others in progress; it counts prepareNextRun() and close(). */
    private final Engine engine = new Engine() {
        @Override
        public GradeReport run(RunRequest request) {
            runs.add(request.exerciseIds());
            return Fixtures.report(request.exerciseIds().stream()
                    .map(id -> Fixtures.manifest().exercise(id).orElseThrow())
                    .map(e -> e.id().equals("1.1")
                            ? Fixtures.result(e, ExerciseStatus.DONE, Fixtures.passed(e, "a"))
                            : Fixtures.result(e, ExerciseStatus.IN_PROGRESS, Fixtures.passed(e, "a"),
                                    Fixtures.failed(e, "b", "expected 10.0.1.0")))
                    .toArray(ExerciseResult[]::new));
        }

        @Override
        public void prepareNextRun() {
            prepared.incrementAndGet();
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    };

    private CourseEnv env(String keys) {
        return new CourseEnv(kit, k -> Fixtures.manifest(), () -> engine, new PrintWriter(out), new PrintWriter(new StringWriter()),
                false, Map.of(), new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("watches the given exercise; n moves on, h shows the hints one level further each time, q ends it")
    void keys() {
        int code = Course.commandLine(env("nhhhxq")).execute("watch", "1.1");
        assertThat(code).isZero();
        assertThat(runs).containsExactly(List.of("1.1"), List.of("1.2"));
        String text = out.toString();
        assertThat(text).contains("Watching from 1.1", "1.1 is done. Press n for the next exercise, 1.2 Hostnames and DNS.",
                "Watching 1.1 IPv4 addresses: save a file to check it again.", WatchLoop.KEYS,
                "Next exercise: 1.2 Hostnames and DNS", "Watching 1.2 Hostnames and DNS",
                "Hint 1 of 2 for 1.2", "Drop one trailing dot.", "Hint 2 of 2 for 1.2", "Check every label.",
                "No key 'x'.", "Stopped watching.");
        assertThat(text.indexOf("Hint 2 of 2")).as("the third h stays at the last hint")
                .isLessThan(text.lastIndexOf("Hint 2 of 2"));
        assertThat(prepared).as("the next run is got ready after each run").hasValue(2);
        assertThat(closed).as("the engine is closed at the end").hasValue(1);
    }

    @Test
    @DisplayName("without an ID checks every exercise once, then watches the first one not done; c checks all again")
    void firstNotDone() {
        assertThat(Course.commandLine(env("cq")).execute("watch")).isZero();
        assertThat(runs).containsExactly(List.of("1.1", "1.2", "2.1"), List.of("1.1", "1.2", "2.1"));
        assertThat(out.toString()).contains("Checked the whole course to find where you are",
                "Watching 1.2 Hostnames and DNS", "Checked every exercise (press n or save a file to go on with 1.2)");
    }

    @Test
    @DisplayName("says so at the last exercise, and keeps watching when the keyboard's input ends")
    void lastAndNoKeyboard() throws InterruptedException {
        LinkedBlockingQueue<WatchLoop.Event> events = new LinkedBlockingQueue<>(List.of(new WatchLoop.Key('n'),
                new WatchLoop.InputEnded(), new WatchLoop.InputEnded(), new WatchLoop.Key('Q')));
        WatchLoop loop = new WatchLoop(env(""), Fixtures.manifest(), engine, Style.PLAIN, kit.resolve(".course/watch"), events);
        assertThat(loop.run(Fixtures.manifest().exercise("2.1"))).isZero();
        String text = out.toString();
        assertThat(text).contains("2.1 is the last exercise. Press c to check them all.", "Stopped watching.");
        assertThat(text.split("No keyboard input", -1)).as("said once").hasSize(2);
        assertThat(runs).containsExactly(List.of("2.1"));
    }

    @Test
    @DisplayName("checks once for saves that queued up during a run, naming the files by their kit path")
    void savesCoalesce() throws InterruptedException {
        Path a = kit.resolve("module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java");
        Path b = kit.resolve("module-01-basics/src/main/java/k8snet/ip/Helper.java");
        LinkedBlockingQueue<WatchLoop.Event> events = new LinkedBlockingQueue<>(List.of(new WatchLoop.Saved(List.of(a)),
                new WatchLoop.Saved(List.of(b, a)), new WatchLoop.Key('q')));
        WatchLoop loop = new WatchLoop(env(""), Fixtures.manifest(), engine, Style.PLAIN, kit.resolve(".course/watch"), events);
        assertThat(loop.run(Optional.of(Fixtures.IPV4))).isZero();
        assertThat(runs).containsExactly(List.of("1.1"), List.of("1.1"));
        assertThat(out.toString()).contains("Saved module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java, "
                + "module-01-basics/src/main/java/k8snet/ip/Helper.java (checked in ");
    }
}
