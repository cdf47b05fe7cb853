package k8snet.endpoints;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import k8snet.Require;
import k8snet.ip.Ipv4Address;
import k8snet.labels.Labels;
import k8snet.transport.Port;

/**
 * What the endpoints controller sees of a pod: its labels, its IP once the CNI plugin has given it one, whether
 * its readiness probe passes, whether it is being deleted (its deletion timestamp is set), and its named
 * container ports.
 *
 * <pre>{@code
 * new PodState("web-1", Labels.of("app", "web"), Optional.of(Ipv4Address.parse("10.244.1.2")),
 *         true, false, Map.of("http", Port.of(8080)));
 * }</pre>
 *
 * <p>Container port names are port names ({@link TargetPort#isValidName}); the map is copied.
 */
public record PodState(String name, Labels labels, Optional<Ipv4Address> ip, boolean ready, boolean terminating,
        Map<String, Port> containerPorts) {

    /** @throws IllegalArgumentException if an argument is null, the name is empty, or a port name is invalid */
    public PodState {
        Require.nonNull(name, "name");
        Require.nonNull(labels, "labels");
        Require.nonNull(ip, "ip");
        Require.nonNull(containerPorts, "containerPorts");
        Require.argument(!name.isEmpty(), "A pod needs a name: \"\"");
        for (Map.Entry<String, Port> port : containerPorts.entrySet()) {
            if (!TargetPort.isValidName(port.getKey())) {
                throw new IllegalArgumentException(
                        "A container port name is a port name (1-15 of a-z, 0-9, '-'): \"" + port.getKey() + "\"");
            }
            Require.nonNull(port.getValue(), "container port " + port.getKey());
        }
        containerPorts = Map.copyOf(new TreeMap<>(containerPorts));
    }
}
