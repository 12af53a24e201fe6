package tessera.host.rcp.workbench.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import tessera.api.design.DesignRequest;
import tessera.api.job.DesignPipeline;
import tessera.api.job.JobListener;

/**
 * The Variations view (#11): the Design view's last job as a grid of swatches, and the latent explorer on the
 * picked designs. A click makes a design the current one (canvas, constraints, export follow); Ctrl+click marks
 * a second. Interpolate, vary and mix run the GAN's latent modes as pipeline jobs on this part's worker, with
 * progress and cancel, and show their designs in the grid beside, which can be picked and explored in turn
 * where the generator allows. Save as brand preset writes the GAN's preset file from the picked designs.
 */
public class VariationsPart {
    private final Engine engine = Engine.current();
    private final Background background = new Background("variations");
    /** Decodes the designs' thumbnails off the UI thread, in the order the jobs arrive (apart from the moves). */
    private final Background thumbnails = new Background("variations-thumbnails");
    private final AtomicBoolean cancel = new AtomicBoolean();

    /** Where the picked design becomes the current one; absent when a test builds the part alone. */
    @Inject
    @Optional
    MApplication app;

    private Label header, exploredHeader, why, status;
    private ScrolledComposite designsScroll, exploredScroll;
    private VariationGrid designs, explored;
    private Button interpolate, vary, mix, savePreset, stop;
    private Spinner count;
    private Combo radius;
    private Text presetId, presetName, recipe;
    private ProgressBar progress;
    private DesignResult pendingJob;
    private Variation a, b;
    private CurrentDesign current;
    private BrandPresets.Saved saved;
    private boolean busy;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        // the job's designs and the last move's side by side: the view sits in a wide, low stack
        SashForm grids = new SashForm(parent, SWT.HORIZONTAL);
        grids.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite left = column(grids), right = column(grids);
        header = wide(new Label(left, SWT.WRAP));
        designsScroll = new ScrolledComposite(left, SWT.V_SCROLL | SWT.BORDER);
        designs = new VariationGrid(designsScroll, (i, second) -> pick(designs, i, second));
        scroller(designsScroll, designs);
        exploredHeader = wide(new Label(right, SWT.WRAP));
        exploredHeader.setText("Explored: the designs of the last move appear here.");
        exploredScroll = new ScrolledComposite(right, SWT.V_SCROLL | SWT.BORDER);
        explored = new VariationGrid(exploredScroll, (i, second) -> pick(explored, i, second));
        scroller(exploredScroll, explored);
        grids.setWeights(1, 1);

        Composite moves = new Composite(parent, SWT.NONE);
        moves.setLayout(new GridLayout(8, false));
        wide(moves);
        interpolate = button(moves, "Interpolate A → B");
        vary = button(moves, "Vary A");
        radius = new Combo(moves, SWT.READ_ONLY);
        radius.setItems(LatentExplorer.RADII);
        radius.select(0);
        radius.setToolTipText("How far variations stray: 15, 35 or 60 % of the code replaced by fresh noise");
        mix = button(moves, "Mix");
        new Label(moves, SWT.NONE).setText("Designs");
        count = new Spinner(moves, SWT.BORDER);
        count.setValues(6, 2, 16, 0, 1, 4);
        count.setToolTipText("How many designs a move makes: an interpolation's strip includes both ends");
        stop = button(moves, "Cancel");
        new Label(moves, SWT.NONE);
        new Label(moves, SWT.NONE).setText("Preset id");
        presetId = new Text(moves, SWT.BORDER);
        presetId.setMessage("nordic-home-ss27");
        presetId.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        new Label(moves, SWT.NONE).setText("Name");
        presetName = new Text(moves, SWT.BORDER);
        presetName.setMessage("Nordic Home SS27");
        presetName.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        savePreset = button(moves, "Save as brand preset");
        why = wide(new Label(parent, SWT.WRAP));
        progress = new ProgressBar(parent, SWT.HORIZONTAL);
        progress.setMaximum(1000);
        wide(progress);
        status = wide(new Label(parent, SWT.WRAP));
        recipe = wide(new Text(parent, SWT.READ_ONLY | SWT.SINGLE | SWT.H_SCROLL));
        recipe.setToolTipText("The tessera generate command that makes the picked design again (same pixels)");

        interpolate.addListener(SWT.Selection, e -> interpolate(count.getSelection()));
        vary.addListener(SWT.Selection, e -> explore("ring", LatentExplorer.vary(a, radius.getText(), count.getSelection())));
        mix.addListener(SWT.Selection, e -> explore("mix", LatentExplorer.mix(a, b, count.getSelection())));
        savePreset.addListener(SWT.Selection, e -> savePreset(presetId.getText(), presetName.getText()));
        stop.addListener(SWT.Selection, e -> cancel.set(true));
        presetId.addListener(SWT.Modify, e -> update());
        // DI delivers the context's values before the widgets exist
        job(pendingJob);
        design(current);
    }

    /** Follows the Design view's last finished job. */
    @Inject
    @Optional
    public void job(DesignResult result) {
        pendingJob = result;
        if (designs == null || designs.isDisposed()) {
            return;
        }
        header.setText(result == null ? "Variations of the Design view's job"
                : result.tiles().size() + " designs of " + result.outDir().getFileName() + " · " + describe(result));
        a = b = null;
        show(designs, designsScroll, result, "No designs yet: generate some in the Design view.", this::remark);
    }

    /** Follows the current design: a design picked in the Design view's list becomes A here too. */
    @Inject
    @Optional
    public void design(CurrentDesign d) {
        current = d;
        if (designs != null && !designs.isDisposed() && d != null && d.origin() != null && d.revision() == 0
                && !d.origin().sameAs(a)) {
            a = d.origin();
            b = b != null && b.sameAs(a) ? null : b;
            remark();
        }
    }

    /** Picks design {@code i} of the Design view's job, as a click (second: Ctrl+click) does. */
    void pick(int i, boolean second) {
        pick(designs, i, second);
    }

    /** Picks design {@code i} of the explored strip. */
    void pickExplored(int i, boolean second) {
        pick(explored, i, second);
    }

    private void pick(VariationGrid grid, int i, boolean second) {
        Variation v = new Variation(grid.job(), i);
        if (second && a != null) {
            b = v.sameAs(a) ? null : v;
        } else {
            a = v;
            b = b != null && b.sameAs(a) ? null : b;
            try {
                current = CurrentDesign.of(v);
                if (app != null) {
                    app.getContext().set(CurrentDesign.class, current); // canvas, constraints, export follow
                }
            } catch (IOException e) {
                status.setText("Cannot read " + v.tile() + ": " + e.getMessage());
            }
        }
        remark();
    }

    /** Interpolates from A to B in a strip of {@code k} designs, both ends included, as the button does. */
    void interpolate(int k) {
        count.setSelection(k);
        explore("interpolate", LatentExplorer.interpolate(a, b, k));
    }

    /** Varies A: the GAN's ring of {@code k} designs at the given radius (small, medium, large). */
    void vary(String r, int k) {
        radius.select(Math.max(0, radius.indexOf(r)));
        count.setSelection(k);
        explore("ring", LatentExplorer.vary(a, r, k));
    }

    private void explore(String what, DesignRequest request) {
        Path out = DesignRun.besides(a.job().outDir(), what);
        start(what + " from " + a.label() + "…");
        background.run(designs, () -> {
            DesignPipeline pipeline = engine.await(DesignPipeline.class, Duration.ofSeconds(10));
            return DesignRun.run(pipeline, request, out, listener());
        }, r -> {
            finish(what + ": " + r.tiles().size() + " designs in " + out);
            exploredHeader.setText("Explored: " + what + " of " + (b != null && !what.equals("ring") ? "A and B" : "A")
                    + " · " + describe(r));
            show(explored, exploredScroll, r, "", this::remark);
        }, this::failed);
    }

    /** Saves the picked design(s) as a brand preset of the GAN and checks it regenerates A, as the button does. */
    void savePreset(String id, String name) {
        presetId.setText(id);
        presetName.setText(name);
        List<Variation> picks = b == null ? List.of(a) : List.of(a, b);
        start("saving brand preset " + id + "…");
        background.run(designs, () -> BrandPresets.save(engine, picks, id.strip(), name, listener()), s -> {
            saved = s;
            finish("Brand preset '" + s.preset().id() + "' from " + picks.size() + " design(s) saved to " + s.file()
                    + (s.samePixels() == null ? "; its designs vary inside the box around them"
                            : s.samePixels() ? "; regenerated from it, " + a.label() + " has the same pixels"
                                    : "; regenerated from it, " + a.label() + " has DIFFERENT pixels (see the recipe)"));
            if (s.recipe() != null) {
                recipe.setText(s.recipe());
            }
        }, this::failed);
    }

    private JobListener listener() {
        return new JobProgress(progress, status, cancel);
    }

    private void start(String what) {
        cancel.set(false);
        busy = true;
        progress.setSelection(0);
        status.setText(what);
        update();
    }

    private void finish(String outcome) {
        busy = false;
        progress.setSelection(1000);
        status.setText(outcome);
        status.getParent().layout(true);
        update();
    }

    private void failed(Exception e) {
        finish((cancel.get() ? "Cancelled: " : "Failed: ") + Background.describe(e));
    }

    /** Frames A and B in whichever grid holds them and sets what the buttons may do. */
    private void remark() {
        designs.mark(indexIn(designs, a), indexIn(designs, b));
        explored.mark(indexIn(explored, a), indexIn(explored, b));
        recipe.setText(a == null ? "" : a.recipe());
        update();
    }

    private static int indexIn(VariationGrid grid, Variation v) {
        return v != null && grid.job() != null && v.job().outDir().equals(grid.job().outDir()) ? v.index() : -1;
    }

    /** Enables each move only where the picked designs allow it; a disabled one says why in its tooltip. */
    private void update() {
        String whyA = LatentExplorer.whyNot(a, LatentExplorer.Serving.of(engine, a));
        String whyB = b == null ? null : LatentExplorer.whyNot(b, LatentExplorer.Serving.of(engine, b));
        String pair = whyA == null && b != null && whyB == null ? LatentExplorer.whyNotTogether(a, b) : null;
        String withB = whyB != null ? whyB : pair;
        set(interpolate, whyA != null ? whyA : b == null ? "Ctrl+click a second design (B) to interpolate to it." : withB,
                "A strip of designs from A to B, both ends included (the GAN's interpolate mode)");
        set(vary, whyA, "Designs around A: the GAN's ring mode, its nearest kin to varying one design");
        set(mix, whyA != null ? whyA : withB, b == null ? "A's layout with fresh styles (the GAN's mix mode)"
                : "A's layout with B's style (the GAN's mix mode)");
        String id = presetId.getText().strip();
        set(savePreset, whyA != null ? whyA : withB != null ? withB
                : !id.matches("[a-z0-9][a-z0-9._-]{0,63}") ? "Give the preset an id: lower-case letters, digits, '.', '-', '_'." : null,
                b == null ? "A's style as a GAN brand preset (tessera generate --preset ID)"
                        : "The box around A's and B's styles as a GAN brand preset");
        radius.setEnabled(vary.getEnabled());
        stop.setEnabled(busy);
        why.setText(whyA == null ? (a == null ? "" : "Picked: A = " + a.label() + (b == null ? "" : ", B = " + b.label()))
                : whyA);
        why.getParent().layout(true);
    }

    private void set(Button button, String reason, String what) {
        button.setEnabled(!busy && reason == null);
        button.setToolTipText(reason == null ? what : reason);
    }

    /** Shows a job's designs once their thumbnails are decoded (off the UI thread), then runs {@code then}. */
    private void show(VariationGrid grid, ScrolledComposite scroll, DesignResult r, String empty, Runnable then) {
        thumbnails.run(grid, () -> VariationGrid.thumbnails(r), thumbs -> {
            grid.show(r, thumbs, empty);
            scroll.setMinSize(grid.computeSize(scroll.getClientArea().width, SWT.DEFAULT));
            then.run();
        }, e -> status.setText("Cannot read the designs of " + r.outDir() + ": " + Background.describe(e)));
    }

    private static String describe(DesignResult r) {
        var g = r.record().services().stream().filter(s -> s.role().equals("generator")).findFirst();
        var req = r.record().request();
        return g.map(s -> s.id() + " " + s.version()).orElse("no generator") + " · "
                + String.format(Locale.ROOT, "%d px, %s", req.tileWidthOrDefault(), req.repeatOrDefault().label());
    }

    private static void scroller(ScrolledComposite scroll, VariationGrid grid) {
        scroll.setContent(grid);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        scroll.addListener(SWT.Resize, e -> scroll.setMinSize(grid.computeSize(scroll.getClientArea().width, SWT.DEFAULT)));
        GridData d = new GridData(SWT.FILL, SWT.FILL, true, true);
        d.heightHint = VariationGrid.SWATCH + VariationGrid.CAPTION + 2 * VariationGrid.GAP; // one row at least
        scroll.setLayoutData(d);
    }

    private static Composite column(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout l = new GridLayout(1, false);
        l.marginWidth = l.marginHeight = 0;
        c.setLayout(l);
        return c;
    }

    private static Button button(Composite parent, String text) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        return b;
    }

    private static <T extends org.eclipse.swt.widgets.Control> T wide(T c) {
        c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return c;
    }

    VariationGrid designs() {
        return designs;
    }

    VariationGrid explored() {
        return explored;
    }

    /** @return the design a pick made current (also set in the application context), or null */
    CurrentDesign current() {
        return current;
    }

    BrandPresets.Saved saved() {
        return saved;
    }

    boolean canInterpolate() {
        return interpolate.getEnabled();
    }

    boolean canVary() {
        return vary.getEnabled();
    }

    /** @return the tooltip of the Vary button: what it does, or why it is disabled */
    String varyTooltip() {
        return vary.getToolTipText();
    }

    boolean idle() {
        return background.idle() && thumbnails.idle() && !busy;
    }

    String status() {
        return status.getText();
    }

    @PreDestroy
    public void dispose() {
        cancel.set(true);
        background.close();
        thumbnails.close();
    }
}
