package tessera.host.rcp.workbench.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.osgi.framework.ServiceListener;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import tessera.api.InvalidValueException;
import tessera.api.job.DesignPipeline;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobListener;
import tessera.api.profile.ProductionProfile;

/**
 * The Design part: prompt, generator, profile, seed and variations; Generate runs the pipeline on a
 * worker thread with progress and cancel, and posts the first design to the Canvas part.
 */
public class DesignPart {
    private static final String BEST = "(best installed)";
    private static final String NONE = "(none)";
    static final String[] REPEATS = {"", "block", "half-drop", "half-brick", "mirror"};

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tessera-design-job");
        t.setDaemon(true); // a running job must not keep the JVM alive after the window closes
        return t;
    });
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final Engine engine = Engine.current();
    private ServiceListener serviceListener;

    /** Where the current design is shared with the other parts; absent when a test builds the part alone. */
    @Inject
    @Optional
    MApplication app;

    private Text prompt, seed;
    private Combo generator, profile, repeat;
    private Spinner variations, size, widthCm;
    private Button generate, stop;
    private ProgressBar progress;
    private Label status;
    private org.eclipse.swt.widgets.List designs;
    private DesignResult last;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        prompt = field(parent, "Prompt", new Text(parent, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL));
        ((GridData) prompt.getLayoutData()).heightHint = 60;
        prompt.setText("sage and cream gingham, half-drop");
        generator = field(parent, "Generator", new Combo(parent, SWT.READ_ONLY));
        profile = field(parent, "Production profile", new Combo(parent, SWT.READ_ONLY));
        seed = field(parent, "Seed", new Text(parent, SWT.BORDER));
        seed.setMessage("chosen and recorded when empty");
        variations = field(parent, "Variations", spinner(parent, 1, 64, 4));
        size = field(parent, "Tile size (px)", spinner(parent, 16, 2048, 256));
        widthCm = field(parent, "Repeat width (cm)", spinner(parent, 1, 500, 32));
        repeat = field(parent, "Repeat", new Combo(parent, SWT.READ_ONLY));
        repeat.setItems(REPEATS);
        repeat.select(0);
        generate = new Button(parent, SWT.PUSH);
        generate.setText("Generate");
        stop = new Button(parent, SWT.PUSH);
        stop.setText("Cancel");
        stop.setEnabled(false);
        progress = new ProgressBar(parent, SWT.HORIZONTAL);
        progress.setMaximum(1000);
        progress.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        designs = new org.eclipse.swt.widgets.List(parent, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        designs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        generate.addListener(SWT.Selection, e -> generate());
        stop.addListener(SWT.Selection, e -> cancel.set(true));
        designs.addListener(SWT.Selection, e -> showDesign(designs.getSelectionIndex()));
        refreshChoices();
        // plugins come and go while the workbench runs: the choices follow them
        Display display = parent.getDisplay();
        serviceListener = e -> display.asyncExec(() -> {
            if (!generator.isDisposed()) {
                refreshChoices();
            }
        });
        try {
            engine.context().addServiceListener(serviceListener, "(|(objectClass=" + tessera.api.generate.Generator.class
                    .getName() + ")(objectClass=" + tessera.api.profile.ProfileCatalog.class.getName() + "))");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError("the filter is a constant", e);
        }
    }

    private void refreshChoices() {
        String g = generator.getText(), p = profile.getText();
        generator.removeAll();
        generator.add(BEST);
        engine.generatorIds().forEach(generator::add);
        generator.select(Math.max(0, generator.indexOf(g)));
        profile.removeAll();
        profile.add(NONE);
        for (ProductionProfile pp : engine.profiles()) {
            profile.add(pp.id());
        }
        profile.select(Math.max(0, profile.indexOf(p)));
    }

    /** @return the form's values; an {@link InvalidValueException} names a field that is out of range */
    DesignForm form() {
        String s = seed.getText().strip();
        Long seedValue;
        try {
            seedValue = s.isEmpty() ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("seed", "'" + s + "' is not a whole number");
        }
        String g = generator.getText(), p = profile.getText();
        return new DesignForm(prompt.getText(), g.equals(BEST) ? null : g, p.equals(NONE) ? null : p, seedValue,
                variations.getSelection(), size.getSelection(), repeat.getText(), (double) widthCm.getSelection());
    }

    private void generate() {
        tessera.api.design.DesignRequest request;
        try {
            request = form().toRequest();
        } catch (InvalidValueException e) {
            status.setText("Invalid request: " + e.getMessage()); // the message names the field and its range
            status.getParent().layout(true);
            return;
        }
        Path out = DesignRun.newFolder();
        cancel.set(false);
        generate.setEnabled(false);
        stop.setEnabled(true);
        progress.setSelection(0);
        status.setText("Starting…");
        Display display = generate.getDisplay();
        JobListener listener = new JobProgress(progress, status, cancel);
        worker.execute(() -> {
            String outcome;
            DesignResult result = null;
            try {
                DesignPipeline pipeline = engine.await(DesignPipeline.class, Duration.ofSeconds(10));
                result = DesignRun.run(pipeline, request, out, listener);
                outcome = "Done: " + result.tiles().size() + " designs in " + out;
            } catch (JobFailedException e) {
                outcome = (cancel.get() ? "Cancelled: " : "Failed: ") + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = "Interrupted";
            } catch (RuntimeException e) {
                outcome = "Failed: " + e.getMessage(); // a plugin's fault must not take the workbench down
            }
            DesignResult r = result;
            String o = outcome;
            display.asyncExec(() -> finished(r, o));
        });
    }

    private void finished(DesignResult result, String outcome) {
        if (status.isDisposed()) {
            return;
        }
        generate.setEnabled(true);
        stop.setEnabled(false);
        status.setText(outcome);
        status.getParent().layout(true);
        if (result == null) {
            return;
        }
        last = result;
        if (app != null) {
            app.getContext().set(DesignResult.class, result); // the Variations view shows the job's designs as a grid
        }
        if (result.record().request().seed() != null) {
            seed.setText(Long.toString(result.record().request().seed()));
        }
        designs.removeAll();
        for (int i = 0; i < result.tiles().size(); i++) {
            var c = result.record().candidates().get(i);
            designs.add((i + 1) + ". seed " + c.seed() + (c.passed() ? "  ✓ passes" : "  ✗ see checks"));
        }
        if (!result.tiles().isEmpty()) {
            designs.select(0);
            showDesign(0);
        }
    }

    private void showDesign(int index) {
        if (last == null || index < 0 || index >= last.tiles().size()) {
            return;
        }
        try {
            CurrentDesign d = CurrentDesign.of(last, index);
            if (app != null) {
                app.getContext().set(CurrentDesign.class, d);
            }
        } catch (java.io.IOException e) {
            status.setText("Cannot read design " + (index + 1) + ": " + e.getMessage());
        }
    }

    /** Fills the form and generates, as a click would: the smoke script's entry (#11). */
    void generate(DesignForm f) {
        prompt.setText(f.prompt());
        seed.setText(f.seed() == null ? "" : Long.toString(f.seed()));
        variations.setSelection(f.variations());
        size.setSelection(f.sizePx());
        repeat.select(Math.max(0, repeat.indexOf(f.repeat() == null ? "" : f.repeat())));
        if (f.widthCm() != null) {
            widthCm.setSelection((int) Math.round(f.widthCm()));
        }
        generator.select(Math.max(0, generator.indexOf(f.generator() == null ? BEST : f.generator())));
        profile.select(Math.max(0, profile.indexOf(f.profile() == null ? NONE : f.profile())));
        generate();
    }

    /** @return the last finished job, or null while none has finished */
    DesignResult lastResult() {
        return last;
    }

    /** @return true while a job runs */
    boolean busy() {
        return !generate.isEnabled();
    }

    @Focus
    public void focus() {
        prompt.setFocus();
    }

    @PreDestroy
    public void dispose() {
        cancel.set(true);
        worker.shutdown();
        engine.context().removeServiceListener(serviceListener);
    }

    private static Spinner spinner(Composite parent, int min, int max, int value) {
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setValues(value, min, max, 0, 1, 10);
        return s;
    }

    private static <T extends org.eclipse.swt.widgets.Control> T field(Composite parent, String label, T control) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(label);
        l.moveAbove(control);
        control.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return control;
    }
}
