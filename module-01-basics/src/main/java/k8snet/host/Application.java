package k8snet.host;

import k8snet.Require;

/**
 * A program that listens on a port, such as {@code nginx} or {@code postgres}. The model only needs its
 * name: which application a message reaches is the question.
 */
public record Application(String name) {

    public Application {
        Require.nonNull(name, "application name");
        Require.argument(!name.isBlank(), "An application needs a name, got a blank one");
    }

    @Override
    public String toString() {
        return name;
    }
}
