package k8snet.grader.guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The JDK packages, classes and members that student code may use, read from rules such as
 * {@code allow package java.util} or {@code only java.lang.System: nanoTime out err}. The kit's rules are
 * in the resource {@value #RESOURCE}, which documents the syntax; {@link #standard()} reads them.
 *
 * <pre>{@code
 * Allowlist rules = Allowlist.parse("allow package java.util\ndeny class java.util.Timer -- no threads");
 * rules.typeDenial("java.util.Timer");  // Optional[no threads]
 * rules.typeDenial("java.util.List");   // Optional.empty
 * }</pre>
 *
 * Names are binary names ({@code java.lang.Thread$Builder}). Decisions, for a class: the longest package
 * rule that covers it (none: denied), unless a {@code deny class} rule names it or a class it is nested
 * in, or an {@code only} rule names it (then it is allowed); for a member: its class must be allowed, and
 * neither a {@code deny member} rule nor its class's {@code only} rule may exclude it.
 */
public final class Allowlist {

    /** The class path resource with the kit's rules. */
    public static final String RESOURCE = "/k8snet/grader/guard/allowlist.txt";

    /** The reason a student reads when a rule gives none. */
    public static final String DEFAULT_REASON = "no files, processes, reflection or network";

    private record PackageRule(boolean allow, boolean subpackages, String reason) {
    }

    private record OnlyRule(Set<String> members, String reason) {
    }

    private final Map<String, PackageRule> packages = new HashMap<>();
    private final Map<String, String> deniedClasses = new HashMap<>();
    private final Map<String, OnlyRule> only = new HashMap<>();
    private final Map<String, String> deniedMembers = new HashMap<>();
    /** Members denied on every class outside the kit's packages, by member name ({@code deny member *.m}). */
    private final Map<String, String> deniedEverywhere = new HashMap<>();
    private final Set<String> bootstraps = new HashSet<>();
    private final String digest;

    private Allowlist(String text) {
        this.digest = sha256(text);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                rule(line, i + 1);
            }
        }
    }

    /** The kit's rules, from {@value #RESOURCE}. */
    public static Allowlist standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final Allowlist STANDARD = load();

        private static Allowlist load() {
            try (InputStream in = Allowlist.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("The allowlist " + RESOURCE + " is missing from the grader");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the allowlist " + RESOURCE, e);
            }
        }
    }

    /**
     * Reads rules in the syntax of {@value #RESOURCE}.
     *
     * @throws IllegalArgumentException naming the line of a rule it cannot read
     */
    public static Allowlist parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Allowlist text must not be null");
        }
        return new Allowlist(text.replace("\r", ""));
    }

    /** A SHA-256 of the rules' text, so that a cache of checked classes can tell when the rules changed. */
    public String digest() {
        return digest;
    }

    /** Why class {@code name} may not be used, or empty when it may. */
    public Optional<String> typeDenial(String name) {
        requireName(name);
        for (String c = name; ; c = c.substring(0, c.lastIndexOf('$'))) {
            String reason = deniedClasses.get(c);
            if (reason != null) {
                return Optional.of(reason);
            }
            if (c.lastIndexOf('$') <= c.lastIndexOf('.')) {
                break;
            }
        }
        if (only.containsKey(name)) {
            return Optional.empty();
        }
        String pkg = name.lastIndexOf('.') < 0 ? "" : name.substring(0, name.lastIndexOf('.'));
        PackageRule exact = packages.get(pkg);
        if (exact != null && !exact.subpackages) {
            return exact.allow ? Optional.empty() : Optional.of(exact.reason);
        }
        for (String p = pkg; ; p = p.substring(0, p.lastIndexOf('.'))) {
            PackageRule rule = packages.get(p + ".**");
            if (rule != null) {
                return rule.allow ? Optional.empty() : Optional.of(rule.reason);
            }
            if (p.lastIndexOf('.') < 0) {
                return Optional.of(DEFAULT_REASON);
            }
        }
    }

    /** Why member {@code member} (a method, field or {@code <init>}) of class {@code owner} may not be used. */
    public Optional<String> memberDenial(String owner, String member) {
        requireName(owner);
        if (member == null || member.isBlank()) {
            throw new IllegalArgumentException("Member name must not be blank, got '" + member + "' of " + owner);
        }
        Optional<String> type = typeDenial(owner);
        if (type.isPresent()) {
            return type;
        }
        String denied = deniedMembers.get(owner + "#" + member);
        if (denied != null) {
            return Optional.of(denied);
        }
        String everywhere = owner.startsWith("k8snet.") ? null : deniedEverywhere.get(member);
        if (everywhere != null) {
            return Optional.of(everywhere);
        }
        OnlyRule rule = only.get(owner);
        if (rule != null && !rule.members.contains(member)) {
            return Optional.of(rule.reason);
        }
        return Optional.empty();
    }

    /** Whether {@code owner.method} is a bootstrap method javac emits for {@code invokedynamic}. */
    public boolean isBootstrap(String owner, String method) {
        return bootstraps.contains(owner + "#" + method);
    }

    private void rule(String line, int number) {
        String reason = DEFAULT_REASON;
        int dashes = line.indexOf(" -- ");
        if (dashes >= 0) {
            reason = line.substring(dashes + 4).strip();
            line = line.substring(0, dashes).strip();
        }
        String[] w = line.split("\\s+");
        if (w.length == 3 && w[0].equals("allow") && w[1].equals("package")) {
            packageRule(w[2], true, reason, number);
        } else if (w.length == 3 && w[0].equals("deny") && w[1].equals("package")) {
            packageRule(w[2], false, reason, number);
        } else if (w.length == 3 && w[0].equals("deny") && w[1].equals("class")) {
            deniedClasses.put(name(w[2], number), reason);
        } else if (w.length == 3 && w[0].equals("deny") && w[1].equals("member") && w[2].startsWith("*.")) {
            String m = w[2].substring(2);
            if (m.isEmpty() || m.contains(".")) {
                throw new IllegalArgumentException("Allowlist line " + number + ": expected *.member, got '" + w[2] + "'");
            }
            deniedEverywhere.put(m, reason);
        } else if (w.length == 3 && w[0].equals("deny") && w[1].equals("member")) {
            String[] m = member(w[2], number);
            deniedMembers.put(m[0] + "#" + m[1], reason);
        } else if (w.length == 2 && w[0].equals("bootstrap")) {
            String[] m = member(w[1], number);
            bootstraps.add(m[0] + "#" + m[1]);
        } else if (w.length >= 3 && w[0].equals("only") && w[1].endsWith(":")) {
            String owner = name(w[1].substring(0, w[1].length() - 1), number);
            only.put(owner, new OnlyRule(Set.copyOf(List.of(w).subList(2, w.length)), reason));
        } else {
            throw new IllegalArgumentException("Allowlist line " + number + ": not a rule (allow package, deny "
                    + "package, deny class, deny member, only, bootstrap): '" + line + "'");
        }
    }

    private void packageRule(String pattern, boolean allow, String reason, int number) {
        boolean sub = pattern.endsWith(".**");
        name(sub ? pattern.substring(0, pattern.length() - 3) : pattern, number);
        packages.put(pattern, new PackageRule(allow, sub, reason));
    }

    private static String[] member(String text, int number) {
        int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("Allowlist line " + number + ": expected Class.member, got '" + text + "'");
        }
        return new String[] {name(text.substring(0, dot), number), text.substring(dot + 1)};
    }

    private static String name(String text, int number) {
        if (!text.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new IllegalArgumentException("Allowlist line " + number + ": not a Java name: '" + text + "'");
        }
        return text;
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Class name must not be blank, got '" + name + "'");
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "Allowlist " + digest.substring(0, 12) + " (" + packages.size() + " package rules, "
                + deniedClasses.size() + " denied classes, " + only.size() + " restricted classes)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Allowlist a && a.digest.equals(digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digest);
    }
}
