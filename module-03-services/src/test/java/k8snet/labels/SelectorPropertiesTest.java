package k8snet.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static k8snet.testkit.Theories.named;
import static k8snet.testkit.Theories.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import k8snet.labels.Requirement.Operator;

@DisplayName("Label selectors on random objects (exercise 3.1, properties)")
class SelectorPropertiesTest {

    private static final long SEED = 0x3_1000_0031L;
    private static final int EXAMPLES = 1000;

    /** Few keys and values, so that random selectors and objects often meet; case variants on purpose. */
    private static final List<String> KEYS = List.of("app", "tier", "App", "example.com/team", "env");
    private static final List<String> VALUES = List.of("web", "db", "Web", "fe", "");
    private static final List<String> SET_VALUES = List.of("web", "db", "Web", "fe");
    private static final Operator[] OPERATORS = Operator.values();

    /** An object: each key absent or with one of the values, 3 random bits per key. */
    private static final Gen<Labels> OBJECTS = integers().all().map(bits -> {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < KEYS.size(); i++) {
            int pick = (bits >>> (3 * i)) & 7;
            if (pick < VALUES.size()) {
                map.put(KEYS.get(i), VALUES.get(pick));
            }
        }
        return Labels.of(map);
    });

    /** A requirement on one of the keys, with any operator and suitable values. */
    private static final Gen<Requirement> REQUIREMENTS = integers().between(0, Integer.MAX_VALUE).map(bits -> {
        String key = KEYS.get(bits % KEYS.size());
        Operator op = OPERATORS[(bits / 8) % OPERATORS.length];
        List<String> values = new ArrayList<>();
        switch (op) {
            case EQUALS, NOT_EQUALS -> values.add(VALUES.get((bits / 64) % VALUES.size()));
            case IN, NOT_IN -> {
                int mask = Math.max(1, (bits / 512) % 16);
                for (int i = 0; i < SET_VALUES.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        values.add(SET_VALUES.get(i));
                    }
                }
            }
            default -> { }
        }
        return new Requirement(key, op, values);
    });

    /**
     * The requirements of a random selector. The properties build the selector from this list and compute what
     * it should do from the list itself, never from the selector's own accessors or {@code equals}, so that the
     * code under test is not its own oracle.
     */
    private static final Gen<List<Requirement>> REQUIREMENT_LISTS = lists().of(REQUIREMENTS).ofSizeBetween(0, 4);

    /**
     * One requirement as kubectl writes it ({@code app!=web}, {@code tier in (db,fe)}, {@code !canary}), built here
     * from its parts rather than by the code under test, so that a failure reads in selector syntax.
     */
    private static String written(Requirement r) {
        String set = "(" + String.join(",", r.values()) + ")";
        return switch (r.operator()) {
            case EQUALS -> r.key() + "=" + r.values().get(0);
            case NOT_EQUALS -> r.key() + "!=" + r.values().get(0);
            case IN -> r.key() + " in " + set;
            case NOT_IN -> r.key() + " notin " + set;
            case EXISTS -> r.key();
            case DOES_NOT_EXIST -> "!" + r.key();
        };
    }

    /** A list of requirements in selector syntax: {@code [app!=web, tier in (db,fe)]}. */
    private static String selectorText(List<Requirement> requirements) {
        return requirements.isEmpty() ? "[] (no requirements: the empty selector)"
                : "[" + String.join(", ", requirements.stream().map(SelectorPropertiesTest::written).toList()) + "]";
    }

    /**
     * Each requirement in selector syntax, to compare lists of them in a form a failure prints readably. The
     * syntax tells requirements apart as well as {@code equals} does: keys and values hold no spaces, commas or
     * operators.
     */
    private static List<String> inSyntax(List<Requirement> requirements) {
        List<String> out = new ArrayList<>();
        for (Requirement r : requirements) {
            out.add(r == null ? "null" : written(r));
        }
        return out;
    }

    /** The requirements of a random selector, described in selector syntax. */
    private static final Gen<List<Requirement>> REQUIREMENTS_NAMED =
            named("requirements", REQUIREMENT_LISTS, SelectorPropertiesTest::selectorText);

    /** The requirements of a second selector, to compare with the first. */
    private static final Gen<List<Requirement>> OTHER_REQUIREMENTS_NAMED =
            named("other requirements", REQUIREMENT_LISTS, SelectorPropertiesTest::selectorText);

    /** The meaning of one requirement, straight from the Kubernetes docs' definitions. */
    private static boolean bruteForce(Requirement r, Map<String, String> object) {
        boolean has = object.containsKey(r.key());
        String value = object.get(r.key());
        switch (r.operator()) {
            case EQUALS:
                return has && value.equals(r.values().get(0));
            case NOT_EQUALS:
                return !has || !value.equals(r.values().get(0));
            case IN:
                return has && r.values().contains(value);
            case NOT_IN:
                return !has || !r.values().contains(value);
            case EXISTS:
                return has;
            default:
                return !has;
        }
    }

    @Test
    @DisplayName("a selector selects exactly the objects that meet every one of its requirements")
    void matchesIsTheAndOfTheRequirements() {
        qt(SEED).withExamples(EXAMPLES).forAll(REQUIREMENTS_NAMED, named("labels", OBJECTS))
                .checkAssert((requirements, object) -> {
                    Selector s = Selector.of(requirements);
                    boolean expected = true;
                    for (Requirement r : requirements) {
                        expected &= bruteForce(r, object.asMap());
                    }
                    assertThat(s.matches(object))
                            .as("does \"%s\" (the requirements %s) select {%s}? Every requirement must hold; != and "
                                    + "notin hold for an object without the key, = and in need it (seed %d)",
                                    s, selectorText(requirements), object, SEED)
                            .isEqualTo(expected);
                });
    }

    @Test
    @DisplayName("printing a selector and parsing it back gives the same selector, which selects the same objects")
    void roundTrip() {
        qt(SEED + 1).withExamples(EXAMPLES).forAll(REQUIREMENTS_NAMED, named("labels", OBJECTS))
                .checkAssert((requirements, object) -> {
                    Selector s = Selector.of(requirements);
                    assertThat(inSyntax(s.requirements())).as("Selector.of(%s).requirements(), in order (seed %d)",
                            selectorText(requirements), SEED + 1).containsExactlyElementsOf(inSyntax(requirements));
                    Selector back = Selector.parse(s.toString());
                    assertThat(inSyntax(back.requirements())).as("the requirements of parse(\"%s\"), the canonical form "
                            + "of %s, in order (seed %d)", s, selectorText(requirements), SEED + 1)
                            .containsExactlyElementsOf(inSyntax(requirements));
                    assertThat(back.toString()).as("parse(\"%s\") printed again (seed %d)", s, SEED + 1)
                            .isEqualTo(s.toString());
                    assertThat(back).as("parse(\"%s\"), the canonical form of %s (seed %d)", s,
                            selectorText(requirements), SEED + 1).isEqualTo(s);
                    boolean expected = true;
                    for (Requirement r : requirements) {
                        expected &= bruteForce(r, object.asMap());
                    }
                    assertThat(back.matches(object)).as("parse(\"%s\") on {%s} (seed %d)", s, object, SEED + 1)
                            .isEqualTo(expected);
                });
    }

    @Test
    @DisplayName("selectors with different requirements are not equal")
    void differentRequirementsDiffer() {
        qt(SEED + 3).withExamples(EXAMPLES).forAll(REQUIREMENTS_NAMED, OTHER_REQUIREMENTS_NAMED)
                .checkAssert((requirements, other) -> {
                    Selector s = Selector.of(requirements);
                    Selector t = Selector.of(other);
                    if (requirements.equals(other)) {
                        assertThat(t).as("Selector.of(%s) and Selector.of(%s) (seed %d)", selectorText(other),
                                selectorText(requirements), SEED + 3).isEqualTo(s);
                        assertThat(t.hashCode()).as("the hash codes of two equal selectors, %s (seed %d)",
                                selectorText(requirements), SEED + 3).isEqualTo(s.hashCode());
                    } else {
                        assertThat(t).as("Selector.of(%s) against Selector.of(%s): different requirements, or the same "
                                + "in another order (seed %d)", selectorText(other), selectorText(requirements),
                                SEED + 3).isNotEqualTo(s);
                    }
                });
    }

    @Test
    @DisplayName("the empty selector selects every object")
    void emptySelectsEverything() {
        qt(SEED + 2).withExamples(EXAMPLES).forAll(named("labels", OBJECTS)).checkAssert(object -> {
            assertThat(Selector.everything().matches(object))
                    .as("the empty selector on {%s} (seed %d)", object, SEED + 2).isTrue();
            assertThat(Selector.parse(" ").matches(object))
                    .as("parse(\" \") on {%s} (seed %d)", object, SEED + 2).isTrue();
            assertThat(Selector.of(List.of()).matches(object))
                    .as("Selector.of(List.of()) on {%s} (seed %d)", object, SEED + 2).isTrue();
        });
    }
}
