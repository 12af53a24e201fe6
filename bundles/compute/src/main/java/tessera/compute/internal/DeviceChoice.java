package tessera.compute.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tessera.compute.ComputeDevice;

/** The pure selection rule behind {@link DefaultDeviceSelector}, testable without a framework. */
public final class DeviceChoice {
    private DeviceChoice() {
    }

    /** A registered device and its {@code service.ranking}. */
    public record Candidate(ComputeDevice device, int ranking) {
    }

    /** The chosen device and why. */
    public record Choice(ComputeDevice device, String reason) {
    }

    /**
     * @param preference {@code auto} (or blank), {@code cpu}, {@code cuda}, or an exact device id
     * @return empty only when no device at all is registered
     */
    public static Optional<Choice> choose(String preference, List<Candidate> candidates) {
        String pref = preference == null || preference.isBlank() ? "auto" : preference.trim().toLowerCase(Locale.ROOT);
        Comparator<Candidate> best = Comparator.comparingInt(Candidate::ranking).reversed()
                .thenComparing(c -> c.device().id());
        List<Candidate> sorted = candidates.stream().sorted(best).toList();
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        if (pref.equals("auto")) {
            Candidate c = sorted.get(0);
            return Optional.of(new Choice(c.device(), "tessera.compute.device=auto: " + c.device().id()
                    + " has the highest ranking (" + c.ranking() + ") of " + ids(sorted)));
        }
        Optional<Candidate> match = sorted.stream()
                .filter(c -> c.device().id().equalsIgnoreCase(pref) || c.device().kind().equalsIgnoreCase(pref))
                .findFirst();
        if (match.isPresent()) {
            return Optional.of(new Choice(match.get().device(), "tessera.compute.device=" + pref + ": "
                    + match.get().device().id() + " (" + match.get().device().description() + ")"));
        }
        Candidate fallback = sorted.stream().filter(c -> c.device().kind().equals("cpu")).findFirst()
                .orElse(sorted.get(0));
        return Optional.of(new Choice(fallback.device(), "tessera.compute.device=" + pref
                + " but no such device is registered (" + hint(pref) + "); using " + fallback.device().id()
                + "; registered: " + ids(sorted)));
    }

    private static String hint(String pref) {
        return pref.startsWith("cuda") ? "no GPU, no driver, or tessera.compute.cuda not installed"
                : "known values: auto, cpu, cuda or a device id";
    }

    private static String ids(List<Candidate> cs) {
        return String.join(", ", cs.stream().map(c -> c.device().id() + "@" + c.ranking()).toList());
    }
}
