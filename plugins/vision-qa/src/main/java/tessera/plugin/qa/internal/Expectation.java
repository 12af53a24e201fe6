package tessera.plugin.qa.internal;


/**
 * The design as it should appear on an inspection grid: the tile blurred by about half a grid pixel (what box
 * averaging and the scanner's optics do to an edge) and sampled through the registration.
 */
final class Expectation {

    private Expectation() {
    }

    static DesignRepeat blurred(DesignRepeat design, double sigma) {
        return design.with(Planes.blurRepeat(design, design.plane(0), sigma), Planes.blurRepeat(design, design.plane(1), sigma),
                Planes.blurRepeat(design, design.plane(2), sigma));
    }

    /** @param gridMap grid pixel → source pixel */
    static float[] render(DesignRepeat design, Similarity gridMap, int gw, int gh) {
        DesignRepeat b = blurred(design, 0.5 * gridMap.scale());
        return PrintSimulator.render(b, gridMap, gw, gh);
    }
}
