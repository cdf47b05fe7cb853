package k8snet.grader.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The guard options")
class GuardOptionsTest {

    @AfterEach
    void clear() {
        System.clearProperty(SandboxMode.PROPERTY);
    }

    @Test
    @DisplayName("default to the check on and the strongest sandbox")
    void defaults() {
        assertThat(GuardOptions.defaults()).isEqualTo(new GuardOptions(true, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"none, NONE", "unshare, UNSHARE", "bubblewrap, BUBBLEWRAP"})
    @DisplayName("take a forced sandbox mode from the system property")
    void forced(String value, SandboxMode mode) {
        System.setProperty(SandboxMode.PROPERTY, value);
        assertThat(GuardOptions.defaults().sandbox()).contains(mode);
        System.setProperty(SandboxMode.PROPERTY, "AUTO");
        assertThat(GuardOptions.defaults().sandbox()).isEmpty();
    }

    @Test
    @DisplayName("refuse an unknown mode in the system property, naming the property and the value")
    void badProperty() {
        System.setProperty(SandboxMode.PROPERTY, "chroot");
        assertThatIllegalArgumentException().isThrownBy(GuardOptions::defaults)
                .withMessage("System property course.sandbox must be auto, none, unshare or bubblewrap, got 'chroot'");
    }

    @Test
    @DisplayName("change one setting at a time, and refuse nulls")
    void with() {
        GuardOptions off = GuardOptions.defaults().withCheckBytecode(false).withSandbox(SandboxMode.UNSHARE);
        assertThat(off).isEqualTo(new GuardOptions(false, Optional.of(SandboxMode.UNSHARE)));
        assertThat(off.withStrongestSandbox().sandbox()).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> off.withSandbox(null)).withMessageContaining("null");
        assertThatIllegalArgumentException().isThrownBy(() -> new GuardOptions(true, null))
                .withMessageContaining("Optional.empty()");
    }
}
