package tessera.imaging.io.internal;

/**
 * PNG row filtering (ISO/IEC 15948 §9): tries the five filters on each row and keeps the one with the
 * smallest sum of absolute signed bytes, the heuristic libpng uses; it compresses smooth textile
 * gradients far better than no filtering.
 */
final class RowFilter {
    private final int bpp;
    private final byte[][] candidates;

    RowFilter(int rowBytes, int bpp) {
        this.bpp = bpp;
        this.candidates = new byte[5][rowBytes + 1];
        for (int f = 0; f < 5; f++) {
            candidates[f][0] = (byte) f;
        }
    }

    /** @return the filter type byte followed by the filtered row; valid until the next call */
    byte[] best(byte[] cur, byte[] prev) {
        int n = cur.length;
        long[] cost = new long[5];
        for (int i = 0; i < n; i++) {
            int x = cur[i] & 0xff;
            int a = i >= bpp ? cur[i - bpp] & 0xff : 0;
            int b = prev[i] & 0xff;
            int c = i >= bpp ? prev[i - bpp] & 0xff : 0;
            byte f0 = (byte) x;
            byte f1 = (byte) (x - a);
            byte f2 = (byte) (x - b);
            byte f3 = (byte) (x - ((a + b) >>> 1));
            byte f4 = (byte) (x - paeth(a, b, c));
            candidates[0][i + 1] = f0;
            candidates[1][i + 1] = f1;
            candidates[2][i + 1] = f2;
            candidates[3][i + 1] = f3;
            candidates[4][i + 1] = f4;
            cost[0] += Math.abs(f0);
            cost[1] += Math.abs(f1);
            cost[2] += Math.abs(f2);
            cost[3] += Math.abs(f3);
            cost[4] += Math.abs(f4);
        }
        int best = 0;
        for (int f = 1; f < 5; f++) {
            if (cost[f] < cost[best]) {
                best = f;
            }
        }
        return candidates[best];
    }

    /** The Paeth predictor (ISO/IEC 15948 §9.4), shared with the decoder. */
    static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }
}
