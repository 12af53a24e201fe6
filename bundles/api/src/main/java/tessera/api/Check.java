package tessera.api;

import java.util.Collection;

/** Range checks for record constructors; every failure names the field and the allowed range. */
public final class Check {
    private Check() {
    }

    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidValueException(field, value + " is out of range; allowed " + min + " to " + max);
        }
        return value;
    }

    public static double range(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidValueException(field, fmt(value) + " is out of range; allowed " + fmt(min) + " to " + fmt(max));
        }
        return value;
    }

    public static Integer rangeOrNull(String field, Integer value, int min, int max) {
        return value == null ? null : range(field, value, min, max);
    }

    public static Double rangeOrNull(String field, Double value, double min, double max) {
        return value == null ? null : range(field, value, min, max);
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    public static String text(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidValueException(field, "has " + value.length() + " characters; at most " + maxLength + " allowed");
        }
        return value;
    }

    /** An identifier: lower-case letters, digits, dots, dashes and underscores, 1 to 64 characters. */
    public static String id(String field, String value) {
        if (value != null && !value.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new InvalidValueException(field, "'" + value
                    + "' is not an id; use 1 to 64 lower-case letters, digits, '.', '-' or '_'");
        }
        return value;
    }

    public static <T extends Collection<?>> T size(String field, T value, int max) {
        if (value != null && value.size() > max) {
            throw new InvalidValueException(field, "has " + value.size() + " entries; at most " + max + " allowed");
        }
        return value;
    }

    public static <T extends java.util.Map<?, ?>> T size(String field, T value, int max) {
        if (value != null && value.size() > max) {
            throw new InvalidValueException(field, "has " + value.size() + " entries; at most " + max + " allowed");
        }
        return value;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
