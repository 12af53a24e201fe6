package tessera.host.rcp.workbench.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.osgi.framework.ServiceReference;

import tessera.api.generate.Generator;
import tessera.api.job.ServiceUse;
import tessera.api.provenance.Lineage;
import tessera.api.provenance.ModelCard;
import tessera.api.provenance.NearestItem;
import tessera.api.provenance.ProvenanceChecker;
import tessera.api.provenance.ProvenanceReport;

/**
 * What the Provenance view shows, gathered from the registry without UI: each generator's model card
 * (service property {@code tessera.model.card}), and the installed provenance checkers' verdict on the
 * current design with the card of the model that made it, as the pipeline's provenance stage calls them.
 */
final class DesignProvenance {
    private DesignProvenance() {
    }

    /**
     * One installed generator and its card.
     *
     * @param card    the model card, or null for a generator that is not a learned model
     * @param problem why the card could not be read, or null
     * @param lineage the checkers' lineage verdict on the card's training manifest, or null when not asked
     */
    record Model(String generator, String version, ModelCard card, String problem, Lineage lineage) {
    }

    /** @return every serving generator with its card, lineage checked by the first provenance checker */
    static List<Model> models(Engine engine, CurrentDesign probe) throws Exception {
        List<Model> out = new ArrayList<>();
        for (ServiceReference<Generator> ref : engine.servingRefs(Generator.class)) {
            ModelCard card = null;
            String problem = null;
            try {
                card = Engine.modelCard(ref).orElse(null);
            } catch (java.io.IOException e) {
                problem = e.getMessage();
            }
            Lineage lineage = null;
            if (card != null && probe != null) {
                // a checker states a card's lineage with any output; the current design is the one at hand
                lineage = checks(engine, probe, card).stream().map(ProvenanceReport::lineage)
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            }
            out.add(new Model(Engine.pluginId(ref), Engine.pluginVersion(ref), card, problem, lineage));
        }
        return out;
    }

    /** @return the card of the generator that made the design, or null (a file, or a non-learned generator) */
    static ModelCard cardOf(Engine engine, ServiceUse generator) throws java.io.IOException {
        if (generator == null) {
            return null;
        }
        ServiceReference<Generator> best = null;
        for (ServiceReference<Generator> ref : engine.servingRefs(Generator.class)) {
            if (Engine.pluginId(ref).equals(generator.id())) {
                best = ref;
            }
        }
        // the exact version that made it may have been updated meanwhile: the serving one stands in, as said in the view
        return best == null ? null : Engine.modelCard(best).orElse(null);
    }

    /** @return every serving checker's report on the design made by the model with this card */
    static List<ProvenanceReport> checks(Engine engine, CurrentDesign design, ModelCard card) throws Exception {
        List<ProvenanceReport> out = new ArrayList<>();
        for (ServiceReference<ProvenanceChecker> ref : engine.servingRefs(ProvenanceChecker.class)) {
            engine.call(ref, c -> c.check(design.pattern(), card)).ifPresent(out::add);
        }
        return out;
    }

    /** @return a card as the view lists it, for a person */
    static String describe(ModelCard c) {
        StringBuilder b = new StringBuilder();
        b.append(c.name() == null ? c.id() : c.name()).append(" (").append(c.id()).append(' ').append(c.version())
                .append(", ").append(c.kind()).append(")\n");
        line(b, "description", c.description());
        line(b, "licence", c.licence());
        line(b, "creator", c.creator());
        line(b, "created", c.created());
        line(b, "training manifest sha256", c.trainingManifestSha256());
        line(b, "training command", c.trainingCommand());
        if (c.trainingSteps() != null) {
            line(b, "training", c.trainingSteps() + " steps" + (c.trainingWallSeconds() == null ? ""
                    : String.format(Locale.ROOT, " in %.0f s", c.trainingWallSeconds())));
        }
        c.metrics().forEach((k, v) -> line(b, "metric " + k, String.format(Locale.ROOT, "%.4g", v)));
        for (ModelCard.WeightsFile w : c.weights()) {
            line(b, "weights", w.path() + " (" + w.dtype() + ", " + w.bytes() + " bytes, sha256 " + w.sha256() + ")");
        }
        if (!c.architecture().isEmpty()) {
            line(b, "architecture", c.architecture().toString());
        }
        return b.toString();
    }

    /** @return a checker's report on the design, for a person */
    static String describe(ProvenanceReport r) {
        StringBuilder b = new StringBuilder();
        b.append(r.checker()).append(": ").append(r.passed() ? "original" : "NOT original or lineage failed").append('\n');
        if (r.lineage() != null) {
            line(b, "lineage", r.lineage().status() + ": " + r.lineage().message());
        }
        if (r.threshold() != null) {
            line(b, "copy threshold", String.format(Locale.ROOT, "distance < %.4g", r.threshold()));
        }
        for (NearestItem n : r.nearest()) {
            line(b, "nearest training item", String.format(Locale.ROOT, "%s at %.4g", n.item(), n.distance()));
        }
        r.findings().forEach(f -> line(b, "finding", f));
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        if (value != null && !value.isBlank()) {
            b.append("  ").append(key).append(": ").append(value).append('\n');
        }
    }
}
