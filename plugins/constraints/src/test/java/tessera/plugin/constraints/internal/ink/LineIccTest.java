package tessera.plugin.constraints.internal.ink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.profile.ProductionProfile;
import tessera.imaging.icc.CmykProfile;
import tessera.imaging.icc.CmykSeparation;
import tessera.imaging.icc.RenderingIntent;
import tessera.plugin.constraints.internal.Designs;

class LineIccTest {
    private static final List<String> INKJET_LINES = List.of("inkjet-300-cmyk", "inkjet-600-reactive-8", "inkjet-1200-acid-12",
            "sublimation-300-cmyk", "sublimation-600-fluo");

    @TempDir
    Path dir;

    @Test
    void everyShippedInkjetLineHasItsOwnCmykOutputProfileWithItsOwnGamut() {
        Set<String> descriptions = new HashSet<>();
        Set<Integer> blackInk = new HashSet<>();
        for (String id : INKJET_LINES) {
            ProductionProfile line = Designs.profile(id);
            CmykProfile icc = LineIcc.of(line);
            assertThat(line.inkjet().iccProfile()).as(id).isIn(LineIcc.SHIPPED);
            ICC_Profile p = ICC_Profile.getInstance(icc.bytes());
            assertThat(p.getProfileClass()).as(id).isEqualTo(ICC_Profile.CLASS_OUTPUT);
            assertThat(p.getColorSpaceType()).as(id).isEqualTo(ColorSpace.TYPE_CMYK);
            descriptions.add(icc.description());
            // the ink a profile lays down for sRGB black is its black generation and ink limit: a fingerprint of the print condition
            float[] k = new CmykSeparation(icc, RenderingIntent.RELATIVE_COLORIMETRIC).separate(0, 0, 0);
            blackInk.add(Math.round(100 * (k[0] + k[1] + k[2] + k[3])));
        }
        assertThat(descriptions).hasSize(INKJET_LINES.size());
        assertThat(blackInk).as("total ink of black, %").hasSizeGreaterThanOrEqualTo(4);
        assertThat(LineIcc.of(Designs.withIcc(Designs.profile("inkjet-300-cmyk"), null)).bytes()).isEqualTo(CmykProfile.fogra39().bytes());
    }

    @Test
    void aFilePathIsReadAsTheLinesOwnProfile() throws IOException {
        byte[] gracol = LineIcc.of(Designs.profile("sublimation-600-fluo")).bytes();
        Path file = dir.resolve("mill-poly.icc");
        Files.write(file, gracol);
        ProductionProfile line = Designs.withIcc(Designs.profile("inkjet-300-cmyk"), file.toString());
        CmykProfile icc = LineIcc.of(line);
        assertThat(icc.bytes()).isEqualTo(gracol);
        LineIcc.inkTable(icc, 3.0, 2.0);
        int kept = LineIcc.cached();
        // a changed file is read again, not served from the first read, and what was built from the old one is let go
        Files.write(file, CmykProfile.fogra39().bytes());
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        CmykProfile reissued = LineIcc.of(line);
        assertThat(reissued.bytes()).isEqualTo(CmykProfile.fogra39().bytes());
        assertThat(LineIcc.separation(reissued, RenderingIntent.RELATIVE_COLORIMETRIC).profile()).isSameAs(reissued);
        LineIcc.inkTable(reissued, 3.0, 2.0);
        assertThat(LineIcc.cached()).as("separations and tables after the file was re-issued").isEqualTo(kept);
    }

    @Test
    void aProfileThatCannotBeUsedIsRefusedNamingTheFieldAndWhatToDo() throws IOException {
        ProductionProfile line = Designs.profile("inkjet-300-cmyk");
        assertThatThrownBy(() -> LineIcc.of(Designs.withIcc(line, "tessera-fogra99"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inkjet.iccProfile 'tessera-fogra99' of profile inkjet-300-cmyk")
                .hasMessageContaining("tessera-fogra29").hasMessageContaining("give the path");
        Path text = Files.writeString(dir.resolve("notes.icc"), "not a profile", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> LineIcc.of(Designs.withIcc(line, text.toString()))).hasMessageContaining("inkjet.iccProfile")
                .hasMessageContaining("is not an ICC profile");
        Path rgb = Files.write(dir.resolve("srgb.icc"), ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
        assertThatThrownBy(() -> LineIcc.of(Designs.withIcc(line, rgb.toString()))).hasMessageContaining("inkjet.iccProfile")
                .hasMessageContaining("not CMYK").hasMessageContaining("output profile");
        // a CMYK profile of another class (here a press profile relabelled as an input profile) separates nothing
        byte[] scanner = CmykProfile.fogra39().bytes();
        System.arraycopy("scnr".getBytes(StandardCharsets.US_ASCII), 0, scanner, 12, 4);
        Path input = Files.write(dir.resolve("input.icc"), scanner);
        assertThatThrownBy(() -> LineIcc.of(Designs.withIcc(line, input.toString()))).hasMessageContaining("not an output (printer) profile");
    }
}
