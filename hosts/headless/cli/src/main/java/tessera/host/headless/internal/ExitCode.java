package tessera.host.headless.internal;

/** What {@code tessera}'s exit codes mean; scripts rely on these (README, CLI section). */
final class ExitCode {
    private ExitCode() {
    }

    /** Done; every design passed its checks. */
    static final int OK = 0;
    /** The job or command failed (a plugin failed, a file could not be written …). */
    static final int FAILED = 1;
    /** The user's input was wrong (unknown option, invalid request, unreadable file). */
    static final int USAGE = 2;
    /**
     * Designs were made, but at least one still fails a production check after repair; for {@code provenance}:
     * the scan ran but the policy found violations, or a model's lineage failed (#7).
     */
    static final int CHECKS_FAILED = 3;
}
