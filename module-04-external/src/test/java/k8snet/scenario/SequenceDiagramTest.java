package k8snet.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import k8snet.net.Delivery;
import k8snet.trace.Action;
import k8snet.trace.Headers;
import k8snet.trace.Hop;
import k8snet.trace.Place;
import k8snet.trace.Trace;
import k8snet.transport.Protocol;
import k8snet.transport.SocketAddress;

/** The Mermaid sequence diagrams of the scenarios (not graded: tag {@code ungraded}). */
@Tag("ungraded")
@DisplayName("The Mermaid sequence diagram of a scenario")
class SequenceDiagramTest {

    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    private static long arrows(String diagram) {
        return diagram.lines().filter(l -> l.contains("->>")).count();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("of every scenario passes the structural check, with one participant per place")
    void everyScenario(Scenario s) {
        List<Step> steps = s.run(1);
        String diagram = SequenceDiagram.of(steps);
        assertThat(MermaidCheck.problems(diagram)).as("problems in the diagram of %s:%n%s", s.name(), diagram)
                .isEmpty();
        long places = steps.stream().flatMap(st -> st.delivery().trace().hops().stream())
                .map(h -> h.place().namespace().isEmpty() ? h.place().host() : h.place().host() + "/" + h.place().namespace())
                .distinct().count();
        assertThat(diagram.lines().filter(l -> l.startsWith("    participant ")).count()).isEqualTo(places);
        assertThat(diagram.lines().filter(l -> l.contains(": outcome: ")).count()).isEqualTo(steps.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("draws one arrow per hop that moves the packet (module 2 on)")
    void arrowPerMove(Scenario s) {
        List<Step> steps = s.run(1);
        long moves = steps.stream().flatMap(st -> st.delivery().trace().hops().stream())
                .filter(h -> h.action().moves()).count();
        long untypedMoves = s.figure() == 1 ? steps.size() : 0;    // module 1: laptop -> server, once per send
        assertThat(arrows(SequenceDiagram.of(steps))).isEqualTo(moves + untypedMoves);
    }

    @Test
    @DisplayName("of two-computers: laptop and server, one arrow per send, the refusal as a note at the server")
    void twoComputers() {
        String diagram = SequenceDiagram.of(Scenarios.named("two-computers").orElseThrow().run(1));
        List<String> lines = diagram.lines().toList();
        assertThat(lines.subList(0, 3)).containsExactly("sequenceDiagram", "    participant P1 as laptop",
                "    participant P2 as server");
        assertThat(lines).filteredOn(l -> l.contains("->>")).hasSize(2).allMatch(l -> l.startsWith("    P1->>P2: route: "));
        assertThat(lines).contains("    Note over P1,P2: outcome: connection to 203.0.113.10:5432 refused");
        assertThat(diagram).contains("(ttl 300s)#59; using 203.0.113.10").contains("198.51.100.7:49152 \u2192 203.0.113.10:80");
    }

    @Test
    @DisplayName("of services: the DNAT, SNAT and conntrack decisions as notes at node-1, named by their action")
    void decisions() {
        String diagram = SequenceDiagram.of(Scenarios.named("services").orElseThrow().run(1));
        assertThat(diagram).contains("    participant P2 as node-1")
                .contains("    Note over P2: BALANCED kube-proxy: ")
                .contains("    Note over P2: DNAT kube-proxy: 10.96.")
                .contains("    Note over P2: CONNTRACK conntrack: new flow tracked")
                .contains("    Note over P2: SNAT conntrack: source 10.244.1.2:8080 rewritten back");
    }

    @Test
    @DisplayName("escapes what Mermaid reads as syntax, in labels and texts, and keeps texts short")
    void escaping() {
        Place odd = Place.host("evil;host#1<b>:x");
        Place pod = Place.host("node-1").namespace("end");
        Headers h = Headers.of(Protocol.TCP, SocketAddress.of("10.0.0.1", 1000), SocketAddress.of("10.0.0.2", 80));
        String longText = String.join(" ", java.util.Collections.nCopies(40, "word"));
        Trace trace = Trace.of(List.of(
                Hop.of(odd, "app", Action.SENT, "50% of <all>; #1\nnext line", h),
                Hop.moving(odd, "link", Action.FORWARDED, "out", h, pod),
                Hop.of(pod, "socket", Action.REFUSED, longText, h)));
        String diagram = SequenceDiagram.of(List.of(new Step("a; b", new Delivery.ConnectionRefused(h.destination(),
                trace))));
        assertThat(MermaidCheck.problems(diagram)).as(diagram).isEmpty();
        assertThat(diagram).contains("    participant P1 as evil#59;host#35;1#lt;b#gt;#58;x")
                .contains("    participant P2 as node-1/end")
                .contains("    Note over P1: app: 50#37; of #lt;all#gt;#59; #35;1 next line")
                .contains("    P1->>P2: link: TCP 10.0.0.1:1000 \u2192 10.0.0.2:80")
                .contains("    Note over P1,P2: a#59; b");
        String refused = diagram.lines().filter(l -> l.contains("REFUSED")).findFirst().orElseThrow();
        assertThat(refused.substring(refused.indexOf(": ") + 2)).hasSizeLessThanOrEqualTo(SequenceDiagram.MAX_TEXT)
                .endsWith("\u2026");
    }

    @Test
    @DisplayName("the structural check itself catches the mistakes it is for")
    void checkCatches() {
        assertThat(MermaidCheck.problems("graph LR\n")).isNotEmpty();
        assertThat(MermaidCheck.problems("sequenceDiagram\n    P1->>P2: x\n")).hasSize(2);
        assertThat(MermaidCheck.problems("sequenceDiagram\n    participant P1 as a\n    participant P1 as b\n"))
                .isNotEmpty();
        assertThat(MermaidCheck.problems("sequenceDiagram\n    participant P1 as a\n    Note over P1: x; y\n"))
                .isNotEmpty();
        assertThat(MermaidCheck.problems("sequenceDiagram\n    participant P1 as a\n    P1->P1: x\n")).isNotEmpty();
        assertThat(MermaidCheck.problems("sequenceDiagram\n    participant P1 as a\n    Note over P1: a #59; b\n"))
                .isEmpty();
    }

    @Test
    @DisplayName("of no steps is an empty diagram; a null list or step is refused")
    void edges() {
        assertThat(SequenceDiagram.of(List.of())).isEqualTo("sequenceDiagram\n");
        assertThatIllegalArgumentException().isThrownBy(() -> SequenceDiagram.of(null));
        assertThatIllegalArgumentException().isThrownBy(() -> SequenceDiagram.of(Arrays.asList((Step) null)));
    }

    @Test
    @DisplayName("the Markdown file holds the narrative, one mermaid block and every step's trace")
    void markdown() {
        Scenario s = Scenarios.named("vxlan").orElseThrow();
        List<Step> steps = s.run(3);
        String md = Markdown.of(s, steps, 3);
        assertThat(md).startsWith("# Figure 4: vxlan\n").contains(s.narrative()).contains("seed 3")
                .contains("```mermaid\n" + SequenceDiagram.of(steps) + "```\n");
        assertThat(md.split("```mermaid", -1)).hasSize(2);
        for (Step step : steps) {
            assertThat(md).contains(step.delivery().trace().render());
        }
    }

    /**
     * A structural check of the Mermaid sequence diagrams the runner writes, since no Mermaid parser runs on the
     * JVM: the header, participants declared once before use, every line an arrow ({@code P1->>P2: text}) or a
     * note ({@code Note over P1[,P2]: text}), and texts free of what Mermaid's sequence syntax reads as syntax.
     * {@link #problems} lists what is wrong, empty when nothing is.
     */
    static final class MermaidCheck {

        private static final Pattern PARTICIPANT = Pattern.compile("^ {4}participant (P[0-9]+) as (.+)$");
        private static final Pattern ARROW = Pattern.compile("^ {4}(P[0-9]+)->>(P[0-9]+): (.+)$");
        private static final Pattern NOTE = Pattern.compile("^ {4}Note over (P[0-9]+)(?:,(P[0-9]+))?: (.+)$");
        /** Mermaid's entity codes: {@code #59;}, {@code #lt;}. */
        private static final Pattern ENTITY = Pattern.compile("#(?:[0-9]+|[a-z]+);");

        private MermaidCheck() {
        }

        /** What is wrong with a diagram; empty when it passes every check. */
        static List<String> problems(String diagram) {
            List<String> problems = new ArrayList<>();
            if (!diagram.endsWith("\n")) {
                problems.add("the diagram does not end with a line break");
            }
            String[] lines = diagram.split("\n", -1);
            if (!lines[0].equals("sequenceDiagram")) {
                problems.add("line 1 is \"" + lines[0] + "\", not sequenceDiagram");
            }
            Map<String, String> declared = new LinkedHashMap<>();
            boolean body = false;
            for (int i = 1; i < lines.length - 1; i++) {
                String line = lines[i];
                int n = i + 1;
                Matcher p = PARTICIPANT.matcher(line);
                Matcher a = ARROW.matcher(line);
                Matcher note = NOTE.matcher(line);
                if (p.matches()) {
                    if (body) {
                        problems.add("line " + n + ": participant " + p.group(1) + " declared after the first message");
                    }
                    if (declared.containsKey(p.group(1))) {
                        problems.add("line " + n + ": participant " + p.group(1) + " declared twice");
                    }
                    if (declared.containsValue(p.group(2))) {
                        problems.add("line " + n + ": two participants are labelled " + p.group(2));
                    }
                    declared.put(p.group(1), p.group(2));
                text(problems, n, p.group(2));
                if (ENTITY.matcher(p.group(2)).replaceAll("").indexOf(':') >= 0) {
                    problems.add("line " + n + ": the label holds a raw ':': " + p.group(2));
                }
                } else if (a.matches()) {
                    body = true;
                    used(problems, n, declared, a.group(1), a.group(2));
                    text(problems, n, a.group(3));
                } else if (note.matches()) {
                    body = true;
                    used(problems, n, declared, note.group(1), note.group(2));
                    text(problems, n, note.group(3));
                } else {
                    problems.add("line " + n + " is neither a participant, an arrow nor a note: " + line);
                }
            }
            if (!lines[lines.length - 1].isEmpty()) {
                problems.add("text after the last line break: " + lines[lines.length - 1]);
            }
            return problems;
        }

        private static void used(List<String> problems, int n, Map<String, String> declared, String... ids) {
            for (String id : ids) {
                if (id != null && !declared.containsKey(id)) {
                    problems.add("line " + n + ": participant " + id + " is used but not declared");
                }
            }
        }

        private static void text(List<String> problems, int n, String text) {
            String plain = ENTITY.matcher(text).replaceAll("");
            for (char c : new char[] {';', '#', '<', '>', '%', '\t', '\r'}) {
                if (plain.indexOf(c) >= 0) {
                    problems.add("line " + n + ": the text holds a raw '" + c + "': " + text);
                }
            }
            if (text.length() > SequenceDiagram.MAX_TEXT + 40) {
                problems.add("line " + n + ": a text of " + text.length() + " characters");
            }
            if (!text.equals(text.trim())) {
                problems.add("line " + n + ": the text starts or ends with a space");
            }
        }
    }
}
