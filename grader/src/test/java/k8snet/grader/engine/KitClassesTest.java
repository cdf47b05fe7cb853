package k8snet.grader.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.function.Predicate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import k8snet.grader.Fixtures;
import k8snet.grader.manifest.Manifest;

@DisplayName("KitClasses: what a module's compiled output may hold (the real kit)")
class KitClassesTest {

    private static final Path KIT = Fixtures.realKit();
    private static final KitClasses CLASSES = KitClasses.of(KIT, Manifest.load(KIT));

    @Test
    @DisplayName("a class of a later module compiled into module 1 is refused there, and allowed in its own module")
    void anotherModulesClass() {
        Predicate<String> module1 = CLASSES.forbiddenInMain("module-01-basics");
        Predicate<String> module2 = CLASSES.forbiddenInMain("module-02-pods");
        assertThat(module1.test("k8snet.cluster.Backend")).isTrue();
        assertThat(module2.test("k8snet.cluster.Backend")).isFalse();
        assertThat(module1.test("k8snet.ip.Ipv4Address")).isFalse();
        assertThat(module2.test("k8snet.ip.Ipv4Address")).isTrue();
    }

    @Test
    @DisplayName("a student's new class passes; tests and reserved packages never do")
    void newClassesTestsAndReserved() {
        Predicate<String> module1 = CLASSES.forbiddenInMain("module-01-basics");
        assertThat(module1.test("k8snet.ip.OctetParser")).isFalse();
        assertThat(module1.test("k8snet.ip.Ipv4AddressTest")).isTrue();
        assertThat(module1.test("k8snet.testkit.Anything")).isTrue();
        assertThat(module1.test("k8snet.grader.Anything")).isTrue();
    }

    @Test
    @DisplayName("a top-level class named like a java.lang type is refused in any package; a nested one or a longer name is not")
    void javaLangNames() {
        Predicate<String> module3 = CLASSES.forbiddenInMain("module-03-services");
        assertThat(module3.test("k8snet.service.Math")).as("would shadow java.lang.Math in k8snet.service").isTrue();
        assertThat(module3.test("k8snet.labels.Exception")).isTrue();
        assertThat(module3.test("k8snet.labels.Record")).isTrue();
        assertThat(module3.test("k8snet.labels.Selector$Exception")).as("a nested class shadows nothing outside")
                .isFalse();
        assertThat(module3.test("k8snet.service.MathHelper")).isFalse();
        assertThat(module3.test("k8snet.service.math")).as("names are case-sensitive").isFalse();
        assertThat(CLASSES.shadowReason("k8snet.service.Math"))
                .isEqualTo("it would shadow java.lang.Math for every class of its package, the graded tests included");
        assertThat(JavaLang.NAMES).contains("Object", "String", "Math", "Exception", "Integer", "Thread")
                .doesNotContain("Map", "List");
    }

    @Test
    @DisplayName("the cache key differs between modules, so a module's entry never serves another's rule")
    void keys() {
        assertThat(CLASSES.forbiddenKey("module-01-basics")).isNotEqualTo(CLASSES.forbiddenKey("module-02-pods"))
                .contains("k8snet.cluster.Backend");
        assertThat(CLASSES.forbiddenKey("module-02-pods")).doesNotContain("k8snet.cluster.Backend,");
    }
}
