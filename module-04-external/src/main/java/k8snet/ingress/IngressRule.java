package k8snet.ingress;

import java.util.List;

import k8snet.Require;

/**
 * One rule of an Ingress: a host, exact ({@code shop.example.com}) or wildcard ({@code *.example.com}), or
 * {@code ""} for every host, and its paths ({@code IngressRule} with its {@code http.paths}).
 */
public record IngressRule(String host, List<IngressPath> paths) {

    /** @throws IllegalArgumentException if an argument or element is null */
    public IngressRule {
        Require.nonNull(host, "host");
        Require.nonNull(paths, "paths");
        Require.argument(paths.stream().noneMatch(java.util.Objects::isNull), "paths must not hold null");
        paths = List.copyOf(paths);
    }

    @Override
    public String toString() {
        return (host.isEmpty() ? "(any host)" : host) + " " + paths;
    }
}
