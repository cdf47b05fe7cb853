package k8snet.service;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import k8snet.labels.Labels;
import k8snet.labels.Requirement;
import k8snet.labels.Selector;

/**
 * The Services by the labels their selectors ask for, so that a pod's change reaches only the Services that may
 * select it, not all of them (10,000 at Kubernetes' published limits). A selector with an equality or set
 * requirement is filed under that requirement's key and each of its values; any other selector ({@code !=},
 * {@code notin}, exists, or empty) may select any pod and is always a candidate.
 */
final class SelectorIndex {

    /** Label key, then value, then the Services filed there. */
    private final Map<String, Map<String, Set<String>>> byLabel = new HashMap<>();
    private final Set<String> unfiled = new LinkedHashSet<>();
    private final Map<String, Requirement> filedBy = new HashMap<>();

    /** Files a Service under its selector. */
    void add(String service, Selector selector) {
        for (Requirement r : selector.requirements()) {
            if (r.operator() == Requirement.Operator.EQUALS || r.operator() == Requirement.Operator.IN) {
                filedBy.put(service, r);
                for (String value : r.values()) {
                    byLabel.computeIfAbsent(r.key(), k -> new HashMap<>())
                            .computeIfAbsent(value, v -> new LinkedHashSet<>()).add(service);
                }
                return;
            }
        }
        unfiled.add(service);
    }

    /** Forgets a Service. */
    void remove(String service) {
        Requirement r = filedBy.remove(service);
        if (r == null) {
            unfiled.remove(service);
            return;
        }
        Map<String, Set<String>> values = byLabel.get(r.key());
        for (String value : r.values()) {
            Set<String> services = values.get(value);
            services.remove(service);
            if (services.isEmpty()) {
                values.remove(value);
            }
        }
        if (values.isEmpty()) {
            byLabel.remove(r.key());
        }
    }

    /** The Services whose selectors may match a pod with any of these label sets; a superset of those that do. */
    Set<String> candidates(List<Labels> labelSets) {
        Set<String> found = new LinkedHashSet<>(unfiled);
        for (Labels labels : labelSets) {
            for (Map.Entry<String, String> label : labels.asMap().entrySet()) {
                Map<String, Set<String>> values = byLabel.get(label.getKey());
                if (values != null) {
                    found.addAll(values.getOrDefault(label.getValue(), Set.of()));
                }
            }
        }
        return found;
    }
}
