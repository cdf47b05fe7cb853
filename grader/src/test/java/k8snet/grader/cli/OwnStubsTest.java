package k8snet.grader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import k8snet.grader.Fixtures;

@DisplayName("The stubs a student's own check falls back to")
class OwnStubsTest {

    private static final String IPV4 = "module-01-basics/src/main/java/k8snet/ip/Ipv4Address.java";

    @TempDir
    Path kit;

    private void write(String rel, String text) throws Exception {
        Path p = kit.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", kit.toString(), "-c", "user.name=t", "-c",
                "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
    }

    @Test
    @DisplayName("are a student kit's stubs/ folder as it is")
    void copies() throws Exception {
        write("stubs/" + IPV4, "class Ipv4Address {}\n");
        assertThat(OwnStubs.of(kit, Fixtures.manifest())).contains(kit.resolve("stubs"));
    }

    @Test
    @DisplayName("in a clone, are the files committed at HEAD, written once under .course/stubs/<commit>/")
    void fromGit() throws Exception {
        write(IPV4, "class Ipv4Address { /* stub */ }\n");
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "stubs");
        write(IPV4, "class Ipv4Address { oops\n");

        Optional<Path> stubs = OwnStubs.of(kit, Fixtures.manifest());

        String head = Git.head(kit).orElseThrow();
        assertThat(stubs).contains(kit.resolve(".course/stubs").resolve(head));
        assertThat(stubs.get().resolve(IPV4)).hasContent("class Ipv4Address { /* stub */ }");
        assertThat(stubs.get().resolve("module-01-basics/src/main/java/k8snet/dns/Hostname.java"))
                .as("a file not committed has no stub").doesNotExist();
        Files.writeString(stubs.get().resolve(IPV4), "changed by hand\n");
        assertThat(OwnStubs.of(kit, Fixtures.manifest())).contains(stubs.get());
        assertThat(stubs.get().resolve(IPV4)).as("a complete copy is not written again").hasContent("changed by hand");
    }

    @Test
    @DisplayName("are none in a kit that is neither")
    void neither() throws Exception {
        write(IPV4, "class Ipv4Address {}\n");
        assertThat(OwnStubs.of(kit, Fixtures.manifest())).isEmpty();
    }
}
