package k8snet.grader.manifest;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An exercise's hints: either one unnamed ladder of levels (the manifest's plain list, the original form) or
 * one ladder per topic (a mapping from topic to list), so a student stuck on one file or one concept climbs
 * from a nudge to nearly the answer on that alone.
 *
 * <pre>{@code
 * hints:                      # one unnamed topic
 *   - "a nudge"
 *   - "nearly the answer"
 * hints:                      # one ladder per topic, in the order given
 *   Hostname:
 *     - "a nudge"
 *     - "nearly the answer"
 *   ZoneResolver:
 *     - "..."
 * }</pre>
 *
 * @param topics at least one; either exactly one {@linkplain HintTopic#UNNAMED unnamed} topic or only named
 *               ones whose names differ even when case is ignored
 */
public record Hints(List<HintTopic> topics) {

    /** @throws IllegalArgumentException when the topics break the rule above */
    public Hints {
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("Hints need at least one topic");
        }
        topics = List.copyOf(topics);
        if (topics.stream().anyMatch(t -> !t.named()) && topics.size() > 1) {
            throw new IllegalArgumentException("An unnamed hint topic must be the only one, got " + names(topics));
        }
        Set<String> seen = new HashSet<>();
        for (HintTopic topic : topics) {
            if (!seen.add(topic.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Hint topic '" + topic.name()
                        + "' is listed twice (names are compared ignoring case)");
            }
        }
    }

    /** The plain-list form: one unnamed topic with these levels. */
    public static Hints of(List<String> levels) {
        return new Hints(List.of(new HintTopic(HintTopic.UNNAMED, levels)));
    }

    /** Whether the hints are split into named topics. */
    public boolean named() {
        return topics.get(0).named();
    }

    /** The topic with this name, ignoring case; always empty for the plain-list form. */
    public Optional<HintTopic> topic(String name) {
        if (name == null) {
            throw new IllegalArgumentException("A hint topic's name must not be null");
        }
        return topics.stream().filter(HintTopic::named).filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The topics' names in order (empty for the plain-list form). */
    public List<String> topicNames() {
        return names(topics);
    }

    private static List<String> names(List<HintTopic> topics) {
        return topics.stream().filter(HintTopic::named).map(HintTopic::name).toList();
    }
}
