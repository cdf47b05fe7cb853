package k8snet.grader.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which a fork's events must come, so that a line the runner did not write in that place
 * counts for nothing, even if it carried the token. The rules, per fork:
 * <ul>
 *   <li>the plan comes first, only in a fork that was asked for it, each id once, parents before children;</li>
 *   <li>then the exercises' groups, in the order the fork was given;</li>
 *   <li>a node starts inside its parent (the innermost open node), and only a node of the plan or, for a
 *       parameterized test's rows, a new child of the open parameterized test; a test belongs to the current
 *       group's exercise and starts once in the whole run;</li>
 *   <li>a node finishes only when it is the innermost open node, so once, after its start;</li>
 *   <li>the end line comes when nothing is open and every group ran; nothing comes after it.</li>
 * </ul>
 * {@link #admit} returns why an event breaks a rule; a rejected event changes nothing.
 */
final class EventSequence {

    /**
     * What the sequence knows of a node: from the plan, or first seen as a dynamic child. {@code dynamicParent}
     * says whether children not in the plan may start inside it: a parameterized test or test factory (a method
     * that is a container) and the dynamic containers it makes; never a class, whose tests are all planned.
     */
    record Node(String id, String parent, boolean test, String testClass, boolean dynamicParent) {
    }

    private final Map<String, String> exerciseOfClass;
    private final Map<String, Node> known = new HashMap<>();
    private final Set<String> testsStarted = new HashSet<>();

    // Per fork.
    private final Deque<String> open = new ArrayDeque<>();
    private List<String> groups = List.of();
    private int nextGroup;
    private String group;
    private boolean planning;
    private boolean ended;

    EventSequence(Map<String, String> exerciseOfClass) {
        this.exerciseOfClass = Map.copyOf(exerciseOfClass);
    }

    /** A new fork starts: it will run {@code groups} in this order, after writing the plan if {@code planning}. */
    void forkStarted(List<String> forkGroups, boolean plan) {
        open.clear();
        groups = List.copyOf(forkGroups);
        nextGroup = 0;
        group = null;
        planning = plan;
        ended = false;
    }

    /** Admits the event (and records it) or says which rule it breaks. */
    Optional<String> admit(RunnerEvent event) {
        if (ended) {
            return Optional.of("a line after the run's end line");
        }
        if (event instanceof RunnerEvent.Plan p) {
            return plan(p);
        }
        planning = false;
        if (event instanceof RunnerEvent.Group g) {
            return group(g);
        } else if (event instanceof RunnerEvent.Started s) {
            return started(s);
        } else if (event instanceof RunnerEvent.Finished f) {
            return finished(f);
        } else if (event instanceof RunnerEvent.Skipped k) {
            return skipped(k);
        }
        if (!open.isEmpty() || nextGroup < groups.size()) {
            return Optional.of("the end line before every exercise's tests ran");
        }
        ended = true;
        return Optional.empty();
    }

    /** The node, when the plan or a dynamic start made it known. */
    Optional<Node> node(String id) {
        return Optional.ofNullable(known.get(id));
    }

    /** The exercise whose group is running in this fork, or null before the first group. */
    String group() {
        return group;
    }

    /** The test running now, or null. */
    String openTest() {
        String top = open.peek();
        return top != null && known.get(top).test() ? top : null;
    }

    /** The innermost open container (when no test is open), or null. */
    String openContainer() {
        String top = open.peek();
        return top != null && !known.get(top).test() ? top : null;
    }

    private Optional<String> plan(RunnerEvent.Plan p) {
        if (!planning) {
            return Optional.of("a plan line for " + p.id() + " after the plan was complete");
        }
        Node node = new Node(p.id(), p.parent(), p.test(), p.testClass(), p.method() && !p.test());
        if (known.containsKey(p.id())) {
            // A fork that plans again (the one before died while planning) repeats the lines it already sent.
            return known.get(p.id()).equals(node) ? Optional.empty()
                    : Optional.of("a second plan line for " + p.id());
        }
        if (!p.parent().isEmpty() && (!known.containsKey(p.parent()) || !p.id().startsWith(p.parent() + "/"))) {
            return Optional.of("a plan line for " + p.id() + " whose parent " + p.parent() + " is not in the plan");
        }
        known.put(p.id(), node);
        return Optional.empty();
    }

    private Optional<String> group(RunnerEvent.Group g) {
        if (!open.isEmpty()) {
            return Optional.of("exercise " + g.exerciseId() + " started while " + open.peek() + " was running");
        }
        if (nextGroup >= groups.size() || !groups.get(nextGroup).equals(g.exerciseId())) {
            return Optional.of("exercise " + g.exerciseId() + " started out of turn (expected "
                    + (nextGroup < groups.size() ? groups.get(nextGroup) : "none") + ")");
        }
        group = g.exerciseId();
        nextGroup++;
        return Optional.empty();
    }

    private Optional<String> started(RunnerEvent.Started s) {
        if (group == null) {
            return Optional.of(s.id() + " started before any exercise's group");
        }
        Node node = known.get(s.id());
        String top = open.peek();
        if (node == null) {
            Node parent = known.get(s.parent());
            if (top == null || !top.equals(s.parent()) || parent == null || !parent.dynamicParent()
                    || !s.id().startsWith(s.parent() + "/")) {
                return Optional.of("a start of " + s.id() + ", which is not in the plan");
            }
            node = new Node(s.id(), s.parent(), s.test(), parent.testClass(), !s.test());
        }
        if (!(top == null ? node.parent().isEmpty() : top.equals(node.parent()))) {
            return Optional.of("a start of " + s.id() + " outside its parent");
        }
        if (open.contains(s.id())) {
            return Optional.of("a second start of " + s.id() + " while it runs");
        }
        if (!node.testClass().isEmpty() && !group.equals(exerciseOfClass.get(node.testClass()))) {
            return Optional.of("a start of " + s.id() + " during the tests of exercise " + group);
        }
        if (node.test() && testsStarted.contains(s.id())) {
            return Optional.of("a second start of the test " + s.id());
        }
        known.putIfAbsent(node.id(), node);
        open.push(s.id());
        if (node.test()) {
            testsStarted.add(s.id());
        }
        return Optional.empty();
    }

    private Optional<String> finished(RunnerEvent.Finished f) {
        if (open.isEmpty() || !open.peek().equals(f.id())) {
            if (open.contains(f.id())) {
                return Optional.of("a finish of " + f.id() + " before its children finished");
            }
            return Optional.of(testsStarted.contains(f.id()) ? "a second finish of " + f.id()
                    : "a finish of " + f.id() + " without its start");
        }
        open.pop();
        return Optional.empty();
    }

    private Optional<String> skipped(RunnerEvent.Skipped k) {
        if (group == null) {
            return Optional.of(k.id() + " skipped before any exercise's group");
        }
        Node node = known.get(k.id());
        String top = open.peek();
        String parent = node != null ? node.parent() : top;
        boolean place = top == null ? parent == null || parent.isEmpty() : top.equals(parent);
        if (!place || (node == null && (top == null || !known.get(top).dynamicParent()
                || !k.id().startsWith(top + "/")))) {
            return Optional.of("a skip of " + k.id() + " outside its parent");
        }
        if (open.contains(k.id())) {
            return Optional.of("a skip of " + k.id() + " while it runs");
        }
        if (node != null && !node.testClass().isEmpty() && !group.equals(exerciseOfClass.get(node.testClass()))) {
            return Optional.of("a skip of " + k.id() + " during the tests of exercise " + group);
        }
        return Optional.empty();
    }
}
