package k8snet.scenario;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import k8snet.Require;
import k8snet.trace.Action;
import k8snet.trace.Hop;
import k8snet.trace.Place;

/**
 * Draws a scenario's deliveries as a Mermaid sequence diagram, which GitHub and GitLab render from a
 * {@code ```mermaid} block (mermaid.js.org, "Sequence diagrams").
 *
 * <ul>
 *   <li>One participant per place that appears: a host (a node's root namespace, the router, a laptop) or a
 *       pod, {@code node-1/web-1}. Aliases are {@code P1}, {@code P2}, ... in order of appearance, so no name
 *       can clash with Mermaid's keywords; the label after {@code as} is the place.</li>
 *   <li>One solid arrow ({@code ->>}) per hop that moves the packet ({@link Action#moves()}: forwarded,
 *       bridged, encapsulated), from its place to the place it names, labelled with the packet's headers.
 *       Module 1's untyped hops ({@link Action#NOTE}) name no place: an arrow is drawn where the next hop
 *       happens elsewhere.</li>
 *   <li>A note for every other hop, a decision at a place (DNS, route, ARP, DNAT, SNAT, conntrack, policy,
 *       delivery or drop); the notes of rewrites, balancing, policy and the hop that ends the trace start with
 *       the action's name ({@code DNAT kube-proxy: ...}, {@code DELIVERED socket: ...}). A note spanning the
 *       delivery opens it (the step's label) and one closes it (the outcome).</li>
 * </ul>
 *
 * <p>Texts are one line of at most {@value #MAX_TEXT} characters (the full trace is printed beside the
 * diagram); {@code ->} becomes an arrow character, and the characters Mermaid's sequence syntax reads
 * ({@code ; # < > %} and, in labels, {@code :}) are written as Mermaid entity codes such as {@code #59;}.
 *
 * <pre>{@code
 * sequenceDiagram
 *     participant P1 as laptop
 *     participant P2 as server
 *     Note over P1,P2: request: laptop to http://web.example.com/
 *     Note over P1: app: TCP to http://web.example.com:80/
 *     P1->>P2: route: 198.51.100.7:49152 → 203.0.113.10:80, sent over wlan0 to server
 * }</pre>
 */
public final class SequenceDiagram {

    /** The longest text of an arrow or a note, in characters. */
    public static final int MAX_TEXT = 90;

    private static final String INDENT = "    ";

    /** The decisions whose note starts with the action's name (so do the hops that end a trace). */
    private static final Set<Action> NAMED = EnumSet.of(Action.DNAT, Action.SNAT, Action.CONNTRACK,
            Action.BALANCED, Action.ALLOWED, Action.DECAPSULATED);

    private SequenceDiagram() {
    }

    /**
     * The diagram of these steps, in order: {@code sequenceDiagram} on the first line, then the participants,
     * then each step; lines end with {@code \n}.
     *
     * @throws IllegalArgumentException if the list or a step is null
     */
    public static String of(List<Step> steps) {
        Require.nonNull(steps, "steps");
        steps.forEach(s -> Require.nonNull(s, "step"));
        Map<String, String> alias = new LinkedHashMap<>();
        for (Step step : steps) {
            for (Hop hop : step.delivery().trace().hops()) {
                alias.putIfAbsent(key(hop.place()), "P" + (alias.size() + 1));
                hop.to().ifPresent(to -> alias.putIfAbsent(key(to), "P" + (alias.size() + 1)));
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("sequenceDiagram");
        alias.forEach((place, id) -> lines.add(INDENT + "participant " + id + " as " + label(place)));
        for (Step step : steps) {
            List<Hop> hops = step.delivery().trace().hops();
            if (hops.isEmpty()) {
                continue;
            }
            String first = alias.get(key(hops.get(0).place()));
            Hop lastHop = hops.get(hops.size() - 1);
            String last = alias.get(key(lastHop.to().orElse(lastHop.place())));
            String span = first.equals(last) ? first : first + "," + last;
            lines.add(INDENT + "Note over " + span + ": " + text(step.label()));
            for (int i = 0; i < hops.size(); i++) {
                Hop hop = hops.get(i);
                String at = alias.get(key(hop.place()));
                if (hop.to().isPresent()) {
                    lines.add(INDENT + at + "->>" + alias.get(key(hop.to().get())) + ": "
                            + text(hop.component() + ": "
                                    + hop.headers().map(Object::toString).orElse(hop.decision())));
                } else if (hop.action() == Action.NOTE && i + 1 < hops.size()
                        && !key(hops.get(i + 1).place()).equals(key(hop.place()))) {
                    lines.add(INDENT + at + "->>" + alias.get(key(hops.get(i + 1).place())) + ": "
                            + text(hop.component() + ": " + hop.decision()));
                } else {
                    String action = NAMED.contains(hop.action()) || hop.action().isTerminal() ? hop.action() + " " : "";
                    lines.add(INDENT + "Note over " + at + ": "
                            + text(action + hop.component() + ": " + hop.decision()));
                }
            }
            lines.add(INDENT + "Note over " + span + ": " + text("outcome: " + step.outcome()));
        }
        return String.join("\n", lines) + "\n";
    }

    /** A participant per host and namespace: the device does not make a place of its own. */
    private static String key(Place place) {
        return place.namespace().isEmpty() ? place.host() : place.host() + "/" + place.namespace();
    }

    private static String label(String place) {
        return escape(place, true);
    }

    private static String text(String text) {
        String line = text.replaceAll("\\s+", " ").trim().replace("->", "\u2192");
        if (line.length() > MAX_TEXT) {
            int cut = line.lastIndexOf(' ', MAX_TEXT - 1);
            line = line.substring(0, cut > MAX_TEXT / 2 ? cut : MAX_TEXT - 1) + "\u2026";
        }
        return escape(line, false);
    }

    /** Mermaid's entity codes for the characters its sequence syntax would read as syntax. */
    private static String escape(String text, boolean label) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '#' -> out.append("#35;");
                case ';' -> out.append("#59;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '%' -> out.append("#37;");
                case ':' -> out.append(label ? "#58;" : ":");
                case '\n', '\r', '\t' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
