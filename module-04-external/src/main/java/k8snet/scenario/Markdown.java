package k8snet.scenario;

import java.util.List;

import k8snet.Require;

/**
 * The file {@code --out} writes for one scenario: a heading, the narrative, the Mermaid sequence diagram in a
 * {@code ```mermaid} block (which GitHub and GitLab render), then each step's trace as text.
 */
final class Markdown {

    private Markdown() {
    }

    /** The Markdown text of one scenario's run. */
    static String of(Scenario scenario, List<Step> steps, long seed) {
        Require.nonNull(scenario, "scenario");
        Require.nonNull(steps, "steps");
        StringBuilder md = new StringBuilder();
        md.append("# Figure ").append(scenario.figure()).append(": ").append(scenario.name()).append("\n\n");
        md.append(capitalised(scenario.title())).append(".\n\n");
        md.append(scenario.narrative()).append("\n\n");
        md.append("Written by the k8snet scenario runner, seed ").append(seed).append(".\n\n");
        md.append("```mermaid\n").append(SequenceDiagram.of(steps)).append("```\n\n");
        md.append("## The traces\n");
        for (Step step : steps) {
            md.append("\n").append(step.label()).append(": ").append(step.outcome()).append("\n\n");
            md.append("```text\n").append(step.delivery().trace().render()).append("\n```\n");
        }
        return md.toString();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
