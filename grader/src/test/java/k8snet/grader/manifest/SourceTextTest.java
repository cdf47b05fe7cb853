package k8snet.grader.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SourceText reads a source's Unicode escapes as javac does (JLS 3.3)")
class SourceTextTest {

    private static final String BS = "\\";

    @Test
    @DisplayName("an escape becomes its character, with one or more u's")
    void translated() {
        assertThat(SourceText.translateUnicodeEscapes(BS + "u0070ackage a;")).isEqualTo("package a;");
        assertThat(SourceText.translateUnicodeEscapes(BS + "uuuu0041" + BS + "u0042")).isEqualTo("AB");
    }

    @Test
    @DisplayName("an escaped backslash is not the start of an escape; the next unescaped one is")
    void escapedBackslash() {
        assertThat(SourceText.translateUnicodeEscapes("\"" + BS + BS + "u0041\"")).isEqualTo("\"" + BS + BS + "u0041\"");
        assertThat(SourceText.translateUnicodeEscapes(BS + BS + BS + "u0041")).isEqualTo(BS + BS + "A");
    }

    @Test
    @DisplayName("a malformed escape and text without escapes stay as they are")
    void untouched() {
        assertThat(SourceText.translateUnicodeEscapes(BS + "u00g1 x")).isEqualTo(BS + "u00g1 x");
        assertThat(SourceText.translateUnicodeEscapes(BS + "u004")).isEqualTo(BS + "u004");
        String plain = "class A {}";
        assertThat(SourceText.translateUnicodeEscapes(plain)).isSameAs(plain);
    }

    @Test
    @DisplayName("a package line hidden by escaped comment markers is seen, as javac sees it")
    void hiddenPackageLine() {
        String source = BS + "u002f" + BS + "u002a package k8snet.ip; " + BS + "u002a" + BS + "u002f package k8snet.cluster;";
        assertThat(SourceText.codeOnly(source).strip()).isEqualTo("package k8snet.cluster;");
    }
}
