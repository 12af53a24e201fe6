package tessera.plugin.provenance.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import tessera.api.image.RgbImage;
import tessera.api.pattern.Pattern;
import tessera.api.provenance.Lineage;
import tessera.api.provenance.ModelCard;
import tessera.api.provenance.NearestItem;
import tessera.api.provenance.ProvenanceChecker;
import tessera.api.provenance.ProvenanceReport;
import tessera.plugin.provenance.internal.manifest.ManifestFiles;
import tessera.plugin.provenance.internal.originality.OriginalityIndex;
import tessera.plugin.provenance.internal.originality.TileFingerprint;

/**
 * Output originality (#7): every candidate is compared with the training images of the manifests
 * registered in the configuration ({@code tessera.plugin.provenance.originality.cfg} in the hot folder,
 * {@code manifests=a.json,b.json}). A model's card picks its own manifest by SHA-256; outputs of
 * non-learned generators are compared with every registered manifest.
 */
@Component(service = ProvenanceChecker.class, configurationPid = "tessera.plugin.provenance.originality",
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {"tessera.plugin.id=provenance"})
@Designate(ocd = OriginalityChecker.Config.class)
public final class OriginalityChecker implements ProvenanceChecker {
    @ObjectClassDefinition(name = "Tessera originality check")
    public @interface Config {
        @AttributeDefinition(description = "Training manifests to compare outputs with")
        String[] manifests() default {};
    }

    private static final int NEAREST = 3;
    private final List<OriginalityIndex> indexes;
    private final List<String> problems;

    @Activate
    public OriginalityChecker(Config config) {
        List<OriginalityIndex> ix = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        for (String m : config.manifests()) {
            Path p = Path.of(m.strip());
            try {
                ix.add(OriginalityIndex.of(ManifestFiles.read(p), ManifestFiles.sha256(p)));
            } catch (Exception e) { // one unreadable manifest must not take the checker (and every job) down
                bad.add("training manifest " + p + " could not be read: " + e.getMessage());
            }
        }
        this.indexes = List.copyOf(ix);
        this.problems = List.copyOf(bad);
    }

    /** For tests: a checker over given indexes. */
    public OriginalityChecker(List<OriginalityIndex> indexes) {
        this.indexes = List.copyOf(indexes);
        this.problems = List.of();
    }

    @Override
    public ProvenanceReport check(Pattern output, ModelCard model) {
        List<String> findings = new ArrayList<>(problems);
        List<OriginalityIndex> use = indexes;
        Lineage lineage = new Lineage(Lineage.Status.NOT_APPLICABLE, null, "not a learned model");
        if (model != null && model.trainingManifestSha256() != null) {
            String sha = model.trainingManifestSha256();
            use = indexes.stream().filter(i -> i.manifestSha256().equals(sha)).toList();
            lineage = use.isEmpty()
                    ? new Lineage(Lineage.Status.UNVERIFIED, sha, "training manifest " + sha + " is not registered with the originality check")
                    : new Lineage(Lineage.Status.VERIFIED, sha, "training manifest registered");
        } else if (model != null) {
            lineage = new Lineage(Lineage.Status.FAILED, null, "model card '" + model.id() + "' names no training manifest");
        }
        if (use.isEmpty()) {
            findings.add("no training manifest to compare with; originality not checked");
            return new ProvenanceReport("provenance", lineage.status() != Lineage.Status.FAILED, List.of(), null, lineage, findings);
        }
        RgbImage tile = output.tile();
        TileFingerprint fp = TileFingerprint.of(tile.width(), tile.height(), tile.toPackedRgb());
        List<NearestItem> nearest = new ArrayList<>();
        boolean copy = false;
        Integer threshold = null;
        for (OriginalityIndex ix : use) {
            threshold = ix.thresholds().maxHashDistance();
            for (OriginalityIndex.Match m : ix.nearest(fp, NEAREST)) {
                nearest.add(new NearestItem(m.item().path(), m.item().sha256(), m.hashDistance()));
                copy |= flag(ix, m, findings);
            }
            OriginalityIndex.Match e = ix.nearestByEmbedding(fp);
            if (e != null && !nearest.stream().anyMatch(n -> n.sha256().equals(e.item().sha256()))) {
                nearest.add(new NearestItem(e.item().path(), e.item().sha256(), e.hashDistance()));
                copy |= flag(ix, e, findings);
            }
        }
        nearest.sort(java.util.Comparator.comparingDouble(NearestItem::distance));
        return new ProvenanceReport("provenance", !copy && lineage.status() != Lineage.Status.FAILED, nearest,
                threshold == null ? null : threshold.doubleValue(), lineage, findings);
    }

    private static boolean flag(OriginalityIndex ix, OriginalityIndex.Match m, List<String> findings) {
        if (!ix.tooClose(m)) {
            return false;
        }
        findings.add(String.format("too close to training item %s: perceptual hash %d bits apart (limit %d), embedding distance %.4f "
                + "(limit %.4f); the output may be a memorised copy", m.item().path(), m.hashDistance(),
                ix.thresholds().maxHashDistance(), m.embeddingDistance(), ix.thresholds().maxEmbeddingDistance()));
        return true;
    }
}
