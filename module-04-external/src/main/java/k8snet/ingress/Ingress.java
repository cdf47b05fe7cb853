package k8snet.ingress;

import java.util.List;
import java.util.Optional;

import k8snet.Require;

/**
 * An Ingress object: HTTP routing rules by host and path, and an optional default backend for requests no rule
 * matches (Kubernetes docs "Ingress"; k8s.io/api networking/v1 {@code IngressSpec}).
 *
 * <pre>{@code
 * Ingress shop = new Ingress("shop", List.of(
 *         new IngressRule("shop.example.com", List.of(
 *                 new IngressPath("/", "Prefix", IngressBackend.of("web", 80)),
 *                 new IngressPath("/api", "Prefix", IngressBackend.of("api", 8080))))),
 *         Optional.empty());
 * }</pre>
 *
 * <p>This record holds what was written; {@link IngressRouter} validates it.
 */
public record Ingress(String name, List<IngressRule> rules, Optional<IngressBackend> defaultBackend) {

    /** @throws IllegalArgumentException if an argument or element is null */
    public Ingress {
        Require.nonNull(name, "name");
        Require.nonNull(rules, "rules");
        Require.nonNull(defaultBackend, "defaultBackend");
        Require.argument(rules.stream().noneMatch(java.util.Objects::isNull), "rules must not hold null");
        rules = List.copyOf(rules);
    }
}
