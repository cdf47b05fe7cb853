package k8snet.endpoints;

import java.util.Optional;

import k8snet.Require;
import k8snet.transport.Port;
import k8snet.transport.Protocol;

/**
 * One entry of a Service's {@code spec.ports}: the port clients connect to, and where on the pods it goes
 * (Kubernetes docs, "Service").
 *
 * <pre>{@code
 * new ServicePort("http", Protocol.TCP, Port.of(80), Optional.of(TargetPort.named("http")));
 * new ServicePort("", Protocol.TCP, Port.of(8080), Optional.empty());   // targetPort 8080 too
 * }</pre>
 *
 * <p>An empty {@code targetPort} means the same number as {@code port}: {@code targetPort} defaults to
 * {@code port}. {@code name} is {@code ""} (unnamed) or a valid port name ({@link TargetPort#isValidName});
 * an unnamed port is allowed only in a Service with a single port, which {@link ServiceSpec} checks.
 */
public record ServicePort(String name, Protocol protocol, Port port, Optional<TargetPort> targetPort) {

    /** @throws IllegalArgumentException if an argument is null or the name is neither "" nor a port name */
    public ServicePort {
        Require.nonNull(name, "name");
        Require.nonNull(protocol, "protocol");
        Require.nonNull(port, "port");
        Require.nonNull(targetPort, "targetPort");
        if (!(name.isEmpty() || TargetPort.isValidName(name))) {
            throw new IllegalArgumentException(
                    "A Service port name is \"\" or a port name (1-15 of a-z, 0-9, '-'): \"" + name + "\"");
        }
    }

    /** A TCP port with no targetPort (so the pods listen on the same number). */
    public static ServicePort tcp(String name, int port) {
        return new ServicePort(name, Protocol.TCP, Port.of(port), Optional.empty());
    }

    /** A TCP port that sends its traffic to {@code targetPort} on the pods. */
    public static ServicePort tcp(String name, int port, TargetPort targetPort) {
        return new ServicePort(name, Protocol.TCP, Port.of(port), Optional.of(Require.nonNull(targetPort,
                "targetPort")));
    }
}
