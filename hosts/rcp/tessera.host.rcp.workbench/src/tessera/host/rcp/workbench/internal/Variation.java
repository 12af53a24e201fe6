package tessera.host.rcp.workbench.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tessera.api.design.DesignRequest;
import tessera.api.job.CandidateRecord;
import tessera.api.job.ServiceUse;

/**
 * One design of a finished job, as the Variations view shows and picks it. Everything that regenerates it
 * is in the job's record: the request as run (seed filled in, generator options) and the design's place
 * among the job's designs. {@link #recipe()} says it as the {@code tessera generate} command.
 *
 * @param job   the job that made it
 * @param index its position among the job's designs, from 0
 */
public record Variation(DesignResult job, int index) {

    public CandidateRecord candidate() {
        return job.record().candidates().get(index);
    }

    /** @return the request the job ran, with the seed the pipeline chose (or was given) */
    public DesignRequest request() {
        return job.record().request();
    }

    /** @return the design's own seed (the GAN's code for design i of a {@code sample} job is drawn from it) */
    public long seed() {
        return candidate().seed();
    }

    public Map<String, String> labels() {
        return candidate().labels();
    }

    public Path tile() {
        return job.tiles().get(index);
    }

    /** @return the generator service the job used (role {@code generator}), or null for a checked file */
    public ServiceUse generator() {
        return job.record().services().stream().filter(s -> s.role().equals("generator")).findFirst().orElse(null);
    }

    /** @return the generator option {@code mode} of the job (the GAN's explorer modes), "sample" when none */
    public String mode() {
        return request().options().getOrDefault("mode", "sample");
    }

    /** @return e.g. "design 2 of 4 (sample), seed 77" */
    public String label() {
        return "design " + (index + 1) + " of " + job.tiles().size() + " (" + mode() + "), seed " + seed();
    }

    public boolean sameAs(Variation o) {
        return o != null && o.job.outDir().equals(job.outDir()) && o.index == index;
    }

    /**
     * @return the {@code tessera generate} command that makes this design again (it is the job's design
     *         {@code index + 1}): the job's request with its seed, options and geometry
     */
    public String recipe() {
        DesignRequest r = request();
        List<String> a = new ArrayList<>(List.of("tessera", "generate"));
        if (r.generator() != null) {
            a.addAll(List.of("--generator", r.generator()));
        } else if (generator() != null) {
            a.addAll(List.of("--generator", generator().id()));
        }
        if (r.preset() != null) {
            a.addAll(List.of("--preset", r.preset()));
        }
        a.addAll(List.of("--seed", String.valueOf(r.seed()), "-n", String.valueOf(r.variationsOrDefault()), "--size",
                r.tileWidthOrDefault() + "x" + r.tileHeightOrDefault(), "--repeat", r.repeatOrDefault().label(),
                "--width-cm", String.format(Locale.ROOT, "%.4g", r.tileWidthCmOrDefault())));
        if (r.profile() != null) {
            a.addAll(List.of("--profile", r.profile(), "--no-repair"));
        }
        new TreeMap<>(r.options()).forEach((k, v) -> a.addAll(List.of("--option", k + "=" + v)));
        a.addAll(List.of("--prompt", "'" + r.prompt().replace("'", "'\\''") + "'"));
        return String.join(" ", a) + "   # design " + (index + 1);
    }
}
