package k8snet.grader.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads {@code course.yaml} through Jackson's tree model and validates it entry by entry, so a mistake
 * is reported as "exercise 1.2: points must be positive, got 0" rather than as a mapping exception.
 */
final class ManifestReader {

    private static final Pattern EXERCISE_ID = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Set<String> TOP_KEYS = Set.of("course", "modules", "exercises");
    private static final Set<String> MODULE_KEYS = Set.of("id", "title", "lesson");
    private static final Set<String> EXERCISE_KEYS =
            Set.of("id", "title", "module", "lesson", "files", "tests", "points", "hints");

    private ManifestReader() {
    }

    static Manifest read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("The course manifest does not exist: " + file);
        }
        return parse(Files.readString(file), file.toString());
    }

    static Manifest parse(String yaml, String source) {
        JsonNode root;
        try {
            // A key given twice (a hint topic, say) would otherwise silently keep only the last one.
            root = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(yaml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(source + " must be a mapping with course, modules and exercises");
        }
        onlyKeys(root, TOP_KEYS, source);
        String course = text(root, "course", source);

        List<CourseModule> modules = new ArrayList<>();
        Set<String> moduleIds = new HashSet<>();
        for (JsonNode node : list(root, "modules", source)) {
            String where = "module #" + (modules.size() + 1);
            requireObject(node, where);
            String id = text(node, "id", where);
            where = "module " + id;
            onlyKeys(node, MODULE_KEYS, where);
            if (!moduleIds.add(id)) {
                throw new IllegalArgumentException("module " + id + " is listed twice in " + source);
            }
            modules.add(new CourseModule(id, text(node, "title", where), text(node, "lesson", where)));
        }

        List<Exercise> exercises = new ArrayList<>();
        Set<String> exerciseIds = new HashSet<>();
        Set<String> allTests = new HashSet<>();
        Set<String> allFiles = new HashSet<>();
        for (JsonNode node : list(root, "exercises", source)) {
            String where = "exercise #" + (exercises.size() + 1);
            requireObject(node, where);
            String id = text(node, "id", where);
            where = "exercise " + id;
            onlyKeys(node, EXERCISE_KEYS, where);
            if (!EXERCISE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": the id must look like N.M (module.exercise), got '"
                        + id + "'");
            }
            if (!exerciseIds.add(id)) {
                throw new IllegalArgumentException("exercise " + id + " is listed twice in " + source);
            }
            String module = text(node, "module", where);
            if (!moduleIds.contains(module)) {
                throw new IllegalArgumentException(where + ": unknown module '" + module + "' (modules: "
                        + moduleIds.stream().sorted().toList() + ")");
            }
            List<String> files = strings(node, "files", where);
            for (String f : files) {
                if (!f.endsWith(".java") || f.startsWith("/") || f.contains("\\") || f.contains("..")) {
                    throw new IllegalArgumentException(where + ": a file must be a relative path to a .java file "
                            + "under the module's src/main/java, got '" + f + "'");
                }
                if (!allFiles.add(module + "/" + f)) {
                    throw new IllegalArgumentException(where + ": file '" + f + "' is listed twice");
                }
            }
            List<String> tests = strings(node, "tests", where);
            for (String t : tests) {
                if (!CLASS_NAME.matcher(t).matches() || !t.contains(".")) {
                    throw new IllegalArgumentException(where + ": a test must be a fully qualified class name, got '"
                            + t + "'");
                }
                if (!allTests.add(t)) {
                    throw new IllegalArgumentException(where + ": test class '" + t + "' is listed twice");
                }
            }
            JsonNode points = node.get("points");
            if (points == null || !points.isIntegralNumber()) {
                throw new IllegalArgumentException(where + ": points must be a whole number, got "
                        + (points == null ? "nothing" : "'" + points.asText() + "'"));
            }
            if (points.asLong() <= 0 || points.asLong() > 10_000) {
                throw new IllegalArgumentException(where + ": points must be positive (1-10000), got "
                        + points.asText());
            }
            Hints hints = hints(node, where);
            exercises.add(new Exercise(id, text(node, "title", where), module, text(node, "lesson", where),
                    files, tests, points.asInt(), hints));
        }
        return new Manifest(course, modules, exercises);
    }

    /** {@code hints}: a list of hints (one unnamed topic) or a mapping from topic name to its list. */
    private static Hints hints(JsonNode node, String where) {
        JsonNode value = node.get("hints");
        if (value != null && value.isObject()) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException(where + ": 'hints' must name at least one topic, got {}");
            }
            List<HintTopic> topics = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String topic = field.getKey();
                String at = where + ", hint topic '" + topic + "'";
                JsonNode levels = field.getValue();
                if (levels == null || !levels.isArray() || levels.isEmpty()) {
                    throw new IllegalArgumentException(at + ": must be a non-empty list of hints, from a nudge to "
                            + "nearly the answer, got '" + levels + "'");
                }
                List<String> texts = new ArrayList<>();
                for (JsonNode level : levels) {
                    if (!level.isValueNode() || level.isNull() || level.asText().isBlank()) {
                        throw new IllegalArgumentException(at + ": every hint must be non-blank text, got '"
                                + level + "'");
                    }
                    texts.add(level.asText().strip());
                }
                try {
                    topics.add(new HintTopic(topic, texts));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
            try {
                return new Hints(topics);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        if (value != null && !value.isNull() && !value.isArray()) {
            throw new IllegalArgumentException(where + ": 'hints' must be a list of hints or a mapping from topic "
                    + "to a list of hints, got '" + value + "'");
        }
        return Hints.of(strings(node, "hints", where));
    }

    private static void requireObject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be a mapping, got '" + node.asText() + "'");
        }
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (known: "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing");
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be non-blank text, got '"
                    + value + "'");
        }
        return value.asText().strip();
    }

    private static List<JsonNode> list(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is missing");
        }
        if (!value.isArray() || value.isEmpty()) {
            throw new IllegalArgumentException(where + ": '" + key + "' must be a non-empty list, got '"
                    + value + "'");
        }
        List<JsonNode> out = new ArrayList<>();
        value.forEach(out::add);
        return out;
    }

    private static List<String> strings(JsonNode node, String key, String where) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list(node, key, where)) {
            if (!item.isValueNode() || item.isNull() || item.asText().isBlank()) {
                throw new IllegalArgumentException(where + ": every entry of '" + key
                        + "' must be non-blank text, got '" + item + "'");
            }
            out.add(item.asText().strip());
        }
        return out;
    }
}
