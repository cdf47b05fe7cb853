package k8snet.ipam;

/**
 * The name rule the model uses for nodes and pods: a lower-case RFC 1123 label, 1 to 63 characters of
 * {@code a-z}, {@code 0-9} and {@code '-'}, starting and ending with a letter or digit. Kubernetes rejects upper
 * case in object names rather than folding it (Kubernetes docs, "Object Names and IDs"). Real pod names may be
 * DNS subdomains with dots; the model keeps to single labels, since they also name namespaces and devices.
 *
 * <pre>{@code
 * ObjectNames.isLabel("node-1");   // true
 * ObjectNames.isLabel("Node-1");   // false
 * }</pre>
 */
public final class ObjectNames {

    private ObjectNames() {
    }

    /** True if {@code name} is a lower-case RFC 1123 label; false for null. */
    public static boolean isLabel(String name) {
        // [a-z0-9]([-a-z0-9]{0,61}[a-z0-9])? by hand: every pod and node name is checked, 150,000 at the limits.
        if (name == null || name.isEmpty() || name.length() > 63) {
            return false;
        }
        int last = name.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && (c != '-' || i == 0 || i == last)) {
                return false;
            }
        }
        return true;
    }
}
