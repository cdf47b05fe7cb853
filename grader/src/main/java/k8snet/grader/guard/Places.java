package k8snet.grader.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * Names a place in a compiled class the way its source reads: {@code parse}, {@code Parser.next},
 * {@code the constructor}, {@code the constructor of Parser}, {@code the class Ipv4Address}. Lambdas ({@code lambda$parse$0}) and anonymous
 * or local classes ({@code Ipv4Address$1}, through their {@code EnclosingMethod} attribute) are named
 * by the method they are written in; a nested class's members carry its name, the file's main class's
 * do not.
 */
final class Places {

    private Places() {
    }

    /**
     * @param member a method's name, a label that starts with "the " (a field), or null for the class's
     *     declaration
     * @param enclosingOwner the class an anonymous or local class is written in, or null
     * @param enclosingMethod the method it is written in, or null
     */
    static String where(String className, String sourceFile, String enclosingOwner, String enclosingMethod,
                        String member) {
        String main = sourceFile.endsWith(".java") ? sourceFile.substring(0, sourceFile.length() - 5) : "";
        if (enclosingOwner != null) {
            return label(prefix(enclosingOwner, main), enclosingMethod == null ? "the initialiser"
                    : method(enclosingMethod), enclosingOwner);
        }
        return label(prefix(className, main), member == null ? "the class" : method(member), className);
    }

    /** {@code parse}, {@code Parser.next}, {@code the constructor of Parser}, {@code the class Parser}. */
    private static String label(String prefix, String member, String className) {
        if (member.equals("the class")) {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return "the class " + (prefix.isEmpty() ? simple : prefix.substring(0, prefix.length() - 1));
        }
        if (member.startsWith("the ")) {
            return prefix.isEmpty() ? member : member + " of " + prefix.substring(0, prefix.length() - 1);
        }
        return prefix + member;
    }

    /** The named classes from the file's main class down to {@code className}, each followed by a dot. */
    private static String prefix(String className, String main) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        List<String> named = new ArrayList<>();
        String[] parts = simple.split("\\$");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].replaceFirst("^[0-9]+", "");
            if (!p.isEmpty() && !(i == 0 && p.equals(main))) {
                named.add(p);
            }
        }
        return named.isEmpty() ? "" : String.join(".", named) + ".";
    }

    private static String method(String name) {
        if (name.startsWith("lambda$")) {
            String[] parts = name.split("\\$");
            String inner = parts.length > 1 ? parts[1] : name;
            return method(inner.equals("new") ? "<init>" : inner.equals("static") ? "<clinit>" : inner);
        }
        return switch (name) {
            case "<init>" -> "the constructor";
            case "<clinit>" -> "the static initialiser";
            default -> name;
        };
    }
}
