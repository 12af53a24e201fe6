package tessera.plugin.constraints.internal.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Numbers as a printer would write them: at most two decimals, no trailing zeros ("64", "21.33", "1.5"). */
public final class Num {
    private Num() {
    }

    /** @return {@code v} rounded to two decimals, without trailing zeros */
    public static String of(double v) {
        return of(v, 2);
    }

    /** @return {@code v} rounded to {@code decimals}, without trailing zeros */
    public static String of(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** @return e.g. "70 cm" */
    public static String cm(double v) {
        return of(v) + " cm";
    }

    /** @return e.g. "32 × 64 cm" */
    public static String size(double widthCm, double heightCm) {
        return of(widthCm) + " × " + of(heightCm) + " cm";
    }

    /** @return a signed percentage, e.g. "−8.6 %" or "+12 %", for a ratio such as 0.914 */
    public static String change(double ratio) {
        double pct = (ratio - 1) * 100;
        return (pct < 0 ? "−" : "+") + of(Math.abs(pct), 1) + " %";
    }

    /** @return "a", "a or b", "a, b or c" */
    public static String either(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
