package tessera.plugin.provenance.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;
import tessera.api.provenance.DatasetAudit;
import tessera.api.provenance.DatasetAuditor;
import tessera.api.provenance.Lineage;
import tessera.api.provenance.PolicyViolation;
import tessera.api.provenance.ScanRequest;
import tessera.plugin.provenance.internal.lineage.LineageCheck;
import tessera.plugin.provenance.internal.manifest.CroissantExport;
import tessera.plugin.provenance.internal.manifest.FileEntry;
import tessera.plugin.provenance.internal.manifest.Manifest;
import tessera.plugin.provenance.internal.manifest.ManifestFiles;
import tessera.plugin.provenance.internal.manifest.SpdxExport;
import tessera.plugin.provenance.internal.policy.Policy;
import tessera.plugin.provenance.internal.policy.PolicyCheck;
import tessera.plugin.provenance.internal.scan.DatasetScan;
import tessera.plugin.provenance.internal.scan.FileProbe;
import tessera.plugin.provenance.internal.scan.Limits;

/** {@code tessera provenance scan} and {@code verify} (#7), as a service the host's CLI calls. */
@Component(service = DatasetAuditor.class, property = {"tessera.plugin.id=provenance"})
@Designate(ocd = DatasetAuditorComponent.Config.class)
public final class DatasetAuditorComponent implements DatasetAuditor {
    @ObjectClassDefinition(name = "Tessera provenance scan", description = "Per-file limits of dataset scans")
    public @interface Config {
        @AttributeDefinition(description = "Seconds one file may take")
        double perFileSeconds() default 30;

        @AttributeDefinition(description = "MiB one file's parse may allocate")
        long perFileAllocatedMiB() default 8192;

        @AttributeDefinition(description = "Parallel lanes; 0 = the number of cores")
        int lanes() default 0;
    }

    private final FileProbe probe;
    private final Limits limits;
    private final int lanes;
    private final String tool;

    @Activate
    public DatasetAuditorComponent(BundleContext context, Config config) throws IOException {
        this(Limits.defaults().withSeconds(config.perFileSeconds()).withAllocatedBytes(config.perFileAllocatedMiB() << 20),
                config.lanes() > 0 ? config.lanes() : Runtime.getRuntime().availableProcessors(),
                context.getBundle().getSymbolicName() + " " + context.getBundle().getVersion());
    }

    /** For tests: the same scanner without a framework. */
    public DatasetAuditorComponent(Limits limits, int lanes, String tool) throws IOException {
        this.probe = new FileProbe(limits);
        this.limits = limits;
        this.lanes = lanes;
        this.tool = tool;
    }

    @Override
    public DatasetAudit scan(ScanRequest request) throws InvalidJsonException, IOException {
        long start = System.nanoTime();
        Policy policy = request.policy() == null ? Policy.defaults() : TesseraJson.read(request.policy(), Policy.class);
        String policySha = request.policy() == null ? null : ManifestFiles.sha256(request.policy());
        List<FileEntry> files = new DatasetScan(probe, limits, policy.maxFileBytes(), lanes).scan(request.folder());
        List<PolicyViolation> violations = new PolicyCheck(policy).check(files);
        Manifest m = manifest(request.folder(), policy, policySha, files, violations);
        String sha = ManifestFiles.write(request.manifest(), m);
        Path spdx = ManifestFiles.sibling(request.manifest(), ".spdx.jsonld");
        Path croissant = ManifestFiles.sibling(request.manifest(), ".croissant.jsonld");
        ManifestFiles.write(spdx, SpdxExport.dataset(m, sha));
        ManifestFiles.write(croissant, CroissantExport.of(m, request.manifest().getFileName().toString(), sha));
        return new DatasetAudit(request.manifest(), sha, spdx, croissant, m.summary().files(), m.summary().bytes(),
                m.summary().unreadable(), (System.nanoTime() - start) / 1e9, violations.isEmpty(), violations);
    }

    @Override
    public Lineage verify(Path model, Path manifest, Path aiSbom) throws IOException {
        return LineageCheck.verify(model, manifest, aiSbom);
    }

    private Manifest manifest(Path folder, Policy policy, String policySha, List<FileEntry> files, List<PolicyViolation> violations) {
        Map<String, Integer> types = new TreeMap<>(), licences = new TreeMap<>();
        long bytes = 0;
        int unreadable = 0;
        for (FileEntry f : files) {
            bytes += f.size();
            unreadable += FileEntry.UNREADABLE.equals(f.status()) ? 1 : 0;
            types.merge(f.mediaType() == null ? "unknown" : f.mediaType(), 1, Integer::sum);
            licences.merge(f.licence() == null ? "none" : f.licence(), 1, Integer::sum);
        }
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return new Manifest(Manifest.SCHEMA, tool, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                name == null ? "dataset" : name.toString(),
                new Manifest.PolicyOutcome(policy.name(), policySha, violations.isEmpty(), violations,
                        new Manifest.Originality(policy.originality().maxHashDistance(), policy.originality().maxEmbeddingDistance())),
                new Manifest.Summary(files.size(), bytes, unreadable, types, licences), files);
    }
}
