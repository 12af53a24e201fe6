package tessera.host.rcp.workbench.internal;

import java.nio.file.Files;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** The Canvas part: the current tile in its repeat at real size, with zoom, seams and a cm ruler. */
public class CanvasPart {
    static final double[] ZOOMS = {0.25, 0.5, 1, 2, 4};

    private TileCanvas canvas;
    private Label caption;
    private CurrentDesign pending;
    private Highlights marks;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(4, false));
        new Label(parent, SWT.NONE).setText("Zoom");
        Combo zoom = new Combo(parent, SWT.READ_ONLY);
        for (double z : ZOOMS) {
            zoom.add(Math.round(z * 100) + " %" + (z == 1 ? " (real size)" : ""));
        }
        zoom.select(2);
        Button seams = new Button(parent, SWT.CHECK);
        seams.setText("Seams");
        caption = new Label(parent, SWT.NONE);
        caption.setText("Generate a design to see it here.");
        caption.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        canvas = new TileCanvas(parent);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        zoom.addListener(SWT.Selection, e -> canvas.setZoom(ZOOMS[zoom.getSelectionIndex()]));
        seams.addListener(SWT.Selection, e -> canvas.setSeamsVisible(seams.getSelection()));
        // DI may deliver the context's values before the widgets exist
        design(pending);
        highlights(marks);
    }

    /** Follows the studio's current design (generated, selected or repaired). */
    @Inject
    @Optional
    public void design(CurrentDesign d) {
        pending = d;
        if (d != null) {
            show(d.view());
        }
    }

    /** Follows the Constraints view's findings. */
    @Inject
    @Optional
    public void highlights(Highlights h) {
        marks = h;
        if (canvas != null && !canvas.isDisposed()) {
            canvas.setHighlights(h);
        }
    }

    /** Shows a tile; a file that cannot be read is said in the caption. */
    public void show(TileView view) {
        if (canvas == null || canvas.isDisposed() || view == null) {
            return;
        }
        if (!Files.isReadable(view.tile())) {
            caption.setText("Cannot read " + view.tile() + ": was the job folder removed?");
            return;
        }
        canvas.show(new ImageData(view.tile().toString()), view.repeat(), view.widthCm(), view.heightCm());
        caption.setText(String.format(java.util.Locale.ROOT, "%s · %s · %.1f × %.1f cm", view.label(),
                view.repeat().label(), view.widthCm(), view.heightCm()));
        caption.getParent().layout(new org.eclipse.swt.widgets.Control[] {caption});
    }

    @Focus
    public void focus() {
        canvas.setFocus();
    }

    /** @return the canvas, for tests that render the part */
    TileCanvas canvas() {
        return canvas;
    }
}
