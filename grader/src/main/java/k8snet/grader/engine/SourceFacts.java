package k8snet.grader.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import k8snet.grader.manifest.KitLayout;

/**
 * What a Java source file declares at its top level: its package and the names of its top-level types.
 * A light scan, not a parser: comments and string literals are blanked first, and only declarations at
 * brace depth 0 count. Used to refuse files that would put a class where the kit has one.
 */
record SourceFacts(String packageName, List<String> topLevelTypes) {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*package\\s+([\\w.\\s]+?)\\s*;",
            Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");

    static SourceFacts of(String source) {
        String code = blankStrings(KitLayout.stripComments(source));
        Matcher pm = PACKAGE.matcher(code);
        String pkg = pm.find() ? pm.group(1).replaceAll("\\s+", "") : "";
        StringBuilder top = new StringBuilder(code.length());
        int depth = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
                top.append(' ');
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
                top.append(' ');
            } else {
                top.append(depth == 0 ? c : ' ');
            }
        }
        List<String> types = new ArrayList<>();
        Matcher tm = TYPE.matcher(top);
        while (tm.find()) {
            types.add(tm.group(1));
        }
        return new SourceFacts(pkg, types);
    }

    /** Fully qualified names of the top-level types. */
    List<String> qualifiedTypes() {
        return topLevelTypes.stream().map(t -> packageName.isEmpty() ? t : packageName + "." + t).toList();
    }

    private static String blankStrings(String code) {
        StringBuilder out = new StringBuilder(code.length());
        int i = 0;
        while (i < code.length()) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                boolean block = c == '"' && code.startsWith("\"\"\"", i);
                int end;
                if (block) {
                    end = code.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? code.length() : end + 3;
                } else {
                    end = i + 1;
                    while (end < code.length() && code.charAt(end) != c && code.charAt(end) != '\n') {
                        end += code.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(code.length(), end + 1);
                }
                for (int k = i; k < end; k++) {
                    out.append(code.charAt(k) == '\n' ? '\n' : ' ');
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
