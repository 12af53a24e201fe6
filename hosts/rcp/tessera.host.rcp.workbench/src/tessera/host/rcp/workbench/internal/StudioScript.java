package tessera.host.rcp.workbench.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;

import jakarta.inject.Inject;
import tessera.api.export.ExportedFile;
import tessera.api.image.RgbImage;
import tessera.api.json.TesseraJson;
import tessera.imaging.io.ImageFiles;
import tessera.imaging.io.RasterFile;

/**
 * The black-box smoke test's driver (#11), inert unless the JVM is started with
 * {@code -Dtessera.studio.script=<folder>}. Then, once the window is up, it drives one design through the
 * parts as a designer's clicks would (their own methods, on the UI thread): generate, interpolate two of the
 * variations, check, repair, export, provenance, QA; it saves a screenshot of the window at each step, writes {@code smoke.json}
 * with what happened and closes the workbench. Every wait is bounded; a step that times out ends the
 * script with its name in {@code smoke.json}. {@code ready.json} marks the first usable window for the
 * cold-start figure.
 */
public class StudioScript {
    public static final String PROPERTY = "tessera.studio.script";
    static final Duration STEP = Duration.ofMinutes(5);

    @Inject
    MApplication app;

    private Path out;
    private Display display;
    private MWindow window;
    private final Map<String, Object> result = new LinkedHashMap<>();

    @Inject
    @Optional
    public void started(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event) {
        String folder = System.getProperty(PROPERTY);
        if (folder == null || folder.isBlank() || out != null) {
            return;
        }
        out = Path.of(folder);
        display = Display.getCurrent();
        window = app.getChildren().get(0);
        // posted once the event loop runs: the window is painted and answers input
        display.asyncExec(() -> {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            result.put("jvmUptimeAtReadyMs", uptime);
            write("ready.json", Map.of("jvmUptimeAtReadyMs", uptime));
            Thread t = new Thread(this::run, "tessera-studio-script");
            t.setDaemon(true);
            t.start();
        });
    }

    private void run() {
        String step = "start";
        try {
            step = "generate";
            DesignPart design = part("tessera.part.design", DesignPart.class);
            // a half brick on a line that prints block, half drop and mirror: the repair has something to do
            ui(() -> design.generate(new DesignForm("sage and rust paisley", "gan", "rotary-64-6", 20261123L, 2, 256,
                    "half-brick", 16.0)));
            await(step, () -> !design.busy() && design.lastResult() != null);
            result.put("designs", read(() -> design.lastResult().tiles().size()));
            shot("rcp-design.png");

            step = "variations";
            VariationsPart variations = part("tessera.part.variations", VariationsPart.class);
            await(step, () -> variations.designs().size() == 2);
            // A = design 1 (the current design already), B = design 2; a strip of five from A to B
            ui(() -> {
                variations.pick(0, false);
                variations.pick(1, true);
                variations.interpolate(5);
            });
            await(step, () -> variations.idle() && variations.explored().size() > 0);
            result.put("interpolated", read(() -> variations.explored().size()));
            shot("rcp-variations.png");

            step = "constraints";
            ConstraintsPart constraints = part("tessera.part.constraints", ConstraintsPart.class);
            await(step, () -> constraints.current() != null && constraints.idle() && !constraints.reports().isEmpty());
            result.put("findings", read(() -> constraints.findings().stream().map(v -> v.severity().id() + " " + v.rule()).toList()));
            shot("rcp-constraints.png");
            if (read(() -> !DesignCheck.passed(constraints.reports()))) {
                step = "repair";
                ui(constraints::repair); // busy from here until the repaired design is checked again
                await(step, constraints::idle);
                result.put("repairs", read(constraints::lastChanges));
                result.put("findingsAfterRepair", read(() -> constraints.findings().stream()
                        .map(v -> v.severity().id() + " " + v.rule()).toList()));
                shot("rcp-constraints-repaired.png");
            }

            step = "export";
            ExportPart export = part("tessera.part.export", ExportPart.class);
            Path exportDir = out.resolve("export");
            ui(() -> export.exportTo(exportDir));
            await(step, () -> export.idle() && !export.written().isEmpty());
            List<ExportedFile> files = read(export::written);
            result.put("exportFolder", exportDir.toString());
            result.put("exported", files.stream().map(f -> f.path() + " " + f.role()).toList());
            shot("rcp-export.png");

            step = "provenance";
            ProvenancePart provenance = part("tessera.part.provenance", ProvenancePart.class);
            await(step, () -> provenance.idle() && !provenance.models().isEmpty() && !provenance.originality().isEmpty());
            result.put("models", read(() -> provenance.models().stream().map(m -> m.generator() + " "
                    + (m.card() == null ? "-" : m.card().id()) + " " + (m.lineage() == null ? "-" : m.lineage().status()))
                    .toList()));
            shot("rcp-provenance.png");

            step = "qa";
            QaPart qa = part("tessera.part.qa", QaPart.class);
            Path source = exportDir.resolve(files.stream().filter(f -> f.role().equals("tile")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the export wrote no tile")).path());
            Path scan = simulatedScan(source, out.resolve("scan-with-stain.png"));
            ui(() -> qa.inspect(source, scan));
            await(step, () -> qa.idle() && qa.report() != null);
            result.put("qaPassed", read(() -> qa.report().passed()));
            result.put("qaDefects", read(() -> qa.report().defects().size()));
            shot("rcp-qa.png");

            step = "plugins";
            part("tessera.part.plugins", PluginsPart.class);
            shot("rcp-plugins.png");
            result.put("ok", true);
        } catch (Throwable e) {
            result.put("ok", false);
            result.put("failedStep", step);
            result.put("error", String.valueOf(e));
        } finally {
            write("smoke.json", result);
            // the workbench exists only once the model is rendered: looked up now, not injected into this addon
            display.asyncExec(() -> app.getContext().get(IWorkbench.class).close());
        }
    }

    /**
     * A scan of the printed goods as QA gets it: the source with an ink stain (a dark disc about a fifth of
     * the tile across), at the source's DPI, so the inspection registers it and finds one defect.
     */
    static Path simulatedScan(Path source, Path file) throws IOException {
        RasterFile in = ImageFiles.read(source);
        RgbImage img = in.image();
        float[] p = img.planes();
        int w = img.width(), h = img.height(), n = w * h, r = Math.max(2, Math.min(w, h) / 10);
        int cx = w / 3, cy = h / 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    int i = y * w + x;
                    p[i] = 0.12f;
                    p[n + i] = 0.08f;
                    p[2 * n + i] = 0.06f;
                }
            }
        }
        ImageFiles.writePng(RgbImage.wrap(w, h, p), in.dpiX(), file);
        return file;
    }

    /** Shows and activates a part, as clicking its tab does, and returns its object. */
    private <T> T part(String id, Class<T> type) throws Exception {
        return read(() -> {
            EPartService parts = window.getContext().get(EPartService.class);
            Object o = parts.showPart(id, PartState.ACTIVATE).getObject();
            return type.cast(o);
        });
    }

    /** Waits, bounded, for a condition read on the UI thread. */
    private void await(String step, Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!read(condition::get)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(step + ": not done within " + STEP.toMinutes() + " min");
            }
            Thread.sleep(100);
        }
    }

    /** Saves the window as it is on screen: read back from the X server, as a person would see it. */
    private void shot(String name) throws Exception {
        Thread.sleep(400); // let queued paints and layouts land before reading the screen
        ImageData data = read(() -> {
            Shell shell = (Shell) window.getWidget();
            shell.update();
            var b = shell.getBounds();
            Image img = new Image(display, b.width, b.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(img, b.x, b.y);
                return img.getImageData();
            } finally {
                gc.dispose();
                img.dispose();
            }
        });
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        Files.createDirectories(out.resolve("screenshots"));
        loader.save(out.resolve("screenshots").resolve(name).toString(), SWT.IMAGE_PNG);
    }

    private <T> T read(Supplier<T> s) {
        AtomicReference<T> ref = new AtomicReference<>();
        display.syncExec(() -> ref.set(s.get()));
        return ref.get();
    }

    private void ui(Runnable r) {
        display.syncExec(r);
    }

    private void write(String name, Object value) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(name), TesseraJson.write(value));
        } catch (IOException | RuntimeException e) {
            System.err.println("tessera studio script: cannot write " + name + ": " + e.getMessage());
        }
    }
}
