package tessera.host.headless.internal;

import java.io.PrintWriter;

import tessera.api.constraint.ConstraintReport;
import tessera.api.constraint.Violation;
import tessera.api.export.ExportedFile;
import tessera.api.job.CandidateRecord;
import tessera.api.job.DesignOrigin;
import tessera.api.job.JobRecord;
import tessera.api.job.ServiceUse;

/** The human-readable end of a job: what was made, what the checks said, where the files are. */
final class Summary {
    private Summary() {
    }

    static void print(JobRecord r, PrintWriter out) {
        out.printf("job %s %s  seed %d  repeat %s%n", r.jobId(), r.status().id(), r.request().seed(),
                r.request().repeat().label());
        for (ServiceUse u : r.services()) {
            out.printf("  %-10s %s %s (%s)%s%n", u.role(), u.id(), u.version(), u.bundle(),
                    u.modelId() == null ? "" : " model " + u.modelId());
        }
        DesignOrigin o = r.origin();
        if (o != null && o.known()) {
            out.printf("  origin     %s %s%s%s%s%n", o.generator().id(), o.generator().version(),
                    o.generator().modelId() == null ? "" : " model " + o.generator().modelId(),
                    o.jobId() == null ? "" : " job " + o.jobId() + (o.candidate() == null ? "" : " design " + (o.candidate() + 1)),
                    o.seed() == null ? "" : " seed " + o.seed());
        }
        if (o != null && o.note() != null) {
            out.println("  origin     " + o.note());
        }
        for (CandidateRecord c : r.candidates()) {
            out.printf("design %d  seed %d  %s%s%n", c.index() + 1, c.seed(), c.passed() ? "PASS" : "FAIL",
                    c.labels().containsKey("caption") ? "  \"" + c.labels().get("caption") + "\"" : "");
            var reports = c.afterRepair().isEmpty() ? c.checks() : c.afterRepair();
            for (ConstraintReport cr : reports) {
                out.printf("  check %-12s %s %s%n", cr.solver(), cr.passed() ? "pass" : "FAIL", cr.measures());
                for (Violation v : cr.violations()) {
                    out.printf("    %s %s: %s%s%n", v.severity().id(), v.rule(), v.message(),
                            v.fix() == null ? "" : " Fix: " + v.fix());
                }
            }
            for (String change : c.repairs()) {
                out.println("  repaired: " + change);
            }
            for (ExportedFile f : c.files()) {
                out.printf("  %-10s %s (%,d bytes)%n", f.role(), f.path(), f.bytes());
            }
        }
        out.println("record: " + r.outDir() + "/job.json");
    }
}
