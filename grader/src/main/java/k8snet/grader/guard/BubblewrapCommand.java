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
 *
 * <p>{@link #buildAsRoot} is the form for a grader that is root: no user namespace (bubblewrap keeps root's
 * rights to build the view and gives the command only the capabilities to change its uid), folders above the
 * binds made {@code 0755} so uid 65534 can pass through them, a {@code 1777} {@code /tmp}, and {@code setpriv}
 * starting the command as the real uid 65534 ({@link UserDrop}).
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

    static List<String> buildAsRoot(String bwrap, List<String> setpriv, List<String> command, SandboxSpec spec) {
        SandboxView view = SandboxView.of(spec);
        List<String> out = new ArrayList<>(List.of(bwrap, "--die-with-parent", "--new-session", "--unshare-ipc",
                "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
                "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP", "--clearenv",
                "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8"));
        out.addAll(List.of("--perms", "1777", "--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev"));
        for (String dir : view.folders()) {
            out.addAll(List.of("--perms", "0755", "--dir", dir));
        }
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
        out.addAll(setpriv);
        out.addAll(command);
        return out;
    }
}
