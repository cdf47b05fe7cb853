package k8snet.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PlainText: text from a submission cannot drive a terminal")
class PlainTextTest {

    @Test
    @DisplayName("ANSI escapes, bell, backspace and a lone carriage return become visible escapes")
    void controlCharacters() {
        assertThat(PlainText.visible("\u001b[2J\u001b]0;pwned\u0007 ok\bX\ry"))
                .isEqualTo("\\u001B[2J\\u001B]0;pwned\\u0007 ok\\u0008X\\u000Dy");
    }

    @Test
    @DisplayName("tab and line feed stay; CR LF becomes LF")
    void lineBreaks() {
        assertThat(PlainText.visible("a\tb\r\nc\nd")).isEqualTo("a\tb\nc\nd");
    }

    @Test
    @DisplayName("DEL, C1 controls and bidirectional overrides are replaced; their neighbours are not")
    void boundaries() {
        assertThat(PlainText.visible("\u001f\u0020\u007e\u007f\u0080\u009f\u00a0")).isEqualTo("\\u001F ~\\u007F\\u0080\\u009F\u00a0");
        assertThat(PlainText.visible("\u2029\u202a\u202e\u202f\u2065\u2066\u2069\u206a"))
                .isEqualTo("\u2029\\u202A\\u202E\u202f\u2065\\u2066\\u2069\u206a");
    }

    @Test
    @DisplayName("plain text comes back as the same object; null gives an empty text")
    void unchanged() {
        String s = "expected 10.0.0.1 → pod web-1";
        assertThat(PlainText.visible(s)).isSameAs(s);
        assertThat(PlainText.visible(null)).isEmpty();
    }
}
