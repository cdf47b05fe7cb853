package k8snet.ingress;

import k8snet.Require;

/**
 * One path of an Ingress rule, as written in the manifest ({@code HTTPIngressPath}). The path and its type are
 * kept as the text the user wrote, so that {@link IngressRouter} can reject what the API server rejects.
 *
 * <pre>{@code
 * new IngressPath("/api", "Prefix", IngressBackend.of("api", 8080));
 * }</pre>
 *
 * @param path the path; valid ones start with {@code /}
 * @param pathType {@code Exact}, {@code Prefix} or {@code ImplementationSpecific}; {@code ""} when left out
 */
public record IngressPath(String path, String pathType, IngressBackend backend) {

    /** @throws IllegalArgumentException if an argument is null */
    public IngressPath {
        Require.nonNull(path, "path");
        Require.nonNull(pathType, "pathType");
        Require.nonNull(backend, "backend");
    }

    @Override
    public String toString() {
        return path + " (" + (pathType.isEmpty() ? "no pathType" : pathType) + ") -> " + backend;
    }
}
