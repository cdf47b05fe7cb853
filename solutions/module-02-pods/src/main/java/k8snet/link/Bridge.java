package k8snet.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import k8snet.Require;
import k8snet.host.Interface;

/** Reference solution of exercise 2.4, part 2 (the specification is the stub's Javadoc). */
public final class Bridge {

    private final String name;
    private final MacAddress mac;
    /** In attach order; a set, since every frame asks whether its port is one of them. */
    private final Set<String> ports = new LinkedHashSet<>();
    private final Map<MacAddress, String> learned = new HashMap<>();

    public Bridge(String name, MacAddress mac) {
        this.name = deviceName(name);
        this.mac = Require.nonNull(mac, "mac");
    }

    public String name() {
        return name;
    }

    public MacAddress mac() {
        return mac;
    }

    public void attach(String port) {
        deviceName(port);
        if (port.equals(name)) {
            throw new IllegalArgumentException("A bridge cannot be a port of itself: " + port);
        }
        if (ports.contains(port)) {
            throw new IllegalArgumentException("Device " + port + " is already a port of bridge " + name);
        }
        ports.add(port);
    }

    public void detach(String port) {
        Require.nonNull(port, "port");
        if (!ports.remove(port)) {
            throw new IllegalArgumentException("Device " + port + " is not a port of bridge " + name);
        }
        learned.values().removeIf(port::equals);
    }

    public List<String> ports() {
        return List.copyOf(ports);
    }

    public Optional<String> portOf(MacAddress mac) {
        Require.nonNull(mac, "mac");
        return Optional.ofNullable(learned.get(mac));
    }

    public Forwarding receive(String inPort, MacAddress source, MacAddress destination) {
        Require.nonNull(inPort, "inPort");
        Require.nonNull(source, "source");
        Require.nonNull(destination, "destination");
        boolean fromSelf = inPort.equals(name);
        if (!(fromSelf || ports.contains(inPort))) {
            throw new IllegalArgumentException("Device " + inPort + " is not a port of bridge " + name);
        }
        if (source.isBroadcast()) {
            throw new IllegalArgumentException("A frame's source MAC cannot be the broadcast address (on "
                    + inPort + ")");
        }
        if (!fromSelf) {
            learned.put(source, inPort);
        }
        if (destination.equals(mac)) {
            return new Forwarding.Up();
        }
        String out = destination.isBroadcast() ? null : learned.get(destination);
        if (out != null) {
            return out.equals(inPort) ? new Forwarding.Filtered() : new Forwarding.ToPort(out);
        }
        List<String> flood = new ArrayList<>(ports);
        flood.remove(inPort);
        return new Forwarding.Flood(flood);
    }

    private static String deviceName(String name) {
        return Interface.checkName(name);
    }
}
