package tessera.api.provenance;

/**
 * A training item close to an output.
 *
 * @param item     manifest path of the training file
 * @param sha256   its digest
 * @param distance distance in the checker's metric; smaller is closer
 */
public record NearestItem(String item, String sha256, double distance) {
}
