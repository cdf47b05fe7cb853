package k8snet.endpoints;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import k8snet.Require;
import k8snet.labels.Selector;

/**
 * What the endpoints controller needs of a Service: its name, its selector and its ports (Kubernetes docs,
 * "Service").
 *
 * <pre>{@code
 * new ServiceSpec("web", Selector.parse("app=web"), List.of(ServicePort.tcp("", 80)));
 * }</pre>
 *
 * <p>The name is an RFC 1035 label ({@code [a-z]([-a-z0-9]*[a-z0-9])?}, at most 63 characters). There is at least
 * one port; with more than one, every port has a name and no two share one (Kubernetes docs, "Service",
 * multi-port Services). An empty selector means a Service without a selector, which the endpoints controller
 * gives no endpoints ({@link EndpointsController}).
 */
public record ServiceSpec(String name, Selector selector, List<ServicePort> ports) {

    private static final Pattern RFC_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

    /** @throws IllegalArgumentException if an argument is null, or breaks a rule of the class doc */
    public ServiceSpec {
        Require.nonNull(name, "name");
        Require.nonNull(selector, "selector");
        Require.nonNull(ports, "ports");
        if (!RFC_1035_LABEL.matcher(name).matches()) {
            throw new IllegalArgumentException("A Service name is an RFC 1035 label: \"" + name + "\"");
        }
        if (!ports.stream().noneMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("ports must not hold null: " + ports);
        }
        ports = List.copyOf(ports);
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("Service " + name + " needs at least one port");
        }
        if (ports.size() > 1) {
            Set<String> names = new HashSet<>();
            for (ServicePort port : ports) {
                if (port.name().isEmpty()) {
                    throw new IllegalArgumentException(
                            "Every port of a multi-port Service must be named, in Service " + name + ": " + port);
                }
                if (!names.add(port.name())) {
                    throw new IllegalArgumentException("Port names of Service " + name + " must be unique: \""
                            + port.name() + "\"");
                }
            }
        }
    }
}
