package k8snet.policy;

import java.util.Optional;

import k8snet.Require;
import k8snet.endpoints.TargetPort;
import k8snet.transport.Protocol;

/**
 * One element of a rule's {@code ports} list (Kubernetes docs "Network Policies", "Targeting a range of
 * ports"; k8s.io/api networking/v1 {@code NetworkPolicyPort}).
 *
 * <pre>{@code
 * PolicyPort.tcp(5432);                                        // TCP 5432
 * new PolicyPort(Protocol.TCP, Optional.of(TargetPort.named("http")), Optional.empty());
 * new PolicyPort(Protocol.TCP, Optional.of(TargetPort.number(32000)), Optional.of(32768)); // 32000-32768
 * new PolicyPort(Protocol.UDP, Optional.empty(), Optional.empty());                       // every UDP port
 * }</pre>
 *
 * @param protocol the protocol (the API's default is TCP)
 * @param port a number or a container port name; empty means every port of the protocol
 * @param endPort with a numeric port, the last port of an inclusive range; at least the port
 */
public record PolicyPort(Protocol protocol, Optional<TargetPort> port, Optional<Integer> endPort) {

    /** @throws IllegalArgumentException if an argument is null, or endPort is set without a numeric port or below it */
    public PolicyPort {
        Require.nonNull(protocol, "protocol");
        Require.nonNull(port, "port");
        Require.nonNull(endPort, "endPort");
        if (endPort.isPresent()) {
            Require.argument(port.isPresent() && port.get().number().isPresent(),
                    "endPort needs a numeric port: " + port + ", endPort " + endPort.get());
            int start = port.get().number().get().number();
            Require.argument(endPort.get() >= start && endPort.get() <= 65535,
                    "endPort must be from port (" + start + ") to 65535: " + endPort.get());
        }
    }

    /** A single TCP port. */
    public static PolicyPort tcp(int port) {
        return new PolicyPort(Protocol.TCP, Optional.of(TargetPort.number(port)), Optional.empty());
    }

    /** A single UDP port. */
    public static PolicyPort udp(int port) {
        return new PolicyPort(Protocol.UDP, Optional.of(TargetPort.number(port)), Optional.empty());
    }

    @Override
    public String toString() {
        return protocol + port.map(p -> "/" + p).orElse("/*") + endPort.map(e -> "-" + e).orElse("");
    }
}
