package tessera.api.constraint;

/** A rectangle in tile pixels: where a finding is. */
public record Region(int x, int y, int width, int height) {
}
