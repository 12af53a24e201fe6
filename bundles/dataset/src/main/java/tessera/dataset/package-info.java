/**
 * Training and test data sets of tiles: {@link tessera.dataset.DatasetMaker} writes synthesized motifs
 * as PNGs with an {@code index.jsonl}; {@link tessera.dataset.TileDataset} reads such a folder, or a
 * plain folder of the user's own PNGs. Format: docs/dataset.md.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.dataset;
