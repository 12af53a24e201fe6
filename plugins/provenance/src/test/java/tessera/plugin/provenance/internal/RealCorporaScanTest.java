package tessera.plugin.provenance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tessera.api.provenance.DatasetAudit;
import tessera.api.provenance.ScanRequest;
import tessera.plugin.provenance.internal.manifest.FileEntry;
import tessera.plugin.provenance.internal.manifest.Manifest;
import tessera.plugin.provenance.internal.manifest.ManifestFiles;
import tessera.plugin.provenance.internal.scan.Limits;

/** #7: scans of real files from Tika's and TwelveMonkeys' test corpora: no crash, right types, real metadata. */
class RealCorporaScanTest {
    @TempDir
    static Path tmp;
    static DatasetAudit audit;
    static Map<String, FileEntry> files;

    @BeforeAll
    static void scan() throws Exception {
        Path data = tmp.resolve("data");
        int n = Corpora.extract("test-documents/testJPEG_EXIF.jpg", "test-documents", data, "tika-image")
                + Corpora.extract("test-documents/testPDF_protected.pdf", "test-documents", data, "tika-pdf")
                + Corpora.extract("broken-jpeg/broken-sos-before-sof.jpg", "broken-jpeg", data, "tm-broken-jpeg")
                + Corpora.extract("exif/Portrait_2.jpg", "exif", data, "tm-exif-portraits")
                + Corpora.extract("xmp/xmp-jpeg-xxe.xml", "xmp", data, "tm-xmp")
                + Corpora.extract("jpeg/exif-oome-bogus-count.jpg", "jpeg", data, "tm-jpeg")
                + Corpora.extract("exif/exif-loop.bin", "exif", data, "tm-exif")
                + Corpora.extract("tiff/chifley_logo.tif", "tiff", data, "tm-tiff");
        assertThat(n).isGreaterThan(100);
        DatasetAuditorComponent auditor = new DatasetAuditorComponent(Limits.defaults(), 2, "test");
        audit = auditor.scan(new ScanRequest(data, null, tmp.resolve("out/manifest.json")));
        Manifest m = ManifestFiles.read(audit.manifest());
        files = m.files().stream().collect(Collectors.toMap(FileEntry::path, Function.identity()));
        assertThat(audit.files()).isEqualTo(n);
    }

    @Test
    void typesComeFromTheContent() {
        assertThat(files.get("tika-image/testJPEG_EXIF.jpg").mediaType()).isEqualTo("image/jpeg");
        assertThat(files.get("tika-image/testPNG.png").mediaType()).isEqualTo("image/png");
        assertThat(files.get("tika-image/testTIFF.tif").mediaType()).isEqualTo("image/tiff");
        assertThat(files.get("tika-image/testGIF.gif").mediaType()).isEqualTo("image/gif");
        assertThat(files.get("tika-image/testWEBP.webp").mediaType()).isEqualTo("image/webp");
        assertThat(files.get("tika-image/testPSD_xmp.psd").mediaType()).isEqualTo("image/vnd.adobe.photoshop");
        assertThat(files.get("tika-pdf/testPDF.pdf").mediaType()).isEqualTo("application/pdf");
        // a JPEG of 7 bytes says nothing by content; it is not called a JPEG just for its name
        assertThat(files.get("tm-broken-jpeg/5145e95a-02a8-11e7-8372-4787a7307ab8.jpg").mediaType()).isEqualTo("application/octet-stream");
        assertThat(files.values()).allSatisfy(f -> assertThat(f.sha256()).matches("[0-9a-f]{64}"));
    }

    @Test
    void provenanceFieldsFromExifIptcXmpAndPdfInfo() {
        FileEntry exif = files.get("tika-image/testJPEG_EXIF.jpg");
        assertThat(exif.rights()).isEqualTo("(c) Максим Валянский");
        assertThat(exif.fields()).containsKey("Exif IFD0:Copyright");
        assertThat(exif.width()).isEqualTo(100);
        assertThat(exif.height()).isEqualTo(68);
        assertThat(files.get("tm-jpeg/exif-with-nested-exif.jpg").creator()).isEqualTo("David Ausserhofer");
        assertThat(files.get("tika-pdf/testPDF_protected.pdf").creator()).isEqualTo("The Bank of England");
        FileEntry sidecar = files.get("tika-pdf/xmp/TIKA-4442.xmp");
        assertThat(sidecar.rights()).startsWith("Copyright (c) 1939");
        assertThat(sidecar.fields()).containsEntry("xmpRights:Marked", "True");
        assertThat(files.get("tika-image/testPNG.png").fields()).containsKey("png:Comment");
    }

    @Test
    void brokenEncryptedAndHostileFilesAreRecordedWithAReason() {
        assertThat(files.get("tm-xmp/xmp-jpeg-xxe.xml").reason()).contains("external entity (XXE)");
        assertThat(files.get("tika-pdf/testPDF_no_extract_no_accessibility_owner_user.pdf").reason()).startsWith("encrypted");
        assertThat(files.get("tm-exif/exif-loop.bin").status()).isEqualTo(FileEntry.UNREADABLE);
        assertThat(files.get("tm-broken-jpeg/broken-sos-before-sof.jpg").reason()).contains("SOS before SOF");
        assertThat(files.values()).filteredOn(f -> !f.ok()).allSatisfy(f -> assertThat(f.reason()).isNotBlank());
        assertThat(audit.unreadable()).isBetween(10, 40);
    }
}
