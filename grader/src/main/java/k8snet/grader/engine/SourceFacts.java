package k8snet.grader.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import k8snet.grader.manifest.SourceText;

/**
 * What a Java source file declares at its top level: its package and the names of its top-level types.
 * A light scan, not a parser: comments and string literals are blanked first, and only declarations at
 * brace depth 0 count. Used to refuse files that would put a class where the kit has one, and to place an
 * uploaded file by the package it declares.
 *
 * @param packageName the declared package, empty for the default package
 * @param topLevelTypes the simple names of the top-level classes, interfaces, enums and records
 */
public record SourceFacts(String packageName, List<String> topLevelTypes) {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*package\\s+([\\w.\\s]+?)\\s*;",
            Pattern.MULTILINE);
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");

    /** What {@code source} declares. */
    public static SourceFacts of(String source) {
        if (source == null) {
            throw new IllegalArgumentException("SourceFacts.of needs the text of a source file, not null");
        }
        String code = SourceText.codeOnly(source);
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
}
