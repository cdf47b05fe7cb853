package k8snet.grader.engine;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import k8snet.grader.runner.Protocol;

/**
 * The spec one fork runs: limits, the class path with its digests, the exercises in order with their
 * selectors, the ids already graded, whether to list the plan first, and whether each exercise gets a class
 * loader of its own ({@link Protocol#SPEC_ISOLATE}). It is sent on the fork's
 * standard input ({@link Protocol}), never written to disk.
 */
final class ForkSpec {

    private ForkSpec() {
    }

    /**
     * @param selectors per exercise, in the order they run: {@code class:<name>} or {@code uid:<unique id>}
     */
    static Properties of(EngineOptions options, List<ClassFolder> classpath, Map<String, List<String>> selectors,
                         Set<String> skip, boolean plan, boolean isolate) {
        Properties p = new Properties();
        p.setProperty(Protocol.SPEC_ISOLATE, String.valueOf(isolate));
        p.setProperty(Protocol.SPEC_TIMEOUT, options.testTimeout().toMillis() + " ms");
        p.setProperty(Protocol.SPEC_OUTPUT_CAP, String.valueOf(options.outputCap()));
        p.setProperty(Protocol.SPEC_PLAN, String.valueOf(plan));
        for (int i = 0; i < classpath.size(); i++) {
            p.setProperty(Protocol.SPEC_CLASSPATH + i, classpath.get(i).path().toAbsolutePath().toString());
            p.setProperty(Protocol.SPEC_DIGEST + i, classpath.get(i).digest());
        }
        int g = 0;
        for (Map.Entry<String, List<String>> group : selectors.entrySet()) {
            p.setProperty(Protocol.SPEC_GROUP + g, group.getKey());
            List<String> s = group.getValue();
            for (int i = 0; i < s.size(); i++) {
                p.setProperty(Protocol.SPEC_GROUP + g + Protocol.SPEC_SELECT + i, s.get(i));
            }
            g++;
        }
        int i = 0;
        for (String id : skip.stream().sorted().toList()) {
            p.setProperty(Protocol.SPEC_SKIP + i++, id);
        }
        return p;
    }
}
