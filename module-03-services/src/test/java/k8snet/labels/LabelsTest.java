package k8snet.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The labels of a Kubernetes object (exercise 3.1)")
class LabelsTest {

    /** {@code n} characters: "a", then digits, so the text is a valid name of any length. */
    private static String chars(int n) {
        StringBuilder b = new StringBuilder("a");
        while (b.length() < n) {
            b.append((char) ('0' + b.length() % 10));
        }
        return b.substring(0, n);
    }

    /** A DNS subdomain of exactly {@code n} characters: labels of 50 letters joined by dots. */
    private static String subdomain(int n) {
        String label = "abcdefghij".repeat(5);
        String text = (label + ".").repeat(n / 51 + 1).substring(0, n);
        return text.endsWith(".") ? text.substring(0, n - 1) + "z" : text;
    }

    @Nested
    @DisplayName("checks keys as the API server does")
    class Keys {

        @ParameterizedTest(name = "\"{0}\" is a valid key: {1}")
        @CsvSource({
            "app, a plain name",
            "a, one character",
            "7, one digit",
            "App, upper case is allowed in the name",
            "MyApp_v1.2-rc, letters of both cases digits '-' '_' and '.' inside",
            "kubernetes.io/name, a prefix and a name",
            "app.kubernetes.io/part-of, the recommended labels' prefix",
            "example.com/Team, upper case in the name after a prefix",
            "my-company.example.com/x, a prefix with '-' inside a label",
            "a/b, a one-character prefix",
            "node-role.kubernetes.io/control-plane, a well-known label",
        })
        void validKeys(String key, String why) {
            assertThat(Labels.isValidKey(key)).as("\"%s\" is a valid label key (%s)", key, why).isTrue();
            assertThat(Labels.of(key, "v").get(key)).as("an object may carry the label %s=v", key).contains("v");
        }

        @Test
        @DisplayName("a name of 63 characters and a prefix of 253 are at the limits, not over them")
        void limits() {
            String name63 = chars(63);
            String prefix253 = subdomain(253);
            assertThat(prefix253).hasSize(253);
            assertThat(Labels.isValidKey(name63)).as("a 63-character name is the longest allowed").isTrue();
            assertThat(Labels.isValidKey(prefix253 + "/" + name63))
                    .as("a 253-character prefix and a 63-character name make the longest key").isTrue();
            assertThat(Labels.isValidKey(prefix253 + "/a")).as("a 253-character prefix is allowed").isTrue();
        }

        @ParameterizedTest(name = "a prefix of {2} is valid: only the total length is limited, to 253")
        @CsvSource(value = {
            "64, .example.com, 'a 64-character label then .example.com (76 characters in all)'",
            "100, .example.com, 'a 100-character label then .example.com (112 in all)'",
            "200, .io, 'a 200-character label then .io (203 in all)'",
            "241, .example.com, 'a 241-character label then .example.com (253 in all)'",
            "253, '', 'one 253-character label'",
        }, emptyValue = "")
        void longPrefixLabel(int labelLength, String rest, String inWords) {
            String prefix = chars(labelLength) + rest;
            String key = prefix + "/app";
            String shown = "<" + labelLength + " characters>" + rest + "/app";
            assertThat(prefix.length()).as("the prefix of %s", shown).isLessThanOrEqualTo(253);
            assertThat(Labels.isValidKey(key))
                    .as("isValidKey(\"%s\"): a prefix label may be longer than 63 characters; like Kubernetes, check "
                            + "only the prefix's total length (%d, at most 253), not each label's", shown,
                            prefix.length())
                    .isTrue();
            assertThat(Labels.of(key, "web").get(key))
                    .as("Labels.of(\"%s\", \"web\"): a valid key, since only the prefix's total (%d of 253) is "
                            + "limited", shown, prefix.length())
                    .contains("web");
            assertThat(Labels.of(Map.of(key, "web")).get(key))
                    .as("Labels.of(Map.of(\"%s\", \"web\")): the same key from a map", shown).contains("web");
            assertThat(Labels.empty().with(key, "web").get(key))
                    .as("Labels.empty().with(\"%s\", \"web\")", shown).contains("web");
        }

        @Test
        @DisplayName("a prefix of one 254-character label is over the total of 253, and the message says 253")
        void oneLabelOverTheTotal() {
            String prefix = chars(254);
            String key = prefix + "/app";
            assertThat(Labels.isValidKey(key)).as("a prefix of one 254-character label is over 253 in all").isFalse();
            assertThatIllegalArgumentException()
                    .as("Labels.of(\"<254 characters>/app\", \"v\"): the prefix's total is what is limited, so the "
                            + "message names the prefix and its limit 253")
                    .isThrownBy(() -> Labels.of(key, "v"))
                    .withMessageContaining(key).withMessageContaining("prefix").withMessageContaining("253");
        }

        @Test
        @DisplayName("two dots in a row are fine in a name and a value; only a prefix is a DNS subdomain")
        void dotsInNames() {
            assertThat(Labels.isValidKey("a..b")).as("a name may hold '.' anywhere inside, twice in a row too").isTrue();
            assertThat(Labels.isValidKey("example.com/a..b")).as("the name after the prefix likewise").isTrue();
            assertThat(Labels.isValidValue("v1..2")).as("a value follows the name's pattern").isTrue();
            assertThat(Labels.isValidValue("a._-.b")).as("'.', '_' and '-' in any order inside").isTrue();
            assertThat(Labels.of("a..b", "x..y").get("a..b")).contains("x..y");
        }

        @ParameterizedTest(name = "\"{0}\" is not a key: {1}")
        @CsvSource({
            "Example.com/app, upper case in the prefix is rejected not folded, prefix",
            "example.COM/app, upper case anywhere in the prefix, prefix",
            "/app, an empty prefix before '/', prefix",
            "example_com/app, '_' is not allowed in a DNS subdomain, prefix",
            "-example.com/app, a prefix label starting with '-', prefix",
            "example-.com/app, a prefix label ending with '-', prefix",
            "example..com/app, two dots in a row, prefix",
            ".example.com/app, a prefix starting with a dot, prefix",
            "example.com./app, a prefix ending with a dot, prefix",
            "example.com/, a prefix without a name, name",
            "app-, a trailing '-', name",
            "-app, a leading '-', name",
            "_app, a leading '_', name",
            "app., a trailing '.', name",
            "ap p, a space, name",
            "app@x, an '@', name",
            "café, a letter outside ASCII's A-Z (the rule's [A-Za-z0-9]), name",
            "app٣, an Arabic-Indic digit three: digits are ASCII's 0-9 only, name",
            "example.com/app-, a trailing '-' after a prefix, name",
            "example.com/-app, a leading '-' after a prefix, name",
        })
        void invalidKeys(String key, String why, String part) {
            assertThat(Labels.isValidKey(key)).as("\"%s\" is not a label key: %s", key, why).isFalse();
            assertThatIllegalArgumentException().as("Labels.of(\"%s\", \"v\"): %s; the message quotes the key and "
                    + "says which part is wrong (\"%s\")", key, why, part)
                    .isThrownBy(() -> Labels.of(key, "v"))
                    .withMessageContaining(key)
                    .withMessageContaining(part);
        }

        @Test
        @DisplayName("a key has at most one '/', and is never empty")
        void slashesAndEmpty() {
            for (String key : List.of("a/b/c", "example.com/app/x", "//app", "a//b")) {
                assertThat(Labels.isValidKey(key)).as("\"%s\" has more than one '/'", key).isFalse();
                assertThatIllegalArgumentException().as("Labels.of(\"%s\", \"v\")", key)
                        .isThrownBy(() -> Labels.of(key, "v")).withMessageContaining(key);
            }
            assertThat(Labels.isValidKey("")).as("the empty key").isFalse();
            assertThat(Labels.isValidKey("/")).as("a lone '/'").isFalse();
            assertThat(Labels.isValidKey(null)).as("isValidKey(null) is false, not an exception").isFalse();
            assertThatIllegalArgumentException().as("Labels.of(\"\", \"v\"): the name is required")
                    .isThrownBy(() -> Labels.of("", "v")).withMessageContaining("name");
        }

        @Test
        @DisplayName("a 64-character name and a 254-character prefix are too long, and the message says the limit")
        void overTheLimits() {
            String name64 = chars(64);
            String prefix254 = subdomain(254);
            assertThat(prefix254).hasSize(254);
            assertThat(Labels.isValidKey(name64)).as("a 64-character name").isFalse();
            assertThat(Labels.isValidKey("example.com/" + name64)).as("a 64-character name after a prefix").isFalse();
            assertThat(Labels.isValidKey(prefix254 + "/a")).as("a 254-character prefix").isFalse();
            assertThatIllegalArgumentException().as("a 64-character name: the message gives the limit 63")
                    .isThrownBy(() -> Labels.of(name64, "v"))
                    .withMessageContaining(name64).withMessageContaining("63").withMessageContaining("name");
            assertThatIllegalArgumentException().as("a 254-character prefix: the message gives the limit 253")
                    .isThrownBy(() -> Labels.of(prefix254 + "/a", "v"))
                    .withMessageContaining(prefix254 + "/a").withMessageContaining("253")
                    .withMessageContaining("prefix");
        }
    }

    @Nested
    @DisplayName("checks values")
    class Values {

        @ParameterizedTest(name = "\"{0}\" is a valid value")
        @CsvSource(value = {"''", "web", "Web", "v1.2_3-rc", "7", "A"}, emptyValue = "")
        void validValues(String value) {
            assertThat(Labels.isValidValue(value)).as("\"%s\" is a valid label value", value).isTrue();
            assertThat(Labels.of("app", value).get("app")).as("app=%s", value).contains(value);
        }

        @Test
        @DisplayName("63 characters are allowed, 64 are not")
        void length() {
            assertThat(Labels.isValidValue(chars(63))).as("a 63-character value").isTrue();
            assertThat(Labels.isValidValue(chars(64))).as("a 64-character value").isFalse();
            assertThatIllegalArgumentException().as("a 64-character value: the message quotes it and gives 63")
                    .isThrownBy(() -> Labels.of("app", chars(64)))
                    .withMessageContaining(chars(64)).withMessageContaining("63").withMessageContaining("value");
        }

        @ParameterizedTest(name = "\"{0}\" is not a value: {1}")
        @CsvSource({
            "-x, a leading '-'",
            "x-, a trailing '-'",
            ".x, a leading '.'",
            "x_, a trailing '_'",
            "a/b, '/' belongs only in keys",
            "a b, a space",
            "a=b, '='",
            "a@b, '@'",
            "café, a letter outside ASCII's A-Z",
            "x_é, a last character outside ASCII",
        })
        void invalidValues(String value, String why) {
            assertThat(Labels.isValidValue(value)).as("\"%s\" is not a label value: %s", value, why).isFalse();
            assertThatIllegalArgumentException().as("Labels.of(\"app\", \"%s\"): %s; the message quotes it", value, why)
                    .isThrownBy(() -> Labels.of("app", value))
                    .withMessageContaining(value).withMessageContaining("value");
            assertThatIllegalArgumentException().as("with(\"app\", \"%s\")", value)
                    .isThrownBy(() -> Labels.empty().with("app", value)).withMessageContaining(value);
        }

        @Test
        @DisplayName("isValidValue(null) is false")
        void nullValue() {
            assertThat(Labels.isValidValue(null)).isFalse();
        }
    }

    @Nested
    @DisplayName("holds an object's labels")
    class Holding {

        @Test
        @DisplayName("looks labels up by exact, case-sensitive key")
        void lookups() {
            Labels pod = Labels.of("app", "web", "tier", "frontend", "example.com/team", "Payments", "canary", "");
            assertThat(pod.size()).as("four labels").isEqualTo(4);
            assertThat(pod.get("app")).contains("web");
            assertThat(pod.get("tier")).contains("frontend");
            assertThat(pod.get("example.com/team")).as("a value keeps its case").contains("Payments");
            assertThat(pod.get("canary")).as("an empty value is a value").contains("");
            assertThat(pod.has("canary")).as("a label with an empty value is present").isTrue();
            assertThat(pod.get("release")).as("no such label").isEmpty();
            assertThat(pod.has("release")).isFalse();
            assertThat(pod.has("App")).as("keys are case-sensitive").isFalse();
            assertThat(pod.get("Example.com/team")).as("prefixes are not case-folded").isEmpty();
            assertThat(pod.has("team")).as("the name alone is not the key").isFalse();
            assertThat(Labels.of("App", "x", "app", "y").size()).as("App and app are two keys").isEqualTo(2);
        }

        @Test
        @DisplayName("prints in key order, like kubectl --show-labels")
        void printsSorted() {
            assertThat(Labels.of("tier", "fe", "app", "web")).hasToString("app=web,tier=fe");
            assertThat(Labels.of("tier", "fe", "app.kubernetes.io/name", "x", "app", "web", "b", ""))
                    .hasToString("app=web,app.kubernetes.io/name=x,b=,tier=fe");
            assertThat(Labels.of("app", "web")).hasToString("app=web");
            assertThat(Labels.empty()).as("no labels").hasToString("");
            assertThat(Labels.of()).as("Labels.of() has no labels").hasToString("").isEqualTo(Labels.empty());
            assertThat(Labels.of("Z", "1", "a", "2")).as("String order: upper case sorts first")
                    .hasToString("Z=1,a=2");
        }

        @Test
        @DisplayName("asMap is sorted by key and cannot be modified")
        void asMap() {
            Labels pod = Labels.of("tier", "fe", "env", "prod", "app", "web");
            assertThat(pod.asMap()).containsExactly(Map.entry("app", "web"), Map.entry("env", "prod"),
                    Map.entry("tier", "fe"));
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("asMap() of immutable labels: put(\"x\", \"y\") must throw UnsupportedOperationException")
                    .isThrownBy(() -> pod.asMap().put("x", "y"));
            assertThatExceptionOfType(UnsupportedOperationException.class)
                    .as("asMap() of immutable labels: remove(\"app\") must throw UnsupportedOperationException")
                    .isThrownBy(() -> pod.asMap().remove("app"));
            assertThat(pod.size()).as("size() of the labels tier=fe, env=prod, app=web").isEqualTo(3);
            assertThat(Labels.empty().asMap()).isEmpty();
            assertThat(Labels.empty().size()).as("labels in Labels.empty()").isZero();
        }

        @Test
        @DisplayName("from a map: copied, sorted, and not affected by later changes to the map")
        void fromMap() {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("tier", "fe");
            map.put("app", "web");
            Labels pod = Labels.of(map);
            map.put("env", "prod");
            map.put("app", "db");
            assertThat(pod).hasToString("app=web,tier=fe");
            assertThat(pod.asMap()).containsExactly(Map.entry("app", "web"), Map.entry("tier", "fe"));
            assertThat(pod).isEqualTo(Labels.of("app", "web", "tier", "fe"));
            assertThat(Labels.of(Map.of())).isEqualTo(Labels.empty());
        }

        @Test
        @DisplayName("with returns a copy with one label added or replaced")
        void with() {
            Labels pod = Labels.of("app", "web");
            Labels more = pod.with("tier", "fe");
            Labels replaced = more.with("app", "db");
            assertThat(pod).as("the original is unchanged").hasToString("app=web");
            assertThat(more).hasToString("app=web,tier=fe");
            assertThat(replaced).as("an existing key gets the new value").hasToString("app=db,tier=fe");
            assertThat(replaced.size()).as("labels after one of two keys got a new value").isEqualTo(2);
            assertThat(more.get("app")).contains("web");
            assertThat(Labels.empty().with("a", "")).hasToString("a=");
            assertThat(Labels.empty().size()).as("empty() is unchanged by with").isZero();
            assertThatIllegalArgumentException().as("with an invalid key")
                    .isThrownBy(() -> pod.with("Example.com/x", "v")).withMessageContaining("Example.com/x");
        }

        @Test
        @DisplayName("equal when the labels are equal, however they were given")
        void equality() {
            Labels a = Labels.of("app", "web", "tier", "fe");
            Labels b = Labels.of("tier", "fe", "app", "web");
            Map<String, String> map = new HashMap<>();
            map.put("tier", "fe");
            map.put("app", "web");
            assertThat(a).isEqualTo(b).isEqualTo(Labels.of(map)).hasSameHashCodeAs(b)
                    .hasSameHashCodeAs(Labels.of(map)).isEqualTo(Labels.of("app", "web").with("tier", "fe"));
            assertThat(a).as("values are case-sensitive").isNotEqualTo(Labels.of("app", "Web", "tier", "fe"));
            assertThat(a).as("a different value").isNotEqualTo(Labels.of("app", "web", "tier", "be"));
            assertThat(a).as("one label fewer").isNotEqualTo(Labels.of("app", "web"));
            assertThat(a).as("a label more").isNotEqualTo(a.with("env", "prod"));
            assertThat(a).isNotEqualTo("app=web,tier=fe").isNotEqualTo(null);
            assertThat(Labels.of("app", "")).as("an empty value differs from no label").isNotEqualTo(Labels.empty());
        }
    }

    @Nested
    @DisplayName("rejects bad arguments with an IllegalArgumentException")
    class Rejections {

        @Test
        @DisplayName("an odd number of strings, saying they come in pairs")
        void oddCount() {
            assertThatIllegalArgumentException().as("Labels.of(\"app\")")
                    .isThrownBy(() -> Labels.of("app")).withMessageContaining("1");
            assertThatIllegalArgumentException().as("Labels.of(\"app\", \"web\", \"tier\")")
                    .isThrownBy(() -> Labels.of("app", "web", "tier")).withMessageContaining("3");
        }

        @Test
        @DisplayName("a key given twice")
        void duplicate() {
            assertThatIllegalArgumentException().as("an object has one value per key: app twice")
                    .isThrownBy(() -> Labels.of("app", "web", "app", "db")).withMessageContaining("app");
            assertThatIllegalArgumentException().as("even with the same value")
                    .isThrownBy(() -> Labels.of("tier", "fe", "app", "web", "app", "web"))
                    .withMessageContaining("app");
        }

        @Test
        @DisplayName("nulls, with 'null' in the message")
        void nulls() {
            assertThatIllegalArgumentException().as("Labels.of((String[]) null)")
                    .isThrownBy(() -> Labels.of((String[]) null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("Labels.of((Map) null)")
                    .isThrownBy(() -> Labels.of((Map<String, String>) null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a null key")
                    .isThrownBy(() -> Labels.of(null, "web")).withMessageContaining("null");
            assertThatIllegalArgumentException().as("a null value")
                    .isThrownBy(() -> Labels.of("app", null)).withMessageContaining("null");
            Map<String, String> nullValue = new HashMap<>();
            nullValue.put("app", null);
            assertThatIllegalArgumentException().as("a map with a null value")
                    .isThrownBy(() -> Labels.of(nullValue)).withMessageContaining("null");
            Map<String, String> nullKey = new HashMap<>();
            nullKey.put(null, "web");
            assertThatIllegalArgumentException().as("a map with a null key")
                    .isThrownBy(() -> Labels.of(nullKey)).withMessageContaining("null");
            Labels pod = Labels.of("app", "web");
            assertThatIllegalArgumentException().as("get(null)")
                    .isThrownBy(() -> pod.get(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("has(null)")
                    .isThrownBy(() -> pod.has(null)).withMessageContaining("null");
            assertThatIllegalArgumentException().as("with(null, v)")
                    .isThrownBy(() -> pod.with(null, "v")).withMessageContaining("null");
            assertThatIllegalArgumentException().as("with(k, null)")
                    .isThrownBy(() -> pod.with("k", null)).withMessageContaining("null");
        }

        @Test
        @DisplayName("an invalid key or value in a map, quoting it")
        void badMapEntries() {
            assertThatIllegalArgumentException().as("a map with the key Example.com/app")
                    .isThrownBy(() -> Labels.of(Map.of("Example.com/app", "web")))
                    .withMessageContaining("Example.com/app").withMessageContaining("prefix");
            assertThatIllegalArgumentException().as("a map with the value -web")
                    .isThrownBy(() -> Labels.of(Map.of("app", "-web"))).withMessageContaining("-web");
        }
    }
}
