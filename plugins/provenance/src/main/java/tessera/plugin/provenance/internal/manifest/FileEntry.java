package tessera.plugin.provenance.internal.manifest;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One training file as the manifest records it (#7).
 *
 * @param path          path under the scanned folder, {@code /}-separated; archive members as {@code a.zip!/m.png}
 * @param size          bytes
 * @param sha256        hex digest of the bytes
 * @param mediaType     media type Tika detects from the content alone
 * @param nameMediaType media type the file name suggests, or null when the name says nothing
 * @param nameMismatch  true when the name and the content disagree (e.g. a PNG named {@code .jpg})
 * @param width         image width in pixels, or null
 * @param height        image height in pixels, or null
 * @param licence       SPDX id (or {@code LicenseRef-…}) normalised from the file's licence fields, or null
 * @param creator       creator as the file's metadata names it, or null
 * @param rights        copyright / rights statement, or null
 * @param optOuts       text-and-data-mining and AI-training reservations found: source → value
 *                      (e.g. {@code plus:DataMining → DMI-PROHIBITED}, {@code c2pa.ai_training → notAllowed})
 * @param fields        every provenance field found, by Tika's or the format's name
 * @param phash         DCT perceptual hash (16 hex digits), images only
 * @param embedding     originality embedding, images only
 * @param status        {@code ok}, {@code unreadable} (malformed, encrypted, hostile, over a limit) or {@code skipped}
 * @param reason        why the status is not {@code ok}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileEntry(String path, long size, String sha256, String mediaType, String nameMediaType,
        Boolean nameMismatch, Integer width, Integer height, String licence, String creator, String rights,
        Map<String, String> optOuts, Map<String, String> fields, String phash, float[] embedding, String status,
        String reason) {

    public static final String OK = "ok";
    public static final String UNREADABLE = "unreadable";

    public boolean ok() {
        return OK.equals(status);
    }

    public boolean optedOut() {
        return optOuts != null && !optOuts.isEmpty();
    }
}
