package tessera.host.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void drainDefaultsToTenSecondsAndStaysWithinTheFrameworksStopTime() {
        assertThat(Settings.from(Map.of("data", "/tmp/d")).drainMs()).isEqualTo(10_000);
        assertThat(Settings.from(Map.of("data", "/tmp/d", "drainSeconds", 0)).drainMs()).isZero();
        assertThat(Settings.from(Map.of("data", "/tmp/d", "drainSeconds", 20)).drainMs()).isEqualTo(20_000);
        assertThatThrownBy(() -> Settings.from(Map.of("data", "/tmp/d", "drainSeconds", 25)))
                .hasMessageContaining("--drain 25").hasMessageContaining("0 to 20 seconds");
        assertThatThrownBy(() -> Settings.from(Map.of("data", "/tmp/d", "drainSeconds", -1))).hasMessageContaining("--drain -1");
    }

    @Test
    void leaseOutOfRangeSaysTheRange() {
        assertThatThrownBy(() -> Settings.from(Map.of("data", "/tmp/d", "leaseSeconds", 0.5)))
                .hasMessageContaining("--lease 0.5").hasMessageContaining("1 to 3600");
    }
}
