package tessera.plugin.qa.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.Version;

import tessera.api.json.TesseraJson;
import tessera.api.provenance.ModelCard;
import tessera.compute.ComputeDevice;

/**
 * The defect models the inspector can use (#10): the one this bundle ships and one per model bundle that
 * {@code tessera train qa} wrote, each under its card's version. An inspection leases the newest model and holds it
 * to its end, so a job that started on one model finishes on it while the next job starts on a newer one; a
 * withdrawn model is closed when its last lease ends.
 */
final class QaModels {
    /** Manifest header of a model bundle: the path of its card inside the jar. */
    static final String HEADER = "Tessera-Qa-Model";
    static final String MODEL_DIR = "model/";

    /** Reads a file of a bundle or of this plugin's class path; null when absent. */
    @FunctionalInterface
    interface Resources {
        InputStream open(String path) throws IOException;
    }

    private static final class Entry {
        final String source;
        final Version version;
        final DefectNet net;
        final AtomicInteger users = new AtomicInteger();
        final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        volatile boolean retired;

        Entry(String source, Version version, DefectNet net) {
            this.source = source;
            this.version = version;
            this.net = net;
        }

        void release() {
            // the last lease and the withdrawal may both see zero; only one closes
            if (users.decrementAndGet() == 0 && retired && closed.compareAndSet(false, true)) {
                net.close();
            }
        }
    }

    /** One inspection's hold on a model. */
    static final class Lease implements AutoCloseable {
        private final Entry entry;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        DefectNet net() {
            return entry.net;
        }

        String source() {
            return entry.source + " " + entry.version;
        }

        @Override
        public void close() {
            entry.release();
        }
    }

    private final List<Entry> models = new ArrayList<>();

    /** Loads the model whose card is at {@code cardPath} (weights beside it) and offers it under the card's version. */
    static DefectNet load(Resources r, String cardPath, ComputeDevice device, Version[] version) throws IOException {
        ModelCard card;
        try (InputStream in = r.open(cardPath)) {
            if (in == null) {
                throw new IOException("no model card at " + cardPath);
            }
            card = TesseraJson.mapper().readValue(in, ModelCard.class);
        }
        String dir = cardPath.substring(0, cardPath.lastIndexOf('/') + 1);
        String weights = dir + card.weights().get(0).path();
        Path tmp = Files.createTempFile("tessera-qa-", ".safetensors");
        try (InputStream in = r.open(weights)) {
            if (in == null) {
                throw new IOException("the card " + cardPath + " names " + weights + ", which is not there");
            }
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            version[0] = Version.parseVersion(card.version());
            return DefectNet.load(device, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    synchronized void add(String source, Version version, DefectNet net) {
        models.add(new Entry(source, version, net));
    }

    /** Withdraws a model; it closes when the inspections holding it end. */
    synchronized void remove(String source) {
        for (var it = models.iterator(); it.hasNext();) {
            Entry e = it.next();
            if (e.source.equals(source)) {
                it.remove();
                e.retired = true;
                e.users.incrementAndGet();
                e.release();
            }
        }
    }

    /** @return a lease on the newest model (the highest card version; the last added among equals) */
    synchronized Lease acquire() {
        Entry best = null;
        for (Entry e : models) {
            if (best == null || e.version.compareTo(best.version) >= 0) {
                best = e;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no QA defect model is loaded");
        }
        best.users.incrementAndGet();
        return new Lease(best);
    }

    synchronized void closeAll() {
        for (Entry e : List.copyOf(models)) {
            remove(e.source);
        }
    }
}
