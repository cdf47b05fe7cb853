package k8snet.policy;

import java.util.Map;
import java.util.TreeMap;

import k8snet.Require;
import k8snet.endpoints.TargetPort;
import k8snet.ip.Ipv4Address;
import k8snet.ipam.ObjectNames;
import k8snet.labels.Labels;
import k8snet.transport.Port;

/**
 * What policy enforcement knows of a pod: where it is (namespace, node), what it is (labels), its address and
 * its named container ports (which a policy's named port refers to).
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param node the node it runs on
 */
public record PolicyPod(String namespace, String name, String node, Labels labels, Ipv4Address ip,
        Map<String, Port> containerPorts) {

    /** @throws IllegalArgumentException if an argument is null, a name is malformed or a port name is invalid */
    public PolicyPod {
        Require.nonNull(namespace, "namespace");
        Require.nonNull(name, "name");
        Require.nonNull(node, "node");
        Require.nonNull(labels, "labels");
        Require.nonNull(ip, "ip");
        Require.nonNull(containerPorts, "containerPorts");
        Require.argument(ObjectNames.isLabel(namespace), "A namespace name is a lower-case RFC 1123 label: \""
                + namespace + "\"");
        Require.argument(ObjectNames.isLabel(name), "A pod name is a lower-case RFC 1123 label here: \"" + name + "\"");
        for (Map.Entry<String, Port> port : containerPorts.entrySet()) {
            Require.argument(TargetPort.isValidName(port.getKey()),
                    "A container port name is a port name: \"" + port.getKey() + "\"");
            Require.nonNull(port.getValue(), "container port " + port.getKey());
        }
        containerPorts = Map.copyOf(new TreeMap<>(containerPorts));
    }

    @Override
    public String toString() {
        return namespace + "/" + name + " (" + ip + ")";
    }
}
