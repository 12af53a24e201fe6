package tessera.imaging.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GimpPatternTest {
    @TempDir
    Path dir;

    static byte[] pat(int w, int h, int bpp, String name, int version, String magic, byte[] pixels) throws IOException {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(24 + n.length);
        d.writeInt(version);
        d.writeInt(w);
        d.writeInt(h);
        d.writeInt(bpp);
        d.write(magic.getBytes(StandardCharsets.US_ASCII));
        d.write(n);
        d.write(pixels);
        return b.toByteArray();
    }

    private static GimpPattern read(byte[] bytes) throws IOException {
        return GimpPattern.read(new ByteArrayInputStream(bytes), "test.pat");
    }

    @Test
    void readsRgb() throws IOException {
        GimpPattern p = read(pat(2, 1, 3, "Ticking Stripe", 1, "GPAT", new byte[] {(byte) 255, 0, 0, 0, 0, (byte) 255}));
        assertThat(p.name()).isEqualTo("Ticking Stripe");
        assertThat(p.bytesPerPixel()).isEqualTo(3);
        assertThat(p.image().toPackedRgb()).containsExactly(0xff0000, 0x0000ff);
    }

    @Test
    void readsGreyAndGreyAlphaAndRgbaOnWhite() throws IOException {
        assertThat(read(pat(1, 1, 1, "g", 1, "GPAT", new byte[] {51})).image().toPackedRgb()).containsExactly(0x333333);
        // grey 0 at alpha 0 → white paper; grey 0 at full alpha → black
        assertThat(read(pat(2, 1, 2, "ga", 1, "GPAT", new byte[] {0, 0, 0, (byte) 255})).image().toPackedRgb())
                .containsExactly(0xffffff, 0x000000);
        GimpPattern rgba = read(pat(1, 1, 4, "Überfärbung", 1, "GPAT", new byte[] {(byte) 255, 0, 0, (byte) 128}));
        assertThat(rgba.name()).isEqualTo("Überfärbung");
        assertThat(rgba.image().toPackedRgb()).containsExactly(0xff7f7f);
    }

    @Test
    void readsFromAFile() throws IOException {
        Path f = Files.write(dir.resolve("weave.pat"), pat(3, 2, 3, "Weave", 1, "GPAT", new byte[18]));
        GimpPattern p = GimpPattern.read(f);
        assertThat(p.image().width()).isEqualTo(3);
        assertThat(p.image().height()).isEqualTo(2);
    }

    @Test
    void errorsSayWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> read(pat(1, 1, 3, "x", 1, "GBRH", new byte[3]))).isInstanceOf(IOException.class)
                .hasMessageContaining("test.pat").hasMessageContaining("GPAT");
        assertThatThrownBy(() -> read(pat(1, 1, 3, "x", 2, "GPAT", new byte[3]))).hasMessageContaining("version 2");
        assertThatThrownBy(() -> read(pat(1, 1, 5, "x", 1, "GPAT", new byte[5]))).hasMessageContaining("5 bytes per pixel");
        assertThatThrownBy(() -> read(pat(4, 4, 3, "x", 1, "GPAT", new byte[10]))).hasMessageContaining("ends early");
        assertThatThrownBy(() -> GimpPattern.read(dir.resolve("missing.pat"))).hasMessageContaining("does not exist");
    }
}
