package k8snet.grader.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Leaving root")
class UserDropTest {

    private static final List<String> JAVA = List.of("/usr/bin/java", "-version");
    private static final List<String> PREFIX_FLAGS = List.of("--reuid=65534", "--regid=65534", "--clear-groups",
            "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--");

    @TempDir
    Path dir;

    private SandboxSpec spec() {
        return new SandboxSpec(List.of(dir.resolve("ro")), List.of(), dir.resolve("rw"), dir.resolve("scratch"));
    }

    @Test
    @DisplayName("a grader that is not root has nothing to leave: no drop, no refusal, no \"(as root)\"")
    void notRoot() throws IOException {
        UserDrop.Lookup lookup = UserDrop.lookup(false, Optional.of(RootGrader.fakeSetpriv(dir, RootGrader.REFUSING)
                .toString()), UserDrop.TRY_SECONDS);
        assertThat(lookup).isEqualTo(new UserDrop.Lookup(false, Optional.empty(), Optional.empty()));
        Sandbox none = Sandbox.choose(Optional.of(SandboxMode.NONE), lookup);
        assertThat(none.label()).isEqualTo("none");
        assertThat(none.wrap(JAVA, spec())).isEqualTo(JAVA);
    }

    @Nested
    @DisplayName("as root, without setpriv")
    class Missing {

        @Test
        @DisplayName("the JVM stays root's, unwrapped, and the label says so")
        void none() {
            assertThat(RootGrader.refusal(Optional.empty())).contains("setpriv (util-linux) is not installed");
            Sandbox none = RootGrader.sandbox(SandboxMode.NONE, Optional.empty());
            assertThat(none.drop()).isEmpty();
            assertThat(none.label()).isEqualTo("none (as root)");
            assertThat(none.keepingRoot().label()).isEqualTo("none (as root)");
            assertThat(none.wrap(JAVA, spec())).isEqualTo(JAVA);
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = SandboxMode.class, names = {"BUBBLEWRAP", "UNSHARE"})
        @DisplayName("a sandbox is built as for an ordinary user, labelled (as root)")
        void sandboxed(SandboxMode mode) {
            Optional<String> missing = Sandbox.unavailable(mode);
            Assumptions.assumeTrue(missing.isEmpty(), () -> mode.label() + " not available: " + missing);
            Sandbox s = RootGrader.sandbox(mode, Optional.empty());
            assertThat(s.label()).isEqualTo(mode.label() + " (as root)");
            assertThat(s.wrap(JAVA, spec())).doesNotContainAnyElementsOf(PREFIX_FLAGS.subList(0, 2));
        }
    }

    @Test
    @DisplayName("as root, a setpriv that works wraps the command in exactly these words")
    void wraps() throws IOException {
        Path setpriv = RootGrader.fakeSetpriv(dir, RootGrader.RUNNING);
        assertThat(RootGrader.refusal(Optional.of(setpriv.toString()))).isEmpty();
        Sandbox none = RootGrader.sandbox(SandboxMode.NONE, Optional.of(setpriv.toString()));
        assertThat(none.drop()).isPresent();
        assertThat(none.label()).isEqualTo("none");
        assertThat(none.wrap(JAVA, spec())).containsExactly(setpriv.toString(), "--reuid=65534", "--regid=65534",
                "--clear-groups", "--no-new-privs", "--inh-caps=-all", "--bounding-set=-all", "--", "/usr/bin/java",
                "-version");
        assertThat(none.keepingRoot().label()).isEqualTo("none (as root)");
        assertThat(none.keepingRoot().wrap(JAVA, spec())).isEqualTo(JAVA);
        // The one try ran a JVM through it, with the same words.
        assertThat(Files.readString(Path.of(setpriv + ".log")).strip())
                .startsWith(String.join(" ", PREFIX_FLAGS) + " " + Path.of(System.getProperty("java.home"), "bin", "java"))
                .endsWith("-Xshare:auto -version");
    }

    @Nested
    @DisplayName("as root, a setpriv that does not work here")
    class Broken {

        @Test
        @DisplayName("that fails is not used: the JVM stays root's, labelled (as root), with setpriv's words as the reason")
        void fails() throws IOException {
            Path setpriv = RootGrader.fakeSetpriv(dir, RootGrader.REFUSING);
            assertThat(RootGrader.refusal(Optional.of(setpriv.toString()))).contains(setpriv + " could not start a JVM"
                    + " as uid 65534 (exit code 1): setpriv: setresuid failed: Operation not permitted");
            Sandbox none = RootGrader.sandbox(SandboxMode.NONE, Optional.of(setpriv.toString()));
            assertThat(none.drop()).isEmpty();
            assertThat(none.label()).isEqualTo("none (as root)");
            assertThat(none.wrap(JAVA, spec())).isEqualTo(JAVA);
        }

        @Test
        @DisplayName("that exits 0 without starting the JVM is not used either")
        void silent() throws IOException {
            Path setpriv = RootGrader.fakeSetpriv(dir, "#!/bin/sh\nexit 0\n");
            assertThat(RootGrader.refusal(Optional.of(setpriv.toString())))
                    .contains(setpriv + " could not start a JVM as uid 65534 (exit code 0)");
        }

        @Test
        @DisplayName("that hangs is given up after the try's time, and its process ended")
        void hangs() throws IOException {
            Path pid = dir.resolve("pid");
            Path setpriv = RootGrader.fakeSetpriv(dir, "#!/bin/sh\necho $$ > " + pid + "\nexec sleep 1000\n");
            UserDrop.Lookup lookup = UserDrop.lookup(true, Optional.of(setpriv.toString()), 1);
            assertThat(lookup.drop()).isEmpty();
            assertThat(lookup.refusal()).contains(setpriv + " did not start a JVM as uid 65534 within 1 s");
            // On a slow machine the script may not have got as far as writing its pid before it was ended.
            String hung = Files.exists(pid) ? Files.readString(pid).strip() : "";
            if (!hung.isEmpty()) {
                assertThat(ProcessHandle.of(Long.parseLong(hung)).map(ProcessHandle::isAlive))
                        .isNotEqualTo(Optional.of(true));
            }
        }
    }

    @Test
    @DisplayName("refuses a null setpriv and a try time below 1 s")
    void badInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> UserDrop.lookup(true, null, 60))
                .withMessageContaining("null");
        assertThatIllegalArgumentException().isThrownBy(() -> UserDrop.lookup(true, Optional.empty(), 0))
                .withMessageContaining("0 s");
        assertThatIllegalArgumentException().isThrownBy(() -> Sandbox.choose(Optional.empty(), null))
                .withMessageContaining("UserDrop.Lookup.here()");
    }
}
