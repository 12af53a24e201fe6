package tessera.host.headless.internal;

import java.io.PrintWriter;

import tessera.api.job.CandidateRecord;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobRecord;
import tessera.api.json.TesseraJson;

/** How every job-running command ends: the record as JSON or a summary, and the exit code it means. */
final class JobOutcome {
    private JobOutcome() {
    }

    static int succeeded(JobRecord record, boolean json, PrintWriter out) {
        if (json) {
            out.println(TesseraJson.write(record));
        } else {
            Summary.print(record, out);
        }
        return record.candidates().stream().allMatch(CandidateRecord::passed) ? ExitCode.OK : ExitCode.CHECKS_FAILED;
    }

    static int failed(String command, JobFailedException e, boolean json, PrintWriter out, PrintWriter err) {
        if (json) {
            out.println(TesseraJson.write(e.record()));
        }
        err.println(command + ": job " + e.record().jobId() + " " + e.record().status().id() + ": " + e.getMessage());
        return ExitCode.FAILED;
    }
}
