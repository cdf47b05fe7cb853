package k8snet.grader.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code unshare} command line around a test JVM, for machines without bubblewrap: util-linux's
 * {@code unshare} makes new user (the grader's uid mapped to root), mount, PID, network, IPC and UTS
 * namespaces, and a shell script inside builds the {@link SandboxView} on a tmpfs at the spec's scratch
 * folder (read-only binds, writable binds, a private {@code /tmp}, a fresh {@code /proc} with its
 * kernel-facing parts read-only, the few devices a JVM opens), switches to it with {@code pivot_root},
 * and starts the JVM in a nested user namespace as uid and gid 65534 with an empty environment.
 *
 * <p>The JVM is the PID namespace's first process, so the namespace dies with it; {@code --kill-child}
 * ends it when {@code unshare} ends, and {@code setpriv --pdeathsig KILL} ends {@code unshare} when the
 * grader does.
 *
 * <p>{@link #buildAsRoot} is the form for a grader that is root: the same namespaces but no user namespace
 * (root builds the view with its own rights, folders made {@code 0755}), and {@code setpriv} instead of the
 * nested user namespace starts the JVM as the real uid 65534 ({@link UserDrop}).
 */
final class UnshareCommand {

    private static final List<String> DEVICES = List.of("null", "zero", "full", "random", "urandom");
    private static final List<String> PROC_READ_ONLY = List.of("sys", "sysrq-trigger", "irq", "bus");

    private UnshareCommand() {
    }

    static List<String> build(String unshare, String setpriv, List<String> command, SandboxSpec spec) {
        List<String> out = new ArrayList<>();
        if (setpriv != null) {
            out.addAll(List.of(setpriv, "--pdeathsig", "KILL", "--"));
        }
        out.addAll(List.of(unshare, "--user", "--map-root-user", "--mount", "--pid", "--fork", "--net", "--ipc",
                "--uts", "--kill-child", "--", "/bin/sh", "-c", script(command, spec)));
        return out;
    }

    static List<String> buildAsRoot(String unshare, List<String> setpriv, List<String> command, SandboxSpec spec) {
        List<String> out = new ArrayList<>(List.of(setpriv.get(0), "--pdeathsig", "KILL", "--"));
        out.addAll(List.of(unshare, "--mount", "--propagation", "private", "--pid", "--fork", "--net", "--ipc",
                "--uts", "--kill-child", "--", "/bin/sh", "-c", script(command, spec, setpriv)));
        return out;
    }

    static String script(List<String> command, SandboxSpec spec) {
        return script(command, spec, null);
    }

    /** The script; with {@code setpriv} (the words before the command), the JVM is started through it. */
    private static String script(List<String> command, SandboxSpec spec, List<String> setpriv) {
        SandboxView view = SandboxView.of(spec);
        StringBuilder s = new StringBuilder();
        s.append("set -e\n");
        if (setpriv != null) {
            s.append("umask 022\n");
        }
        s.append("R=").append(quote(spec.scratch().toString())).append("\n");
        s.append("mkdir -p \"$R\"\n");
        s.append("mount -t tmpfs -o mode=0755 tmpfs \"$R\"\n");
        // Read-only: try the plain remount first; a mount whose nosuid, nodev or noexec the kernel locked
        // (inherited into this user namespace) only takes a remount that keeps them.
        s.append("ro() { if [ -d \"$1\" ]; then mkdir -p \"$R$2\"; else mkdir -p \"$R${2%/*}\"; : > \"$R$2\"; fi\n");
        s.append("  mount --rbind \"$1\" \"$R$2\"\n");
        s.append("  mount -o remount,bind,ro \"$R$2\" 2>/dev/null || mount -o remount,bind,ro,nosuid,nodev \"$R$2\""
                + " 2>/dev/null || mount -o remount,bind,ro,nosuid,nodev,noexec \"$R$2\"; }\n");
        s.append("rw() { mkdir -p \"$R$2\"; mount --bind \"$1\" \"$R$2\"; }\n");
        s.append("mkdir -p \"$R/tmp\" \"$R/proc\" \"$R/dev\"\n");
        s.append("mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs \"$R/tmp\"\n");
        for (SandboxView.Bind b : view.readOnly) {
            s.append("ro ").append(quote(b.source().toString())).append(' ').append(quote(b.target().toString()))
                    .append('\n');
        }
        for (Map.Entry<String, String> link : view.links.entrySet()) {
            s.append("ln -s ").append(quote(link.getValue())).append(" \"$R\"").append(quote(link.getKey())).append('\n');
        }
        for (SandboxView.Bind b : view.writable) {
            s.append("rw ").append(quote(b.source().toString())).append(' ').append(quote(b.target().toString()))
                    .append('\n');
        }
        s.append("mount -t proc -o nosuid,nodev,noexec proc \"$R/proc\"\n");
        for (String p : PROC_READ_ONLY) {
            s.append("if [ -e \"$R/proc/").append(p).append("\" ]; then mount --bind \"$R/proc/").append(p)
                    .append("\" \"$R/proc/").append(p).append("\" && mount -o remount,bind,ro \"$R/proc/").append(p)
                    .append("\"; fi\n");
        }
        for (String d : DEVICES) {
            s.append(": > \"$R/dev/").append(d).append("\"; mount --bind /dev/").append(d).append(" \"$R/dev/")
                    .append(d).append("\"\n");
        }
        s.append("cd \"$R\"; mkdir .old; pivot_root . .old; umount -l /.old; rmdir /.old\n");
        s.append("cd ").append(quote(spec.workingDir().toString())).append('\n');
        s.append("exec /usr/bin/env -i PATH=/usr/bin:/bin HOME=/tmp LANG=C.UTF-8");
        if (setpriv == null) {
            s.append(" unshare --user --map-user=65534 --map-group=65534 --");
        } else {
            setpriv.forEach(w -> s.append(' ').append(quote(w)));
        }
        for (String c : command) {
            s.append(' ').append(quote(c));
        }
        s.append('\n');
        return s.toString();
    }

    /** {@code text} as one word of a POSIX shell, inside single quotes. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
