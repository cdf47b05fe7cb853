package k8snet.grader.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code bwrap} command line around a test JVM: new user, PID, network, IPC, UTS and cgroup
 * namespaces; uid and gid 65534 inside; a new session; an emptied environment; the {@link SandboxView}
 * (read-only binds, then writable ones), a private {@code /tmp}, a fresh {@code /proc} (its kernel-facing
 * parts read-only, as bubblewrap does) and a minimal {@code /dev}; and {@code --die-with-parent}, so
 * the sandbox and every process in it end when the grader does.
 */
final class BubblewrapCommand {

    private BubblewrapCommand() {
    }

    static List<String> build(String bwrap, List<String> command, SandboxSpec spec) {
        SandboxView view = SandboxView.of(spec);
        List<String> out = new ArrayList<>(List.of(bwrap, "--die-with-parent", "--new-session", "--unshare-all",
                "--unshare-user", "--uid", "65534", "--gid", "65534", "--clearenv",
                "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8"));
        // /tmp first: the class path may lie under /tmp, and binds there must land on the private tmpfs.
        out.addAll(List.of("--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev"));
        for (SandboxView.Bind b : view.readOnly) {
            out.addAll(List.of("--ro-bind", b.source().toString(), b.target().toString()));
        }
        for (Map.Entry<String, String> link : view.links.entrySet()) {
            out.addAll(List.of("--symlink", link.getValue(), link.getKey()));
        }
        for (SandboxView.Bind b : view.writable) {
            out.addAll(List.of("--bind", b.source().toString(), b.target().toString()));
        }
        out.addAll(List.of("--chdir", spec.workingDir().toString(), "--"));
        out.addAll(command);
        return out;
    }
}
