package k8snet.grader.guard;

/**
 * One use, in a compiled student class, of something the {@link Allowlist} does not allow.
 *
 * <pre>{@code
 * new Violation("k8snet.ip.Ipv4Address", "Ipv4Address.java", "parse", 42, "java.nio.file.Files",
 *         Allowlist.DEFAULT_REASON).message()
 * // "parse uses java.nio.file.Files, which exercises may not use (no files, processes, reflection or network)"
 * }</pre>
 *
 * @param className the binary name of the class that uses it ({@code k8snet.ip.Ipv4Address$1})
 * @param sourceFile the class's {@code SourceFile} attribute ({@code Ipv4Address.java}), or empty when it has none
 * @param where where in the source it is used, as the student wrote it: a method ({@code parse}), {@code the
 *     constructor}, {@code the static initialiser}, a field or the class's declaration, prefixed with the
 *     nested class's name where there is one
 * @param line the source line of the first such use in {@code where}, or 0 when unknown
 * @param used what is used, in source terms: a class ({@code java.nio.file.Files}), a member
 *     ({@code java.lang.System.exit}) or a constructor ({@code new java.lang.Thread})
 * @param reason the allowlist rule's reason
 */
public record Violation(String className, String sourceFile, String where, int line, String used, String reason) {

    public Violation {
        for (String[] part : new String[][] {{"class name", className}, {"where", where}, {"used", used},
                {"reason", reason}}) {
            if (part[1] == null || part[1].isBlank()) {
                throw new IllegalArgumentException("Violation " + part[0] + " must not be blank, got '" + part[1] + "'");
            }
        }
        if (sourceFile == null) {
            throw new IllegalArgumentException("Violation source file must not be null (use \"\")");
        }
        if (line < 0) {
            throw new IllegalArgumentException("Violation line must not be negative, got " + line);
        }
    }

    /** The sentence a student reads, without the file (the compile error adds {@code File.java:line:}). */
    public String message() {
        return where + " uses " + used + ", which exercises may not use (" + reason + ")";
    }
}
