package tessera.imaging.repeat;

import java.util.Random;

import tessera.api.image.RgbImage;

/** Synthetic test tiles with known repeat behaviour. */
final class Tiles {
    private Tiles() {
    }

    interface Field {
        double at(int c, double x, double y);
    }

    static RgbImage of(int w, int h, Field f) {
        float[] p = new float[3 * w * h];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    p[(c * h + y) * w + x] = (float) Math.clamp(f.at(c, x, y), 0, 1);
                }
            }
        }
        return RgbImage.wrap(w, h, p);
    }

    /** Smooth colour waves with whole periods across the tile: seamless in a block repeat. */
    static RgbImage blockSeamless(int w, int h) {
        return of(w, h, (c, x, y) -> 0.5 + 0.2 * Math.sin(2 * Math.PI * ((c + 1) * x / w + 2 * y / h))
                + 0.15 * Math.cos(2 * Math.PI * (3 * x / w - (c + 1) * y / h)));
    }

    /**
     * Seamless in a half drop only: one and a half waves across, so a block repeat meets a wave in
     * opposite phase, and the half drop's shifted neighbour brings it back in phase.
     */
    static RgbImage halfDropSeamless(int w, int h) {
        return of(w, h, (c, x, y) -> 0.5 + 0.3 * Math.sin(2 * Math.PI * (1.5 * x / w + (2 * c + 1) * y / h)));
    }

    /** Smooth but not periodic: a diagonal gradient with a gentle curve; every seam shows. */
    static RgbImage notSeamless(int w, int h) {
        return of(w, h, (c, x, y) -> 0.15 + 0.7 * (x / w * 0.6 + y / h * 0.4) + 0.05 * Math.sin(x * 0.1 + c));
    }

    /** Independent random pixels: seamless in every repeat, as seams are no rougher than the inside. */
    static RgbImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        return of(w, h, (c, x, y) -> r.nextDouble());
    }

    /** Gingham: bands of 8 px with one band edge exactly on the tile border, as stripes and checks often are. */
    static RgbImage gingham(int w, int h) {
        return of(w, h, (c, x, y) -> {
            boolean vx = ((int) x / 8) % 2 == 0;
            boolean vy = ((int) y / 8) % 2 == 0;
            double ink = (vx ? 0.4 : 0) + (vy ? 0.4 : 0);
            return c == 2 ? 1 - ink * 0.5 : 1 - ink;
        });
    }
}
