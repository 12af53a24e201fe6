package tessera.dataset.motif.internal;

import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import tessera.dataset.motif.Ink;
import tessera.dataset.motif.MotifSpec;

/**
 * Captions and labels. Captions are plain English in one fixed word order, so a text encoder sees the
 * same phrase for the same property: "[density] [scale] [family phrase] in [inks] on [ground],
 * [palette] palette, [n] colours, [repeat] repeat."
 */
public final class CaptionWriter {
    /** Bumped whenever a change to the renderers changes pixels for an existing spec. */
    public static final String SYNTH_VERSION = "2";

    private CaptionWriter() {
    }

    public static String caption(MotifSpec spec, List<Ink> inks, String style) {
        StringBuilder sb = new StringBuilder();
        String density = spec.density() < 0.34 ? "sparse " : spec.density() > 0.66 ? "dense " : "";
        String scale = spec.scale() < 0.34 ? "small-scale " : spec.scale() > 0.66 ? "large-scale " : "medium-scale ";
        sb.append(density).append(scale).append(familyPhrase(spec, style));
        sb.append(" in ").append(join(inks.subList(1, inks.size()))).append(" on ").append(inks.get(0).name());
        sb.append(", ").append(spec.palette().name()).append(" palette, ").append(inks.size()).append(" colours, ")
                .append(spec.repeat().label()).append(" repeat");
        String s = sb.toString().replaceAll(" +", " ").trim();
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    private static String familyPhrase(MotifSpec spec, String style) {
        String orientation = orientation(spec.rotation());
        return switch (spec.family()) {
            case STRIPES -> orientation + " " + style + " stripes";
            case PINSTRIPE -> orientation + " " + style + " pinstripe";
            case GINGHAM -> style + " gingham check";
            case TARTAN -> "tartan plaid" + (style.isEmpty() ? "" : " with " + style + " texture");
            case POLKA_DOT -> style + " polka dots";
            case CHEVRON -> (orientation.equals("horizontal") ? "" : orientation + " ") + style + " chevron";
            case HERRINGBONE -> (orientation.equals("horizontal") ? "" : orientation + " ") + style + " herringbone";
            case HOUNDSTOOTH -> style.startsWith("with") ? "houndstooth " + style : style + " houndstooth";
            case ARGYLE -> style.replaceFirst("^(\\S+)", "$1 argyle");
            case FLORAL -> "floral of " + style;
            case PAISLEY -> "paisley " + style;
            case DAMASK -> style + " damask ogee";
            case NORDIC_KNIT -> "Nordic Fair Isle knit with " + style;
            case GEOMETRIC -> "geometric tiles of " + style + "s";
            case BRUSH_MARKS -> style + " abstract brush marks";
        };
    }

    /** Rotation in words as stripes are described: 0 horizontal, 90 vertical, anything else diagonal. */
    static String orientation(double rotation) {
        double r = rotation % 180;
        if (r == 0) {
            return "horizontal";
        }
        return r == 90 ? "vertical" : "diagonal";
    }

    private static String join(List<Ink> inks) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inks.size(); i++) {
            if (i > 0) {
                sb.append(i == inks.size() - 1 ? " and " : ", ");
            }
            sb.append(inks.get(i).name());
        }
        return sb.toString();
    }

    public static SortedMap<String, String> labels(MotifSpec spec, List<Ink> inks, String style, String caption) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put("family", spec.family().id());
        labels.put("palette", spec.palette().id());
        labels.put("repeat", spec.repeat().label());
        labels.put("density", String.format(Locale.ROOT, "%.2f", spec.density()));
        labels.put("scale", String.format(Locale.ROOT, "%.2f", spec.scale()));
        labels.put("rotation", number(spec.rotation()));
        labels.put("colours", Integer.toString(inks.size()));
        labels.put("inks", String.join(",", inks.stream().map(Ink::hex).toList()));
        labels.put("ink_names", String.join(",", inks.stream().map(Ink::name).toList()));
        labels.put("style", style.isEmpty() ? "plain" : style);
        labels.put("caption", caption);
        labels.put("seed", Long.toString(spec.seed()));
        labels.put("synth", SYNTH_VERSION);
        return labels;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
