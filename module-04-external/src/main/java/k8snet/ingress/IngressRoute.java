package k8snet.ingress;

import k8snet.Require;

/** Where an ingress controller sends one request. */
public sealed interface IngressRoute {

    /** A rule's path matched: {@code rule} is the matching rule's host ({@code ""} for any host). */
    record Matched(IngressBackend backend, String rule, IngressPath path) implements IngressRoute {
        /** @throws IllegalArgumentException if an argument is null */
        public Matched {
            Require.nonNull(backend, "backend");
            Require.nonNull(rule, "rule");
            Require.nonNull(path, "path");
        }
    }

    /** No rule matched; the Ingress's default backend takes the request. */
    record Default(IngressBackend backend) implements IngressRoute {
        /** @throws IllegalArgumentException if {@code backend} is null */
        public Default {
            Require.nonNull(backend, "backend");
        }
    }

    /** No rule matched and there is no default backend: the controller answers 404 Not Found. */
    record NotFound() implements IngressRoute {
    }
}
