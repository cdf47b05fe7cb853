package k8snet.grader.selfcheck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The public API one source file declares: for every type in it (nested types as {@code Outer.Inner}),
 * its declaration and its public and protected members. Each member has a key that names it without
 * its details ({@code method next(int)}) and a description with them
 * ({@code public k8snet.ip.Ipv4Address next(int)}), so a changed return type shows as a difference of
 * one member rather than one missing and one extra.
 *
 * @param types type name to (member key to description); the declaration itself is under {@link #DECLARATION}
 */
public record Api(SortedMap<String, SortedMap<String, String>> types) {

    /** The member key of a type's own declaration (kind, modifiers, type parameters, supertypes). */
    public static final String DECLARATION = "declaration";

    public Api {
        SortedMap<String, SortedMap<String, String>> copy = new TreeMap<>();
        types.forEach((k, v) -> copy.put(k, Collections.unmodifiableSortedMap(new TreeMap<>(v))));
        types = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * What differs between a solution's API and its stub's, one sentence each, such as
     * {@code "Ipv4Address: solution has public method next(int), stub has not"}; empty when they match.
     */
    public static List<String> differences(Api solution, Api stub) {
        List<String> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(solution.types().keySet());
        names.addAll(stub.types().keySet());
        for (String type : names) {
            Map<String, String> sol = solution.types().get(type);
            Map<String, String> stb = stub.types().get(type);
            if (stb == null) {
                out.add(type + ": solution declares " + sol.get(DECLARATION) + ", stub has not");
                continue;
            }
            if (sol == null) {
                out.add(type + ": stub declares " + stb.get(DECLARATION) + ", solution has not");
                continue;
            }
            TreeSet<String> keys = new TreeSet<>(sol.keySet());
            keys.addAll(stb.keySet());
            for (String key : keys) {
                String s = sol.get(key);
                String t = stb.get(key);
                if (t == null) {
                    out.add(type + ": solution has " + visibility(s) + key + ", stub has not");
                } else if (s == null) {
                    out.add(type + ": stub has " + visibility(t) + key + ", solution has not");
                } else if (!s.equals(t)) {
                    out.add(type + ": " + key + " differs: solution has '" + s + "', stub has '" + t + "'");
                }
            }
        }
        return out;
    }

    private static String visibility(String description) {
        if (description.startsWith("public ")) {
            return "public ";
        }
        if (description.startsWith("protected ")) {
            return "protected ";
        }
        return "";
    }
}
