package tessera.host.rcp.workbench.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;

/** What the workbench tests share: the engine started as the product starts it, and a display check. */
final class TestRuntime {
    private TestRuntime() {
    }

    /**
     * Starts SCR and the engine's bundles, as the product's config.ini does (bnd's DS bundles have no
     * lazy activation policy, so Equinox leaves them resolved otherwise).
     */
    static Engine startEngine() throws BundleException {
        BundleContext ctx = FrameworkUtil.getBundle(TestRuntime.class).getBundleContext();
        for (Bundle b : ctx.getBundles()) {
            String name = String.valueOf(b.getSymbolicName());
            boolean engine = name.equals("org.apache.felix.scr") || name.startsWith("tessera.") && !name.startsWith("tessera.host.");
            if (engine && b.getHeaders().get("Fragment-Host") == null && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        return new Engine(ctx);
    }

    /** Skips, saying why, where SWT has no display to open (GTK needs an X or Wayland server). */
    static void assumeDisplay() {
        String x = System.getenv("DISPLAY"), w = System.getenv("WAYLAND_DISPLAY");
        assumeTrue(x != null && !x.isBlank() || w != null && !w.isBlank(),
                "no display: SWT needs an X server; run the build under Xvfb (xvfb-run -a ./mvnw verify) to run this test");
    }

    /**
     * Runs the display's event loop until {@code done}, failing after {@code timeout}: the parts deliver
     * their results through it. A timer wakes the loop, so a quiet display cannot sleep past the bound.
     */
    static void pumpUntil(Display display, BooleanSupplier done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not done within " + timeout.toSeconds() + " s");
            }
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> { });
                display.sleep();
            }
        }
    }
}
