package tessera.plugin.provenance.internal.originality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tessera.api.provenance.NearestItem;
import tessera.plugin.provenance.internal.manifest.FileEntry;
import tessera.plugin.provenance.internal.manifest.Manifest;

/**
 * The training images of one manifest, by fingerprint (#7): answers which items are nearest to an output and
 * whether it is too close. A linear scan: 10⁵ items cost a few milliseconds per candidate.
 *
 * @param manifestSha256 the manifest's digest, as model cards name it
 * @param items          fingerprinted training images
 * @param thresholds     from the policy the manifest was made under
 */
public record OriginalityIndex(String manifestSha256, List<Item> items, Manifest.Originality thresholds) {

    public record Item(String path, String sha256, TileFingerprint fingerprint) {
    }

    /**
     * @param hashDistance      perceptual-hash bits apart
     * @param embeddingDistance cosine distance of the embeddings
     */
    public record Match(Item item, int hashDistance, double embeddingDistance) {
        NearestItem nearest() {
            return new NearestItem(item.path(), item.sha256(), hashDistance);
        }
    }

    public static OriginalityIndex of(Manifest m, String manifestSha256) {
        List<Item> items = new ArrayList<>();
        for (FileEntry f : m.files()) {
            if (f.phash() != null && f.embedding() != null && f.embedding().length == TileFingerprint.EMBEDDING_SIZE) {
                items.add(new Item(f.path(), f.sha256(), new TileFingerprint(Long.parseUnsignedLong(f.phash(), 16), f.embedding())));
            }
        }
        return new OriginalityIndex(manifestSha256, List.copyOf(items), m.policy().originality());
    }

    /** @return the {@code k} nearest items, nearest first (by hash distance, then embedding distance) */
    public List<Match> nearest(TileFingerprint output, int k) {
        return items.stream().map(i -> new Match(i, i.fingerprint().hashDistance(output), i.fingerprint().embeddingDistance(output)))
                .sorted(Comparator.comparingInt(Match::hashDistance).thenComparingDouble(Match::embeddingDistance)).limit(k).toList();
    }

    /** @return the nearest item by embedding, for shifted copies whose perceptual hash moved */
    public Match nearestByEmbedding(TileFingerprint output) {
        return items.stream().map(i -> new Match(i, i.fingerprint().hashDistance(output), i.fingerprint().embeddingDistance(output)))
                .min(Comparator.comparingDouble(Match::embeddingDistance)).orElse(null);
    }

    /**
     * A copy when the embedding alone is within its limit (this catches cyclically shifted copies, whose hash
     * moves), or when the hash is within its limit and the embedding agrees within ten times its limit: simple
     * motifs at 32×32 share hashes without looking alike, so the hash alone is not evidence.
     */
    public boolean tooClose(Match m) {
        double e = thresholds.maxEmbeddingDistance();
        return m.embeddingDistance() <= e || m.hashDistance() <= thresholds.maxHashDistance() && m.embeddingDistance() <= 10 * e;
    }
}
