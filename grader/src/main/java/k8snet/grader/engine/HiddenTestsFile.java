package k8snet.grader.engine;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import k8snet.grader.manifest.Exercise;
import k8snet.grader.manifest.Manifest;

/**
 * {@code hidden-tests.yaml} in a hidden tests folder: when students see the hidden tests' results, and
 * which exercise each hidden class (or single test method) counts for, with its own points.
 *
 * <pre>{@code
 * visibility: after_published          # hidden, after_due_date, after_published (the default) or visible
 * k8snet.ip.Ipv4EdgeCasesTest:         # a class: its tests share these points
 *   exercise: "1.1"
 *   points: 3
 * k8snet.dns.HostnameHiddenTest#rejectsEmptyLabels:   # one test method (all its invocations)
 *   exercise: "1.2"
 *   points: 1.5
 * k8snet.ip.OldStyleTest: "1.1"        # the first form: it counts as more tests of 1.1, sharing its points
 * }</pre>
 *
 * <p>Points (at most two decimals) are added to the exercise's own points. A class's tests that no method
 * entry names share the class's points; a class without an entry of its own (a method entry only, the first
 * form, or none at all) has its other tests share the exercise's points with the graded tests, as before
 * hidden tests had points of their own. Every entry of one class names the same exercise.
 *
 * @param visibility when students see the hidden tests' results
 * @param entries in file order
 */
public record HiddenTestsFile(Visibility visibility, List<Entry> entries) {

    /** The file's name inside the hidden tests folder. */
    public static final String NAME = "hidden-tests.yaml";

    /** Hidden tests are shown to students when grades are published unless the file says otherwise. */
    public static final Visibility DEFAULT_VISIBILITY = Visibility.AFTER_PUBLISHED;

    private static final String NAME_PART = "[A-Za-z_$][A-Za-z0-9_$]*";
    private static final Pattern KEY = Pattern.compile(NAME_PART + "(\\." + NAME_PART + ")*(#" + NAME_PART + ")?");

    /**
     * One hidden class or test method.
     *
     * @param key as written: {@code pkg.Class} or {@code pkg.Class#method}
     * @param className the top-level test class
     * @param method the test method, for a method entry
     * @param exerciseId the exercise it counts for
     * @param points its own points in hundredths; empty for the first form (it shares the exercise's points)
     */
    public record Entry(String key, String className, Optional<String> method, String exerciseId,
                        OptionalLong points) {

        /** Whether the entry has points of its own. */
        public boolean weighted() {
            return points.isPresent();
        }
    }

    public HiddenTestsFile {
        if (visibility == null || entries == null) {
            throw new IllegalArgumentException("visibility and entries must not be null");
        }
        entries = List.copyOf(entries);
    }

    /** No file: the default visibility and no entries. */
    public static HiddenTestsFile none() {
        return new HiddenTestsFile(DEFAULT_VISIBILITY, List.of());
    }

    /**
     * Reads {@code hidden/hidden-tests.yaml}, or {@link #none()} when the folder has no such file.
     *
     * @throws IllegalArgumentException naming the file, the entry and what is wrong with it
     */
    public static HiddenTestsFile read(Path hidden, Manifest manifest) {
        Path file = hidden.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return none();
        }
        try {
            return parse(Files.readString(file), file.toString(), manifest);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the file's text; {@code where} names it in messages.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static HiddenTestsFile parse(String yaml, String where, Manifest manifest) {
        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " is not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return none();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(where + " must map hidden test classes to their exercise and points, "
                    + "such as 'k8snet.ip.ExtraTest: {exercise: \"1.1\", points: 2}'");
        }
        Visibility visibility = DEFAULT_VISIBILITY;
        List<Entry> entries = new ArrayList<>();
        Map<String, String> exerciseOfClass = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("visibility")) {
                if (!value.isValueNode()) {
                    throw new IllegalArgumentException(where + ": visibility must be one word, such as after_published");
                }
                try {
                    visibility = Visibility.of(value.asText());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                continue;
            }
            Entry entry = entry(where, key, value, manifest);
            String earlier = exerciseOfClass.putIfAbsent(entry.className(), entry.exerciseId());
            if (earlier != null && !earlier.equals(entry.exerciseId())) {
                throw new IllegalArgumentException(where + ": " + key + " counts for exercise " + entry.exerciseId()
                        + " but another entry of " + entry.className() + " counts for " + earlier
                        + "; the tests of one class count for one exercise");
            }
            entries.add(entry);
        }
        return new HiddenTestsFile(visibility, entries);
    }

    private static Entry entry(String where, String key, JsonNode value, Manifest manifest) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(where + ": '" + key + "' is not a test class name (pkg.Class) or a "
                    + "test method (pkg.Class#method)");
        }
        int hash = key.indexOf('#');
        String className = hash < 0 ? key : key.substring(0, hash);
        Optional<String> method = hash < 0 ? Optional.empty() : Optional.of(key.substring(hash + 1));
        if (value.isValueNode() && !value.isNull()) {
            if (method.isPresent()) {
                throw new IllegalArgumentException(where + ": " + key + " names one test method: give its exercise "
                        + "and points, such as '" + key + ": {exercise: \"" + value.asText() + "\", points: 1}'");
            }
            return new Entry(key, className, method, exercise(where, key, value.asText(), manifest),
                    OptionalLong.empty());
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(where + ": " + key + " needs its exercise and points, such as '"
                    + key + ": {exercise: \"1.1\", points: 2}'");
        }
        Set<String> fields = new HashSet<>();
        value.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(Set.of("exercise", "points"));
        if (!fields.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + key + " has unknown fields " + new java.util.TreeSet<>(fields)
                    + "; an entry has only exercise and points");
        }
        JsonNode exercise = value.get("exercise");
        if (exercise == null || !exercise.isValueNode() || exercise.isNull() || exercise.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": " + key + " needs the exercise it counts for, such as "
                    + "exercise: \"1.1\"");
        }
        JsonNode points = value.get("points");
        if (points == null || points.isNull()) {
            throw new IllegalArgumentException(where + ": " + key + " needs its points, such as points: 2");
        }
        BigDecimal decimal;
        try {
            decimal = points.isNumber() ? points.decimalValue() : new BigDecimal(points.asText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + ": points must be a number, not '"
                    + points.asText() + "'", e);
        }
        long hundredths;
        try {
            hundredths = Points.parse(decimal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + key + ": " + e.getMessage(), e);
        }
        return new Entry(key, className, method, exercise(where, key, exercise.asText(), manifest),
                OptionalLong.of(hundredths));
    }

    private static String exercise(String where, String key, String id, Manifest manifest) {
        if (manifest.exercise(id).isEmpty()) {
            throw new IllegalArgumentException(where + ": unknown exercise '" + id + "' for " + key
                    + " (the course has " + manifest.exercises().stream().map(Exercise::id).toList() + ")");
        }
        return id;
    }

    /** The exercise each class named in the file counts for. */
    public Map<String, String> exerciseOfClass() {
        Map<String, String> map = new LinkedHashMap<>();
        entries.forEach(e -> map.putIfAbsent(e.className(), e.exerciseId()));
        return map;
    }

    /** The entries with points of their own that count for one exercise. */
    public List<Entry> weightedOf(String exerciseId) {
        return entries.stream().filter(e -> e.weighted() && e.exerciseId().equals(exerciseId)).toList();
    }

    /** The points, in hundredths, the file adds to one exercise. */
    public long extraPoints(String exerciseId) {
        return weightedOf(exerciseId).stream().mapToLong(e -> e.points().getAsLong()).sum();
    }
}
