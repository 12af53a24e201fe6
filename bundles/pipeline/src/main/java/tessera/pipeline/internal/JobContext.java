package tessera.pipeline.internal;

import java.util.Optional;

import tessera.api.generate.GenerationContext;
import tessera.api.job.JobListener;
import tessera.api.profile.ProductionProfile;
import tessera.api.repeat.RepeatGeometry;

/** The job as a generator sees it. */
record JobContext(long seed, RepeatGeometry repeat, ProductionProfile profileOrNull, JobListener listener,
        Progress sink) implements GenerationContext {

    @Override
    public Optional<ProductionProfile> profile() {
        return Optional.ofNullable(profileOrNull);
    }

    @Override
    public void progress(double fraction, String message) {
        sink.report(fraction, message);
    }

    @Override
    public boolean cancelled() {
        return listener.cancelled() || Thread.currentThread().isInterrupted();
    }

    @FunctionalInterface
    interface Progress {
        void report(double fraction, String message);
    }
}
