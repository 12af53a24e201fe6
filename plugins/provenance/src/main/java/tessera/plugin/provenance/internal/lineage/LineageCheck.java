package tessera.plugin.provenance.internal.lineage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;
import tessera.api.provenance.Lineage;
import tessera.api.provenance.ModelCard;
import tessera.plugin.provenance.internal.manifest.Manifest;
import tessera.plugin.provenance.internal.manifest.ManifestFiles;
import tessera.plugin.provenance.internal.manifest.SpdxExport;

/**
 * Model lineage (#7): the card's {@code trainingManifestSha256} is the digest of the manifest given, that
 * manifest's policy passed, and the weights in the bundle are the ones the card lists.
 */
public final class LineageCheck {
    private LineageCheck() {
    }

    public static Lineage verify(Path model, Path manifest, Path aiSbom) throws IOException {
        ModelSource src;
        try {
            src = ModelSource.open(model);
        } catch (InvalidJsonException e) {
            return failed(null, "the model card in " + model + " is not valid: " + e.getMessage());
        }
        try (src) {
            ModelCard card = src.card();
            if (card == null) {
                return failed(null, "no model card (*model-card.json) in " + model + "; a model bundle must carry one");
            }
            String named = card.trainingManifestSha256();
            if (named == null) {
                return failed(null, "model card '" + card.id() + "' names no trainingManifestSha256; retrain with a scanned manifest");
            }
            String actual = ManifestFiles.sha256(manifest);
            if (!actual.equals(named)) {
                return failed(named, "manifest " + manifest.getFileName() + " has SHA-256 " + actual + ", but model '" + card.id()
                        + "' was trained on " + named + "; find the manifest the model was trained on");
            }
            Manifest m;
            try {
                m = ManifestFiles.read(manifest);
            } catch (InvalidJsonException e) {
                return failed(named, "manifest " + manifest + " is not a Tessera training manifest: " + e.getMessage());
            }
            if (!m.policy().passed()) {
                return failed(named, "the training manifest's policy '" + m.policy().name() + "' failed with "
                        + m.policy().violations().size() + " violation(s) (first: " + first(m) + "); the model's training data is not cleared");
            }
            for (ModelCard.WeightsFile w : card.weights()) {
                String problem = src.checkWeights(w);
                if (problem != null) {
                    return failed(named, problem);
                }
            }
            if (aiSbom != null) {
                ManifestFiles.write(aiSbom, SpdxExport.model(card, named, m.dataset(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
            }
            return new Lineage(Lineage.Status.VERIFIED, named, "model '" + card.id() + "' " + card.version() + " was trained on "
                    + m.dataset() + " (" + m.summary().files() + " files, policy '" + m.policy().name() + "' passed)"
                    + (card.weights().isEmpty() ? "" : "; " + card.weights().size() + " weight file(s) match the card"));
        }
    }

    private static String first(Manifest m) {
        var v = m.policy().violations().getFirst();
        return v.file() + ": " + v.rule();
    }

    private static Lineage failed(String sha, String why) {
        return new Lineage(Lineage.Status.FAILED, sha, why);
    }

    /** A model bundle (jar), a folder, or a bare card file. */
    private static final class ModelSource implements AutoCloseable {
        private final Path path;
        private final ZipFile zip;
        private final ModelCard card;

        private ModelSource(Path path, ZipFile zip, ModelCard card) {
            this.path = path;
            this.zip = zip;
            this.card = card;
        }

        static ModelSource open(Path model) throws IOException, InvalidJsonException {
            String name = model.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isDirectory(model)) {
                try (var s = Files.walk(model, 4)) {
                    Path c = s.filter(p -> p.getFileName().toString().endsWith("model-card.json")).sorted().findFirst().orElse(null);
                    return new ModelSource(model, null, c == null ? null : TesseraJson.read(c, ModelCard.class));
                }
            }
            if (name.endsWith(".json")) {
                return new ModelSource(model.toAbsolutePath().getParent(), null, TesseraJson.read(model, ModelCard.class));
            }
            ZipFile zip = new ZipFile(model.toFile());
            try {
                ZipEntry e = zip.stream().filter(z -> z.getName().endsWith("model-card.json")).findFirst().orElse(null);
                if (e == null) {
                    return new ModelSource(model, zip, null);
                }
                try (InputStream in = zip.getInputStream(e)) {
                    return new ModelSource(model, zip, TesseraJson.read(in, ModelCard.class));
                }
            } catch (IOException | InvalidJsonException | RuntimeException e) {
                zip.close();
                throw e;
            }
        }

        ModelCard card() {
            return card;
        }

        /** @return null when the weights file is there with the card's size and digest, else what is wrong */
        String checkWeights(ModelCard.WeightsFile w) throws IOException {
            InputStream in;
            if (zip != null) {
                ZipEntry e = zip.getEntry(w.path().startsWith("/") ? w.path().substring(1) : w.path());
                if (e == null) {
                    return "weights " + w.path() + " named by the model card are not in the bundle";
                }
                in = zip.getInputStream(e);
            } else {
                Path f = path.resolve(w.path().startsWith("/") ? w.path().substring(1) : w.path());
                if (!Files.isRegularFile(f)) {
                    return "weights " + w.path() + " named by the model card are not in " + path;
                }
                in = Files.newInputStream(f);
            }
            try (in) {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                long n = 0;
                byte[] buf = new byte[65536];
                for (int r; (r = in.read(buf)) > 0;) {
                    d.update(buf, 0, r);
                    n += r;
                }
                String sha = HexFormat.of().formatHex(d.digest());
                if (!sha.equalsIgnoreCase(w.sha256()) || n != w.bytes()) {
                    return "weights " + w.path() + " are " + n + " bytes with SHA-256 " + sha + ", but the card says " + w.bytes()
                            + " bytes, " + w.sha256() + "; the weights were changed after the card was written";
                }
                return null;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JRE has SHA-256", e);
            }
        }

        @Override
        public void close() throws IOException {
            if (zip != null) {
                zip.close();
            }
        }
    }
}
