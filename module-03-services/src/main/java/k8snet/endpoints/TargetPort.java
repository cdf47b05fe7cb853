package k8snet.endpoints;

import java.util.Optional;

import k8snet.Require;
import k8snet.transport.Port;

/**
 * Where a Service port sends its traffic on a pod: a port number, or the name of a container port that each pod
 * resolves for itself (Kubernetes docs, "Service": {@code targetPort} may name a port of the pod's containers).
 *
 * <pre>{@code
 * TargetPort.number(8080);     // every selected pod listens on 8080
 * TargetPort.named("http");    // each pod's container port named "http", whatever its number
 * }</pre>
 *
 * <p>Exactly one of {@code number} and {@code name} is present. A name is an IANA-style service name, as
 * container port names are: 1 to 15 lower-case letters, digits and {@code -}, at least one letter, no {@code -}
 * at either end and never two in a row.
 */
public record TargetPort(Optional<Port> number, Optional<String> name) {

    /** @throws IllegalArgumentException unless exactly one is present, and a name is a valid port name */
    public TargetPort {
        Require.nonNull(number, "number");
        Require.nonNull(name, "name");
        if (number.isPresent() == name.isPresent()) {
            throw new IllegalArgumentException("A targetPort is either a number or a name, not both or neither: "
                    + number + ", " + name);
        }
        name.ifPresent(n -> Require.argument(isValidName(n),
                "A port name is 1-15 lower-case letters, digits and '-', with a letter, no '-' at an end or "
                        + "twice in a row: \"" + n + "\""));
    }

    /** A target port by number: {@code Port.of(number)}. */
    public static TargetPort number(int number) {
        return new TargetPort(Optional.of(Port.of(number)), Optional.empty());
    }

    /** A target port by container port name. */
    public static TargetPort named(String name) {
        return new TargetPort(Optional.empty(), Optional.of(Require.nonNull(name, "name")));
    }

    /** Whether {@code name} is a valid port name (see the class doc); false for null. */
    public static boolean isValidName(String name) {
        // [a-z0-9]+(-[a-z0-9]+)* with a letter, by hand: every pod's container ports are checked.
        if (name == null || name.isEmpty() || name.length() > 15) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-') {
                if (i == 0 || i == name.length() - 1 || name.charAt(i - 1) == '-') {
                    return false;
                }
            } else if (c >= 'a' && c <= 'z') {
                letter = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return letter;
    }

    @Override
    public String toString() {
        return number.map(Port::toString).orElseGet(name::get);
    }
}
