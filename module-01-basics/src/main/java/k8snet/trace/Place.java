package k8snet.trace;

import k8snet.Require;

/**
 * Where a hop happened: the machine, the network namespace on it, and the device (interface) involved.
 * Module 1 has one namespace per host (the "root" namespace); module 2 gives every pod its own.
 *
 * <pre>{@code
 * Place.host("laptop");                             // laptop
 * Place.host("node-1").device("eth0");              // node-1 eth0
 * Place.host("node-1").namespace("pod web-1").device("eth0");   // node-1/pod web-1 eth0
 * }</pre>
 *
 * @param host the machine's name, never blank
 * @param namespace the network namespace, {@code ""} for the host's root namespace
 * @param device the interface name, {@code ""} when no single device is involved
 */
public record Place(String host, String namespace, String device) {

    public Place {
        Require.nonNull(host, "host");
        Require.nonNull(namespace, "namespace");
        Require.nonNull(device, "device");
        Require.argument(!host.isBlank(), "A place needs a host name, got a blank one");
    }

    /** The root namespace of a host, no particular device. */
    public static Place host(String host) {
        return new Place(host, "", "");
    }

    /** The same place in another namespace. */
    public Place namespace(String name) {
        return new Place(host, name, device);
    }

    /** The same place on a given device. */
    public Place device(String name) {
        return new Place(host, namespace, name);
    }

    @Override
    public String toString() {
        String where = namespace.isEmpty() ? host : host + "/" + namespace;
        return device.isEmpty() ? where : where + " " + device;
    }
}
