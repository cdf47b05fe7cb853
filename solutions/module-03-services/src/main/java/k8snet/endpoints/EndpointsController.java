package k8snet.endpoints;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import k8snet.Require;
import k8snet.balance.Endpoint;
import k8snet.labels.Requirement;
import k8snet.labels.Selector;
import k8snet.transport.Port;
import k8snet.transport.SocketAddress;

/**
 * Reference solution of exercise 3.2 (the specification is the stub's Javadoc).
 *
 * <p>Pods are indexed by label, so a Service whose selector has an equality or set requirement reads only the
 * pods that carry one of its values instead of every pod of the cluster (150,000 at Kubernetes' limits).
 */
public final class EndpointsController {

    public static final int DEFAULT_MAX_PER_SLICE = 100;

    public static final int MAX_MAX_PER_SLICE = 1000;

    private final int maxPerSlice;
    private final Map<String, ServiceSpec> services = new HashMap<>();
    /** Sorted by name, so every list built from it is in pod-name order. */
    private final TreeMap<String, PodState> pods = new TreeMap<>();
    /** Label key, then value, then the names of the pods that have it, in name order. */
    private final Map<String, Map<String, TreeSet<String>>> byLabel = new HashMap<>();

    public EndpointsController() {
        this(DEFAULT_MAX_PER_SLICE);
    }

    public EndpointsController(int maxPerSlice) {
        if (!(maxPerSlice >= 1 && maxPerSlice <= MAX_MAX_PER_SLICE)) {
            throw new IllegalArgumentException("maxPerSlice must be 1-" + MAX_MAX_PER_SLICE
                    + " (--max-endpoints-per-slice), got " + maxPerSlice);
        }
        this.maxPerSlice = maxPerSlice;
    }

    public int maxPerSlice() {
        return maxPerSlice;
    }

    public void setService(ServiceSpec service) {
        Require.nonNull(service, "service");
        services.put(service.name(), service);
    }

    public void removeService(String name) {
        services.remove(Require.nonNull(name, "name"));
    }

    public void setPod(PodState pod) {
        Require.nonNull(pod, "pod");
        unindex(pods.put(pod.name(), pod));
        for (Map.Entry<String, String> label : pod.labels().asMap().entrySet()) {
            byLabel.computeIfAbsent(label.getKey(), k -> new HashMap<>())
                    .computeIfAbsent(label.getValue(), v -> new TreeSet<>()).add(pod.name());
        }
    }

    public void removePod(String name) {
        unindex(pods.remove(Require.nonNull(name, "name")));
    }

    private void unindex(PodState old) {
        if (old == null) {
            return;
        }
        for (Map.Entry<String, String> label : old.labels().asMap().entrySet()) {
            Map<String, TreeSet<String>> values = byLabel.get(label.getKey());
            TreeSet<String> names = values.get(label.getValue());
            names.remove(old.name());
            if (names.isEmpty()) {
                values.remove(label.getValue());
                if (values.isEmpty()) {
                    byLabel.remove(label.getKey());
                }
            }
        }
    }

    public List<EndpointSlice> slices(String service) {
        ServiceSpec spec = service(service);
        // Insertion order of the groups is the order of their first pod, since pods come sorted by name.
        Map<List<SlicePort>, List<EndpointEntry>> groups = new LinkedHashMap<>();
        for (PodState pod : selected(spec)) {
            List<SlicePort> ports = new ArrayList<>();
            for (ServicePort port : spec.ports()) {
                resolve(port, pod).ifPresent(number -> ports.add(new SlicePort(port.name(), port.protocol(), number)));
            }
            if (!ports.isEmpty()) {
                groups.computeIfAbsent(ports, p -> new ArrayList<>()).add(entry(pod));
            }
        }
        List<EndpointSlice> slices = new ArrayList<>();
        groups.forEach((ports, entries) -> {
            for (int from = 0; from < entries.size(); from += maxPerSlice) {
                int to = Math.min(entries.size(), from + maxPerSlice);
                slices.add(new EndpointSlice(spec.name(), ports, entries.subList(from, to)));
            }
        });
        return List.copyOf(slices);
    }

    public List<Endpoint> usable(String service, String portName) {
        ServiceSpec spec = service(service);
        Require.nonNull(portName, "portName");
        ServicePort port = spec.ports().stream().filter(p -> p.name().equals(portName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Service " + spec.name() + " has no port named \""
                        + portName + "\""));
        List<Endpoint> ready = new ArrayList<>();
        List<Endpoint> servingTerminating = new ArrayList<>();
        for (PodState pod : selected(spec)) {
            Optional<Port> number = resolve(port, pod);
            if (number.isEmpty()) {
                continue;
            }
            Endpoint endpoint = new Endpoint(pod.name(), new SocketAddress(pod.ip().orElseThrow(), number.get()));
            EndpointConditions conditions = entry(pod).conditions();
            if (conditions.ready()) {
                ready.add(endpoint);
            } else if (conditions.serving() && conditions.terminating()) {
                servingTerminating.add(endpoint);
            }
        }
        return List.copyOf(ready.isEmpty() ? servingTerminating : ready);
    }

    private ServiceSpec service(String name) {
        Require.nonNull(name, "service");
        ServiceSpec spec = services.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("No Service named \"" + name + "\"");
        }
        return spec;
    }

    /** The pods the Service selects that have an IP, in name order; none for a Service without a selector. */
    private List<PodState> selected(ServiceSpec spec) {
        List<PodState> selected = new ArrayList<>();
        if (spec.selector().requirements().isEmpty()) {
            return selected;
        }
        for (PodState pod : candidates(spec.selector())) {
            if (pod.ip().isPresent() && spec.selector().matches(pod.labels())) {
                selected.add(pod);
            }
        }
        return selected;
    }

    /**
     * Every pod the selector could match, in name order: those with one of the values of its narrowest equality
     * or set requirement, or every pod if it has none (only {@code !=}, {@code notin}, exists, or nothing).
     */
    private Iterable<PodState> candidates(Selector selector) {
        Collection<String> narrowest = null;
        for (Requirement r : selector.requirements()) {
            if (r.operator() != Requirement.Operator.EQUALS && r.operator() != Requirement.Operator.IN) {
                continue;
            }
            Map<String, TreeSet<String>> values = byLabel.getOrDefault(r.key(), Map.of());
            Collection<String> names;
            if (r.values().size() == 1) {
                TreeSet<String> one = values.get(r.values().get(0));
                names = one == null ? List.of() : one;
            } else {
                TreeSet<String> union = new TreeSet<>();
                for (String v : r.values()) {
                    union.addAll(values.getOrDefault(v, new TreeSet<>()));
                }
                names = union;
            }
            if (narrowest == null || names.size() < narrowest.size()) {
                narrowest = names;
            }
        }
        if (narrowest == null) {
            return pods.values();
        }
        List<PodState> found = new ArrayList<>(narrowest.size());
        for (String name : narrowest) {
            found.add(pods.get(name));
        }
        return found;
    }

    private static Optional<Port> resolve(ServicePort port, PodState pod) {
        if (port.targetPort().isEmpty()) {
            return Optional.of(port.port());
        }
        TargetPort target = port.targetPort().get();
        if (target.number().isPresent()) {
            return target.number();
        }
        return Optional.ofNullable(pod.containerPorts().get(target.name().get()));
    }

    private static EndpointEntry entry(PodState pod) {
        boolean ready = pod.ready() && !pod.terminating();
        return new EndpointEntry(pod.name(), pod.ip().orElseThrow(),
                new EndpointConditions(ready, pod.ready(), pod.terminating()));
    }
}
