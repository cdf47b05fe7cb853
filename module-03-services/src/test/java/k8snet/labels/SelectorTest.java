package k8snet.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ListAssert;
import org.assertj.core.presentation.Representation;
import org.assertj.core.presentation.StandardRepresentation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import k8snet.labels.Requirement.Operator;

@DisplayName("A label selector, in kubectl's syntax (exercise 3.1)")
class SelectorTest {

    private static Requirement req(String key, Operator op, String... values) {
        return new Requirement(key, op, List.of(values));
    }

    /** How a failed assertion names a requirement: {@code tier IN [backend, frontend]}, not the record's fields. */
    private static final Representation REQUIREMENTS = new StandardRepresentation() {
        @Override
        protected String fallbackToStringOf(Object object) {
            if (object instanceof Requirement r) {
                return r.key() + " " + r.operator() + (r.values().isEmpty() ? "" : " " + r.values());
            }
            return super.fallbackToStringOf(object);
        }
    };

    /** {@code assertThat(selector.requirements())}, naming each requirement plainly when it fails. */
    private static ListAssert<Requirement> assertRequirements(Selector selector) {
        return assertThat(selector.requirements()).withRepresentation(REQUIREMENTS);
    }

    /** What the tables write for an object without labels. */
    private static final String NO_LABELS = "no labels";

    /** Labels from "k=v;k2=v2" (or "no labels" for none), for compact tables. */
    private static Labels labels(String text) {
        Map<String, String> map = new HashMap<>();
        if (!text.equals(NO_LABELS)) {
            for (String pair : text.split(";")) {
                int eq = pair.indexOf('=');
                map.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return Labels.of(map);
    }

    /** The object of a table row in words: "an object labelled {app=web, tier=fe}", or one with no labels. */
    private static String object(String text) {
        return text.equals(NO_LABELS) ? "an object with no labels"
                : "an object labelled {" + text.replace(";", ", ") + "}";
    }

    @Nested
    @DisplayName("reads the examples of the Kubernetes docs")
    class DocsExamples {

        @Test
        @DisplayName("environment in (production, qa)")
        void in() {
            Selector s = Selector.parse("environment in (production, qa)");
            assertRequirements(s).containsExactly(req("environment", Operator.IN, "production", "qa"));
            assertThat(s).hasToString("environment in (production,qa)");
        }

        @Test
        @DisplayName("tier notin (frontend, backend), printed with the set sorted")
        void notin() {
            Selector s = Selector.parse("tier notin (frontend, backend)");
            assertRequirements(s).containsExactly(req("tier", Operator.NOT_IN, "backend", "frontend"));
            assertThat(s).as("the values of a set print sorted").hasToString("tier notin (backend,frontend)");
        }

        @Test
        @DisplayName("partition and !partition")
        void existence() {
            assertRequirements(Selector.parse("partition")).containsExactly(req("partition", Operator.EXISTS));
            assertThat(Selector.parse("partition")).hasToString("partition");
            assertRequirements(Selector.parse("!partition"))
                    .containsExactly(req("partition", Operator.DOES_NOT_EXIST));
            assertThat(Selector.parse("!partition")).hasToString("!partition");
        }

        @Test
        @DisplayName("environment=production,tier!=frontend")
        void equality() {
            Selector s = Selector.parse("environment=production,tier!=frontend");
            assertRequirements(s).as("the requirements of \"environment=production,tier!=frontend\"")
                    .containsExactly(req("environment", Operator.EQUALS, "production"),
                            req("tier", Operator.NOT_EQUALS, "frontend"));
            assertThat(s).as("\"environment=production,tier!=frontend\" printed")
                    .hasToString("environment=production,tier!=frontend");
        }

        @Test
        @DisplayName("environment==production, where == is another way to write =")
        void doubleEquals() {
            Selector s = Selector.parse("environment==production");
            assertRequirements(s).as("\"environment==production\": == is the same as =")
                    .containsExactly(req("environment", Operator.EQUALS, "production"));
            assertThat(s).as("\"environment==production\" printed in the canonical form, with =")
                    .hasToString("environment=production");
        }

        @Test
        @DisplayName("partition in (customerA, customerB),environment!=qa")
        void mixed() {
            Selector s = Selector.parse("partition in (customerA, customerB),environment!=qa");
            assertRequirements(s).containsExactly(req("partition", Operator.IN, "customerA", "customerB"),
                    req("environment", Operator.NOT_EQUALS, "qa"));
            assertThat(s).hasToString("partition in (customerA,customerB),environment!=qa");
        }
    }

    @Nested
    @DisplayName("parses kubectl's syntax")
    class Parsing {

        @ParameterizedTest(name = "\"{0}\" reads as \"{1}\"")
        @CsvSource(delimiter = '|', value = {
            "app = web|app=web",
            "'  app=web  '|app=web",
            "' app = web , tier in ( fe ) , ! canary , env '|app=web,tier in (fe),!canary,env",
            "app == web|app=web",
            "app != web|app!=web",
            "app= web , tier =fe|app=web,tier=fe",
            "tier in(a,b)|tier in (a,b)",
            "tier  in  ( b , a )|tier in (a,b)",
            "tier notin(a)|tier notin (a)",
            "tier in (a,a,b)|tier in (a,b)",
            "! canary|!canary",
            "'  !canary , app'|!canary,app",
            "app=|app=",
            "app!=|app!=",
            "app=,tier|app=,tier",
            "example.com/team=Payments|example.com/team=Payments",
            "App=Web|App=Web",
            "in=in|in=in",
            "tier=in|tier=in",
            "tier in (in,notin)|tier in (in,notin)",
            "z=1,a=2,m|z=1,a=2,m",
        })
        void canonicalForm(String text, String canonical) {
            Selector s = Selector.parse(text);
            assertThat(s).as("parse(\"%s\") in kubectl's canonical form: the requirements in the order written",
                    text).hasToString(canonical);
            assertThat(Selector.parse(canonical)).as("the canonical form reads back as the same selector")
                    .hasToString(canonical).isEqualTo(s).hasSameHashCodeAs(s);
        }

        @Test
        @DisplayName("keeps the requirements in the order written, not sorted by key")
        void orderAsWritten() {
            Selector s = Selector.parse("tier=fe,app=web,!canary,env in (qa,prod)");
            assertRequirements(s).containsExactly(req("tier", Operator.EQUALS, "fe"),
                    req("app", Operator.EQUALS, "web"), req("canary", Operator.DOES_NOT_EXIST),
                    req("env", Operator.IN, "prod", "qa"));
            assertThat(s).hasToString("tier=fe,app=web,!canary,env in (prod,qa)");
            assertThat(s).as("order matters for equality").isNotEqualTo(Selector.parse("app=web,tier=fe,!canary,"
                    + "env in (qa,prod)"));
        }

        @ParameterizedTest(name = "\"{0}\" is the empty selector")
        @CsvSource(value = {"''", "' '", "'   '", "'\t'"}, emptyValue = "")
        void emptyText(String text) {
            Selector s = Selector.parse(text);
            assertThat(s.isEmpty()).as("parse(\"%s\") has no requirements", text).isTrue();
            assertRequirements(s).isEmpty();
            assertThat(s).isEqualTo(Selector.everything()).hasToString("");
        }

        @Test
        @DisplayName("whitespace is a space, tab, carriage return or line feed, as in Kubernetes' lexer, and no other")
        void whitespace() {
            assertThat(Selector.parse("\tapp =\r\nweb ,\n tier in (\ta, b\r)\n"))
                    .as("tabs, carriage returns and line feeds are whitespace like spaces")
                    .isEqualTo(Selector.parse("app=web,tier in (a,b)"));
            for (String other : new String[] {"app=web\u00a0", "app=web,\u2003tier=fe", "\u000bapp=web", "app\f=web"}) {
                assertThatIllegalArgumentException()
                        .as("%s holds a character Kubernetes' lexer does not skip (no-break space, em space, vertical "
                                + "tab, form feed), so it belongs to a word and the word is no valid key or value",
                                other.replace("\u00a0", "\\u00a0").replace("\u2003", "\\u2003")
                                        .replace("\u000b", "\\u000b").replace("\f", "\\f"))
                        .isThrownBy(() -> Selector.parse(other));
            }
        }

        @ParameterizedTest(name = "\"{0}\" is rejected at position {1}: {2}")
        @CsvSource(delimiter = '|', value = {
            "app=web tier=fe|8|a missing comma",
            "app=web  tier=fe|9|a missing comma, after two spaces",
            ",app|0|a leading comma",
            "app,|4|a trailing comma",
            "app,,tier|4|two commas",
            "app=web=x|7|a second '='",
            "app = = web|6|'=' where a value belongs",
            "tier in ()|9|an empty set",
            "tier notin ( )|13|an empty set with a space",
            "tier in (a,)|11|an empty value in a set",
            "tier in (,a)|9|an empty value in a set",
            "tier in (a,,b)|11|an empty value in a set",
            "tier in (a b)|11|a missing comma in a set",
            "tier in (a|10|a set that is not closed",
            "tier in (a,|11|a set that is not closed",
            "tier in|7|no set",
            "tier notin|10|no set",
            "tier in a|8|a set without parentheses",
            "tierin (a)|7|no space before in",
            "tier IN (a)|5|IN is not an operator",
            "tier in (a) b|12|something after the set",
            "app web|4|two words",
            "!|1|'!' without a key",
            "!app=web|4|'!' takes no value",
            "=web|0|no key",
            "!=web|0|no key",
            "app=(web)|4|a set after '='",
            "Example.com/app=web|0|upper case in the prefix",
            "app-=web|0|a key ending in '-'",
            "a/b/c|0|two slashes",
            "app@x|0|'@' in a key",
            "app=-web|4|a value starting with '-'",
            "app!=web-|5|a value ending with '-'",
            "tier in (a, -b)|12|a bad value in a set",
            "tier in (a/b)|9|'/' in a value",
            "app=web,tier=Fe-|13|a bad value in the second requirement",
        })
        void errors(String text, int position, String why) {
            assertThatIllegalArgumentException()
                    .as("parse(\"%s\"): %s; the message quotes the input and gives \"position %d\"", text, why, position)
                    .isThrownBy(() -> Selector.parse(text))
                    .withMessageContaining(text)
                    .withMessageContaining("position " + position);
        }

        @Test
        @DisplayName("a name of 64 characters in a selector is rejected")
        void longKey() {
            String name64 = "a" + "0123456789".repeat(6) + "xyz";
            assertThat(name64).hasSize(64);
            assertThatIllegalArgumentException().as("a 64-character key")
                    .isThrownBy(() -> Selector.parse("app=web," + name64))
                    .withMessageContaining(name64).withMessageContaining("position 8");
            assertThatIllegalArgumentException().as("a 64-character value")
                    .isThrownBy(() -> Selector.parse("tier in (fe, " + name64 + ")"))
                    .withMessageContaining("position 13");
            assertThat(Selector.parse("app=" + name64.substring(1))).as("a 63-character value")
                    .hasToString("app=" + name64.substring(1));
        }

        @Test
        @DisplayName("null is rejected with an IllegalArgumentException")
        void nullText() {
            assertThatIllegalArgumentException().isThrownBy(() -> Selector.parse(null)).withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("selects objects as Kubernetes does")
    class Matching {

        @ParameterizedTest(name = "\"{0}\" on [{1}] is {2}: {3}")
        @CsvSource(delimiter = '|', value = {
            "app=web|app=web|true|the value is equal",
            "app=web|app=db|false|another value",
            "app=web|no labels|false|= needs the key",
            "app=web|app=Web|false|values are case-sensitive",
            "app=Web|app=web|false|values are case-sensitive",
            "app=|app=|true|an empty value equals an empty value",
            "app=|tier=fe|false|= needs the key, even for an empty value",
            "app!=web|app=db|true|another value",
            "app!=web|app=web|false|the same value",
            "app!=web|no labels|true|!= holds for an object without the key",
            "app!=web|tier=fe|true|!= holds for an object without the key",
            "app!=web|app=WEB|true|values are case-sensitive",
            "tier in (fe,be)|tier=fe|true|one of the set",
            "tier in (fe,be)|tier=be|true|one of the set",
            "tier in (fe,be)|tier=cache|false|not in the set",
            "tier in (fe,be)|app=web|false|in needs the key",
            "tier in (fe,be)|no labels|false|in needs the key",
            "tier in (fe,be)|tier=FE|false|values are case-sensitive",
            "tier notin (fe,be)|tier=cache|true|not in the set",
            "tier notin (fe,be)|tier=fe|false|in the set",
            "tier notin (fe,be)|tier=be|false|in the set",
            "tier notin (fe,be)|app=web|true|notin holds for an object without the key",
            "tier notin (fe,be)|no labels|true|notin holds for an object without the key",
            "canary|canary=|true|the key exists, with an empty value",
            "canary|canary=yes|true|the key exists",
            "canary|app=web|false|no such key",
            "!canary|app=web|true|no such key",
            "!canary|canary=|false|the key exists, even with an empty value",
            "!canary|no labels|true|no labels at all",
            "example.com/team=x|example.com/Team=x|false|names are case-sensitive after a prefix",
            "App=x|app=x|false|names are case-sensitive",
            "team=x|example.com/team=x|false|the name alone is not the key",
        })
        void oneRequirement(String selector, String objectLabels, boolean expected, String why) {
            assertThat(Selector.parse(selector).matches(labels(objectLabels)))
                    .as("does \"%s\" select %s? %s", selector, object(objectLabels), why).isEqualTo(expected);
        }

        @ParameterizedTest(name = "\"{0}\" on [{1}] is {2}")
        @CsvSource(delimiter = '|', value = {
            "app=web,tier=fe|app=web;tier=fe|true",
            "app=web,tier=fe|app=web;tier=be|false",
            "app=web,tier=fe|app=db;tier=fe|false",
            "app=web,tier=fe|app=web|false",
            "app=web,tier=fe|tier=fe|false",
            "app=web,tier=fe,env=prod|app=web;tier=fe;env=qa|false",
            "env=prod,app=web,tier=fe|app=web;tier=fe;env=qa|false",
            "app=db,app=web|app=web|false",
            "app=web,!canary|app=web|true",
            "app=web,!canary|app=web;canary=|false",
            "app,tier notin (fe)|app=x;tier=be|true",
            "app,tier notin (fe)|app=x;tier=fe|false",
            "app,tier notin (fe)|tier=be|false",
        })
        void allMustHold(String selector, String objectLabels, boolean expected) {
            assertThat(Selector.parse(selector).matches(labels(objectLabels)))
                    .as("does \"%s\" select %s? Every requirement must hold (AND), not just one (OR) nor just the "
                            + "first", selector, object(objectLabels)).isEqualTo(expected);
        }

        @Test
        @DisplayName("the empty selector selects every object, even one without labels")
        void everything() {
            assertThat(Selector.everything().matches(Labels.empty())).isTrue();
            assertThat(Selector.everything().matches(Labels.of("app", "web"))).isTrue();
            assertThat(Selector.parse("").matches(Labels.of("a", "b", "c", ""))).isTrue();
            assertThat(Selector.everything().isEmpty()).isTrue();
            assertRequirements(Selector.everything()).isEmpty();
            assertThat(Selector.everything()).hasToString("");
            assertThat(Selector.parse("app").isEmpty()).as("a selector with a requirement is not empty").isFalse();
        }

        @Test
        @DisplayName("matches(null) is rejected")
        void nullLabels() {
            assertThatIllegalArgumentException().isThrownBy(() -> Selector.parse("app").matches(null))
                    .withMessageContaining("null");
        }
    }

    @Nested
    @DisplayName("is built from requirements or from a Service's spec.selector")
    class Building {

        @Test
        @DisplayName("of keeps the requirements in the given order and prints them so")
        void of() {
            List<Requirement> list = new ArrayList<>(List.of(req("tier", Operator.IN, "fe", "be"),
                    req("app", Operator.EQUALS, "web"), req("canary", Operator.DOES_NOT_EXIST),
                    req("env", Operator.NOT_EQUALS, "qa"), req("zone", Operator.NOT_IN, "b", "a"),
                    req("team", Operator.EXISTS)));
            Selector s = Selector.of(list);
            list.clear();
            assertRequirements(s).as("a copy, not a view of the caller's list").hasSize(6);
            assertThat(s).hasToString("tier in (be,fe),app=web,!canary,env!=qa,zone notin (a,b),team");
            assertThat(s).isEqualTo(Selector.parse("tier in (fe,be), app=web, !canary, env!=qa, zone notin (b,a), "
                    + "team"));
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("requirements() cannot be modified: adding to it must throw UnsupportedOperationException")
                    .isThrownBy(() -> s.requirements().add(req("x", Operator.EXISTS)));
            assertThat(Selector.of(List.of())).isEqualTo(Selector.everything());
            assertThat(Selector.of(List.of()).isEmpty()).isTrue();
        }

        @Test
        @DisplayName("of checks keys and values like Labels")
        void ofChecks() {
            assertThatIllegalArgumentException().as("an upper-case prefix")
                    .isThrownBy(() -> Selector.of(List.of(req("Example.com/app", Operator.EXISTS))))
                    .withMessageContaining("Example.com/app");
            assertThatIllegalArgumentException().as("a value ending in '-'")
                    .isThrownBy(() -> Selector.of(List.of(req("app", Operator.EQUALS, "web-"))))
                    .withMessageContaining("web-");
            assertThatIllegalArgumentException().as("a bad value in a set")
                    .isThrownBy(() -> Selector.of(List.of(req("app", Operator.IN, "a", "b c"))))
                    .withMessageContaining("b c");
            assertThatIllegalArgumentException().as("an empty value in a set cannot be written in kubectl's syntax")
                    .isThrownBy(() -> Selector.of(List.of(req("app", Operator.NOT_IN, "", "a"))));
            assertThat(Selector.of(List.of(req("app", Operator.NOT_EQUALS, "")))).as("app!= is fine")
                    .hasToString("app!=");
            assertThatIllegalArgumentException().as("of(null)").isThrownBy(() -> Selector.of(null))
                    .withMessageContaining("null");
            assertThatIllegalArgumentException().as("a null requirement")
                    .isThrownBy(() -> Selector.of(Arrays.asList(req("app", Operator.EXISTS), null)))
                    .withMessageContaining("null");
        }

        @Test
        @DisplayName("matchLabels turns a Service's spec.selector into key=value requirements in key order")
        void matchLabels() {
            Map<String, String> spec = new LinkedHashMap<>();
            spec.put("tier", "fe");
            spec.put("app", "web");
            Selector s = Selector.matchLabels(spec);
            assertRequirements(s).containsExactly(req("app", Operator.EQUALS, "web"),
                    req("tier", Operator.EQUALS, "fe"));
            assertThat(s).hasToString("app=web,tier=fe").isEqualTo(Selector.parse("app=web,tier=fe"));
            assertThat(s.matches(Labels.of("app", "web", "tier", "fe", "pod-template-hash", "5d78c9869d")))
                    .as("a pod may carry more labels than the Service asks for").isTrue();
            assertThat(s.matches(Labels.of("app", "web"))).as("but must carry all it asks for").isFalse();
            assertThat(Selector.matchLabels(Map.of()).isEmpty()).isTrue();
            assertThatIllegalArgumentException().as("an invalid key")
                    .isThrownBy(() -> Selector.matchLabels(Map.of("app-", "web"))).withMessageContaining("app-");
            assertThatIllegalArgumentException().as("an invalid value")
                    .isThrownBy(() -> Selector.matchLabels(Map.of("app", "web/1"))).withMessageContaining("web/1");
            assertThatIllegalArgumentException().as("matchLabels(null)")
                    .isThrownBy(() -> Selector.matchLabels(null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("equal when the requirements are equal and in the same order")
        void equality() {
            Selector a = Selector.parse("app=web,tier in (fe,be)");
            assertThat(a).isEqualTo(Selector.parse("app == web , tier in (be, fe)"))
                    .hasSameHashCodeAs(Selector.parse("app == web , tier in (be, fe)"))
                    .isNotEqualTo(Selector.parse("app=web,tier in (fe)"))
                    .isNotEqualTo(Selector.parse("app=web,tier notin (fe,be)"))
                    .isNotEqualTo(Selector.parse("app=Web,tier in (fe,be)"))
                    .isNotEqualTo(Selector.parse("app=web"))
                    .isNotEqualTo(Selector.everything())
                    .isNotEqualTo("app=web,tier in (be,fe)")
                    .isNotEqualTo(null);
            assertThat(Selector.parse("app")).isNotEqualTo(Selector.parse("!app"));
        }
    }
}
