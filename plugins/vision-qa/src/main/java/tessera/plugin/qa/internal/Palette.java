package tessera.plugin.qa.internal;

import java.util.ArrayList;
import java.util.List;

import tessera.imaging.colour.Lab;

/**
 * The design's colours: pixels binned at 4 bits a channel, bins merged in order of area while within 8 ΔE*ab of
 * a colour already found, each colour the mean of its pixels. A screen print's inks come out exactly; a
 * continuous-tone design gives its dominant colours.
 */
record Palette(List<float[]> rgb, List<Lab> lab, double[] area, double coverage) {
    static final int MAX = 16;
    static final double MIN_AREA = 0.005;
    /** ΔE*ab within which a pixel belongs to a palette colour. */
    static final double MEMBER_DE = 5;

    static Palette of(DesignRepeat d) {
        int n = d.width() * d.height();
        float[] r = d.plane(0);
        float[] g = d.plane(1);
        float[] b = d.plane(2);
        int[] count = new int[4096];
        double[][] sum = new double[4096][3];
        for (int i = 0; i < n; i++) {
            int k = bin(r[i]) << 8 | bin(g[i]) << 4 | bin(b[i]);
            count[k]++;
            sum[k][0] += r[i];
            sum[k][1] += g[i];
            sum[k][2] += b[i];
        }
        Integer[] order = new Integer[4096];
        for (int i = 0; i < 4096; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Integer.compare(count[y], count[x]));
        List<double[]> acc = new ArrayList<>();
        List<Lab> labs = new ArrayList<>();
        for (int k : order) {
            if (count[k] == 0) {
                break;
            }
            double[] mean = {sum[k][0] / count[k], sum[k][1] / count[k], sum[k][2] / count[k]};
            Lab l = PrintSimulator.lab(new float[] {(float) mean[0], (float) mean[1], (float) mean[2]});
            int hit = -1;
            for (int p = 0; p < labs.size(); p++) {
                if (de76(labs.get(p), l) < 8) {
                    hit = p;
                    break;
                }
            }
            if (hit >= 0) {
                double[] a = acc.get(hit);
                a[0] += sum[k][0];
                a[1] += sum[k][1];
                a[2] += sum[k][2];
                a[3] += count[k];
            } else if (labs.size() < MAX && count[k] >= MIN_AREA * n) {
                acc.add(new double[] {sum[k][0], sum[k][1], sum[k][2], count[k]});
                labs.add(l);
            }
        }
        dropBlends(acc, labs);
        List<float[]> rgb = new ArrayList<>();
        List<Lab> lab = new ArrayList<>();
        double[] area = new double[acc.size()];
        for (int p = 0; p < acc.size(); p++) {
            double[] a = acc.get(p);
            float[] c = {(float) (a[0] / a[3]), (float) (a[1] / a[3]), (float) (a[2] / a[3])};
            rgb.add(c);
            lab.add(PrintSimulator.lab(c));
            area[p] = a[3] / n;
        }
        int covered = 0;
        for (int i = 0; i < n; i += Math.max(1, n / 20000)) {
            Lab l = PrintSimulator.lab(new float[] {r[i], g[i], b[i]});
            for (Lab p : lab) {
                if (de76(p, l) < MEMBER_DE) {
                    covered++;
                    break;
                }
            }
        }
        return new Palette(rgb, lab, area, covered / (double) ((n + Math.max(1, n / 20000) - 1) / Math.max(1, n / 20000)));
    }

    /**
     * Drops colours that are the anti-aliased edge between two larger colours (within 4 ΔE*ab of the line
     * between them): they are not inks, and their "measured" colour depends on where the edge fell.
     */
    private static void dropBlends(List<double[]> acc, List<Lab> labs) {
        for (int p = acc.size() - 1; p >= 0; p--) {
            boolean blend = false;
            for (int q = 0; q < acc.size() && !blend; q++) {
                for (int r = q + 1; r < acc.size() && !blend; r++) {
                    if (q != p && r != p && acc.get(q)[3] > acc.get(p)[3] && acc.get(r)[3] > acc.get(p)[3]) {
                        blend = segmentDistance(labs.get(p), labs.get(q), labs.get(r)) < 4;
                    }
                }
            }
            if (blend) {
                acc.remove(p);
                labs.remove(p);
            }
        }
    }

    private static double segmentDistance(Lab p, Lab a, Lab b) {
        double[] ab = {b.l() - a.l(), b.a() - a.a(), b.b() - a.b()};
        double[] ap = {p.l() - a.l(), p.a() - a.a(), p.b() - a.b()};
        double len = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
        double t = len == 0 ? 0 : Math.clamp((ap[0] * ab[0] + ap[1] * ab[1] + ap[2] * ab[2]) / len, 0.05, 0.95);
        return Math.sqrt(sq(ap[0] - t * ab[0]) + sq(ap[1] - t * ab[1]) + sq(ap[2] - t * ab[2]));
    }

    private static int bin(float v) {
        return Math.clamp((int) (v * 16), 0, 15);
    }

    static double de76(Lab a, Lab b) {
        return Math.sqrt(sq(a.l() - b.l()) + sq(a.a() - b.a()) + sq(a.b() - b.b()));
    }

    static double de76(Lab a, float l, float aa, float bb) {
        return Math.sqrt(sq(a.l() - l) + sq(a.a() - aa) + sq(a.b() - bb));
    }

    private static double sq(double v) {
        return v * v;
    }

    int size() {
        return lab.size();
    }

    /** Flat colours (screens): the palette explains nearly every pixel. */
    boolean flat() {
        return size() >= 2 && size() <= 12 && coverage >= 0.85;
    }

    /** @return the palette colour within {@link #MEMBER_DE} of (l, a, b), or −1 */
    int member(float l, float a, float b) {
        int best = -1;
        double bd = MEMBER_DE;
        for (int p = 0; p < lab.size(); p++) {
            double d = de76(lab.get(p), l, a, b);
            if (d < bd) {
                bd = d;
                best = p;
            }
        }
        return best;
    }

    String hex(int p) {
        float[] c = rgb.get(p);
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", Math.round(c[0] * 255), Math.round(c[1] * 255),
                Math.round(c[2] * 255));
    }
}
