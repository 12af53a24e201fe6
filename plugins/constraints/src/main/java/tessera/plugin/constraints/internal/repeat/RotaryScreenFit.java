package tessera.plugin.constraints.internal.repeat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which repeat heights a rotary screen can print. The screen is a cylinder: going once round it must
 * print a whole number of repeats, so the vertical period must divide the circumference. The engraver's
 * CAD closes the last repeat by stretching the artwork; up to {@link #MAX_STRETCH} (0.64 mm on a 64 cm
 * screen) that stretch is invisible, beyond it the design visibly distorts or leaves a gap at the join.
 */
public final class RotaryScreenFit {
    /** Largest relative stretch the engraving may apply to close the screen. */
    public static final double MAX_STRETCH = 0.001;
    private static final int MAX_REPEATS_PER_TURN = 256;

    private RotaryScreenFit() {
    }

    /** @return true when {@code periodCm} fits a whole number of times round {@code circumferenceCm} */
    public static boolean fits(double circumferenceCm, double periodCm) {
        long n = Math.round(circumferenceCm / periodCm);
        return n >= 1 && Math.abs(circumferenceCm / (n * periodCm) - 1) <= MAX_STRETCH;
    }

    /**
     * @param circumferenceCm screen circumference
     * @param tilesDown       tiles in one vertical period (2 for mirror and half brick)
     * @param heightCm        the tile height now
     * @param maxHeightCm     tallest tile the line allows
     * @param count           how many to return
     * @return tile heights whose period divides the screen, nearest to {@code heightCm} first (by ratio)
     */
    public static List<Double> tileHeights(double circumferenceCm, int tilesDown, double heightCm, double maxHeightCm, int count) {
        List<Double> out = new ArrayList<>();
        for (int n = 1; n <= MAX_REPEATS_PER_TURN; n++) {
            double h = circumferenceCm / ((double) n * tilesDown);
            if (h < 0.5) {
                break;
            }
            if (h <= maxHeightCm * (1 + MAX_STRETCH)) {
                out.add(h);
            }
        }
        out.sort(Comparator.comparingDouble(h -> Math.abs(Math.log(h / heightCm))));
        return List.copyOf(out.subList(0, Math.min(count, out.size())));
    }
}
