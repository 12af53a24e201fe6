package tessera.plugin.constraints.internal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tessera.api.InvalidValueException;
import tessera.api.json.TesseraJson;
import tessera.api.profile.PrintProcess;
import tessera.api.profile.ProductionProfile;
import tessera.api.profile.RepeatLimits;
import tessera.api.profile.ScreenSpec;
import tessera.api.repeat.RepeatType;

/** #6: every shipped profile loads without OSGi, is consistent, and the set covers the lines the issue names. */
class ShippedProfilesTest {
    private static final Path FOLDER = Path.of("src/main/resources/profiles");

    @Test
    void everyShippedProfileLoadsAndRoundTrips() throws Exception {
        List<ProductionProfile> all = ShippedProfiles.load();
        assertThat(all).hasSizeGreaterThanOrEqualTo(12);
        assertThat(all).extracting(ProductionProfile::id).isSorted().doesNotHaveDuplicates();
        for (ProductionProfile p : all) {
            assertThat(TesseraJson.read(TesseraJson.write(p), ProductionProfile.class)).as(p.id()).isEqualTo(p);
            ProfileConsistency.check(p);
        }
    }

    @Test
    void theIndexListsExactlyTheFilesInTheFolder() throws Exception {
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<String> json = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
            assertThat(ShippedProfiles.fileNames()).containsExactlyInAnyOrderElementsOf(json);
        }
    }

    @Test
    void theSetCoversEveryProcessAndTheNamedScreens() throws Exception {
        List<ProductionProfile> all = ShippedProfiles.load();
        assertThat(all).extracting(ProductionProfile::process).contains(PrintProcess.values());
        assertThat(all).filteredOn(p -> p.process() == PrintProcess.ROTARY_SCREEN)
                .extracting(p -> p.screen().circumferenceCm()).contains(64.0, 82.0, 91.4);
        assertThat(all).filteredOn(p -> p.process() == PrintProcess.ROTARY_SCREEN)
                .allSatisfy(p -> assertThat(p.screen().screens()).isBetween(6, 12));
        assertThat(all).filteredOn(p -> p.process() == PrintProcess.DIGITAL_INKJET).extracting(ProductionProfile::minDpi)
                .contains(300.0, 600.0, 1200.0);
        assertThat(all).filteredOn(p -> p.process() == PrintProcess.JACQUARD).extracting(p -> p.weave().hooks()).contains(2688);
        assertThat(all).filteredOn(p -> p.inkjet() != null).anySatisfy(p -> assertThat(p.inkjet().inks()).hasSizeGreaterThan(4));
    }

    @Test
    void theDocumentedExampleIsTheShippedRotaryProfile() throws Exception {
        ProductionProfile example = TesseraJson.read(Path.of("../../docs/examples/production-profile.json"), ProductionProfile.class);
        assertThat(new ShippedProfileCatalog().find(example.id())).contains(example);
    }

    @Test
    void theCatalogFindsByIdAndSaysNothingOfUnknownIds() throws Exception {
        ShippedProfileCatalog catalog = new ShippedProfileCatalog();
        assertThat(catalog.find("jacquard-2688")).get().extracting(p -> p.weave().maxFloat()).isEqualTo(10);
        assertThat(catalog.find("rotary-99")).isEmpty();
        assertThat(catalog.profiles()).extracting(ProductionProfile::id).isSorted();
    }

    @Test
    void aRotaryProfileWhoseRepeatDoesNotMatchItsScreenIsRefused() {
        ProductionProfile bad = new ProductionProfile("rotary-bad", "bad", PrintProcess.ROTARY_SCREEN,
                new RepeatLimits(160, 64, 82.0, List.of(RepeatType.BLOCK)), 150, 6, 0.3, 0.2, 2, new ScreenSpec(6, 49, 64.0),
                null, null);
        assertThatThrownBy(() -> ProfileConsistency.check(bad)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("repeat.heightDivides").hasMessageContaining("rotary-bad");
    }

    @Test
    void moreColoursThanScreensIsRefused() {
        ProductionProfile bad = new ProductionProfile("flatbed-bad", "bad", PrintProcess.FLATBED_SCREEN,
                new RepeatLimits(160, 100, null, List.of()), 150, 8, 0.3, 0.2, 2, new ScreenSpec(6, 43, null), null, null);
        assertThatThrownBy(() -> ProfileConsistency.check(bad)).hasMessageContaining("maxColours")
                .hasMessageContaining("6 screens");
    }
}
