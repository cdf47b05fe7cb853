package k8snet.grader.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The sandbox")
class SandboxTest {

    @TempDir
    Path dir;

    @Nested
    @DisplayName("modes")
    class Modes {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({"none, NONE", "UNSHARE, UNSHARE", " Bubblewrap , BUBBLEWRAP"})
        @DisplayName("parse from their labels, in any case")
        void parse(String text, SandboxMode mode) {
            assertThat(SandboxMode.parse(text)).isEqualTo(mode);
            assertThat(mode.label()).isEqualTo(text.strip().toLowerCase(java.util.Locale.ROOT));
        }

        @Test
        @DisplayName("refuse an unknown name, listing the known ones")
        void unknown() {
            assertThatIllegalArgumentException().isThrownBy(() -> SandboxMode.parse("docker"))
                    .withMessage("Unknown sandbox mode 'docker' (expected one of [bubblewrap, unshare, none])");
            assertThatIllegalArgumentException().isThrownBy(() -> SandboxMode.parse(null))
                    .withMessageContaining("'null'");
        }

        @Test
        @DisplayName("none is always available and leaves the command as it is, but for leaving root")
        void none() {
            assertThat(Sandbox.unavailable(SandboxMode.NONE)).isEmpty();
            Sandbox none = Sandbox.choose(Optional.of(SandboxMode.NONE));
            assertThat(none.mode()).isEqualTo(SandboxMode.NONE);
            List<String> java = List.of("java", "-version");
            assertThat(none.wrap(java, spec())).isEqualTo(UserDrop.here().map(d -> d.around(java)).orElse(java));
            assertThat(none.keepingRoot().wrap(java, spec())).containsExactly("java", "-version");
            assertThat(none.label()).isEqualTo(UserDrop.root() && UserDrop.here().isEmpty() ? "none (as root)" : "none");
            assertThat(none.keepingRoot().label()).isEqualTo(UserDrop.root() ? "none (as root)" : "none");
        }

        @Test
        @DisplayName("the strongest available is chosen when none is forced")
        void strongest() {
            SandboxMode expected = Sandbox.unavailable(SandboxMode.BUBBLEWRAP).isEmpty() ? SandboxMode.BUBBLEWRAP
                    : Sandbox.unavailable(SandboxMode.UNSHARE).isEmpty() ? SandboxMode.UNSHARE : SandboxMode.NONE;
            assertThat(Sandbox.choose(Optional.empty()).mode()).isEqualTo(expected);
        }
    }

    private SandboxSpec spec() {
        return new SandboxSpec(List.of(dir.resolve("ro")), List.of(dir.resolve("rw")), dir.resolve("rw"),
                dir.resolve("scratch"));
    }

    @Test
    @DisplayName("bubblewrap's command line: namespaces, uid 65534, an empty environment, /tmp before the binds")
    void bubblewrapCommand() throws IOException {
        Files.createDirectories(dir.resolve("ro"));
        Files.createDirectories(dir.resolve("rw"));
        List<String> c = BubblewrapCommand.build("/usr/bin/bwrap", List.of("java", "-version"), spec());

        assertThat(c.subList(0, 10)).containsExactly("/usr/bin/bwrap", "--die-with-parent", "--new-session",
                "--unshare-all", "--unshare-user", "--uid", "65534", "--gid", "65534", "--clearenv");
        assertThat(Collections.indexOfSubList(c, List.of("--ro-bind", dir.resolve("ro").toRealPath().toString(),
                dir.resolve("ro").toString()))).isGreaterThan(c.indexOf("--tmpfs"));
        assertThat(Collections.indexOfSubList(c, List.of("--bind", dir.resolve("rw").toRealPath().toString(),
                dir.resolve("rw").toString()))).isPositive();
        assertThat(c.subList(c.size() - 5, c.size())).containsExactly("--chdir", dir.resolve("rw").toString(), "--",
                "java", "-version");
        assertThat(c).doesNotContain("--share-net");
    }

    @Test
    @DisplayName("unshare's script quotes every path and starts the command as uid 65534")
    void unshareScript() {
        String script = UnshareCommand.script(List.of("java", "it's"), spec());

        assertThat(script).startsWith("set -e\nR='" + dir.resolve("scratch") + "'\n")
                .contains("pivot_root . .old")
                .endsWith("unshare --user --map-user=65534 --map-group=65534 -- 'java' 'it'\\''s'\n");
        assertThat(UnshareCommand.quote("a'b")).isEqualTo("'a'\\''b'");
    }

    @Test
    @DisplayName("a spec rejects null paths")
    void badSpec() {
        List<Path> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatIllegalArgumentException().isThrownBy(() -> new SandboxSpec(withNull, List.of(), dir, dir))
                .withMessageContaining("must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> new SandboxSpec(List.of(), List.of(), null, dir))
                .withMessageContaining("working dir");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = SandboxMode.class, names = {"BUBBLEWRAP", "UNSHARE"})
    @DisplayName("inside: uid 65534, read-only and writable binds, a private /tmp, nothing else of the machine, "
            + "no grader processes, no network, no environment")
    void inside(SandboxMode mode) throws Exception {
        Optional<String> missing = Sandbox.unavailable(mode);
        Assumptions.assumeTrue(missing.isEmpty(), () -> "sandbox " + mode.label() + " not available here: "
                + missing.orElse(""));
        Files.createDirectories(dir.resolve("ro"));
        Files.createDirectories(dir.resolve("rw"));
        // A root grader's sandbox runs the command as uid 65534, which may write only where it is let.
        Files.setPosixFilePermissions(dir.resolve("rw"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(dir.resolve("ro/visible.txt"), "visible\n");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        String probe = String.join("; ", List.of(
                "id -u",
                "cat ro/../ro/visible.txt",
                "touch " + dir.resolve("ro/x") + " 2>/dev/null && echo ro-writable || echo ro-refused",
                "echo out > " + dir.resolve("rw/out.txt") + " && echo rw-ok",
                "cat " + dir.resolve("secret.txt") + " 2>/dev/null || echo secret-hidden",
                // The private /tmp holds only the folders the binds above need (this test's lies under /tmp).
                "ls -A /tmp | grep -v '^" + dir.getName(dir.getNameCount() - 1) + "$' | grep -vc '^junit'",
                "[ -e /proc/" + ProcessHandle.current().pid() + " ] && echo grader-visible || echo grader-hidden",
                "grep -c : /proc/net/dev",
                "echo env=${COURSE_SANDBOX_SECRET:-none}"));
        List<String> command = Sandbox.choose(Optional.of(mode)).wrap(List.of("/bin/sh", "-c",
                "cd " + dir + "; " + probe), new SandboxSpec(List.of(dir.resolve("ro")), List.of(dir.resolve("rw")),
                dir.resolve("rw"), dir.resolve("scratch")));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("COURSE_SANDBOX_SECRET", "leaked");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(out.strip().split("\n")).as(out).containsExactly("65534", "visible", "ro-refused", "rw-ok",
                "secret-hidden", "0", "grader-hidden", "1", "env=none");
        assertThat(dir.resolve("rw/out.txt")).hasContent("out");
        assertThat(dir.resolve("ro/x")).doesNotExist();
    }
}
