package tessera.host.rcp.workbench.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import tessera.api.profile.ProductionProfile;
import tessera.api.qa.QaInspector;
import tessera.api.qa.QaReport;
import tessera.api.qa.QaRequest;

/**
 * The QA view: a scan of the printed goods against its source through the QaInspector service, as
 * {@code tessera qa} calls it; source, scan and the inspector's overlay side by side, and the defects.
 */
public class QaPart {
    static final int THUMB = 130;

    private final Engine engine = Engine.current();
    private final Background background = new Background("qa");

    private CurrentDesign design;
    private Text source, scan;
    private Button inspect;
    private final Label[] pictures = new Label[3];
    private final Image[] images = new Image[3];
    private Table defects;
    private Label verdict;
    private QaReport report;

    /** What one inspection gives the view: the report and the three pictures. */
    private record Inspection(QaReport report, ImageData[] pictures) {
    }

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(3, false));
        source = fileRow(parent, "Source (design as printed)");
        scan = fileRow(parent, "Scan of the goods");
        inspect = new Button(parent, SWT.PUSH);
        inspect.setText("Inspect");
        verdict = new Label(parent, SWT.WRAP);
        verdict.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        String[] captions = {"Source", "Scan", "Overlay (expected | scan | ΔE00 | defects)"};
        for (int i = 0; i < 3; i++) {
            Composite cell = new Composite(parent, SWT.NONE);
            cell.setLayout(new GridLayout(1, false));
            cell.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, false));
            new Label(cell, SWT.NONE).setText(captions[i]);
            pictures[i] = new Label(cell, SWT.BORDER | SWT.CENTER);
            GridData g = new GridData(SWT.FILL, SWT.TOP, true, false);
            g.heightHint = THUMB;
            pictures[i].setLayoutData(g);
        }
        defects = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        defects.setHeaderVisible(true);
        defects.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        for (String c : new String[] {"Defect", "Score", "At (mm)", "Size (mm)"}) {
            TableColumn col = new TableColumn(defects, SWT.LEFT);
            col.setText(c);
            col.setWidth(130);
        }
        inspect.addListener(SWT.Selection, e -> inspect());
        parent.addDisposeListener(e -> disposeImages());
        design(design);
    }

    private Text fileRow(Composite parent, String label) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browse = new Button(parent, SWT.PUSH);
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(parent.getShell(), SWT.OPEN);
            dialog.setFilterExtensions(new String[] {"*.png;*.tif;*.tiff", "*.*"});
            String chosen = dialog.open();
            if (chosen != null) {
                t.setText(chosen);
            }
        });
        return t;
    }

    /** The current design's tile is the default source. */
    @Inject
    @Optional
    public void design(CurrentDesign d) {
        design = d;
        if (source != null && !source.isDisposed() && d != null) {
            source.setText(d.tile().toAbsolutePath().toString());
        }
    }

    /** Inspects these files, as choosing them and clicking Inspect does (tests, smoke script). */
    void inspect(Path sourceFile, Path scanFile) {
        source.setText(sourceFile.toString());
        scan.setText(scanFile.toString());
        inspect();
    }

    private void inspect() {
        Path src = Path.of(source.getText().strip()), sc = Path.of(scan.getText().strip());
        for (Path p : new Path[] {src, sc}) {
            if (!Files.isRegularFile(p)) {
                verdict.setText(p + " does not exist or is not a file; choose the design and the scan");
                return;
            }
        }
        CurrentDesign d = design;
        ProductionProfile line = d == null ? null : engine.profile(d.profile()).orElse(null);
        var repeat = d == null ? null : d.pattern().repeat();
        Path out = (d == null ? src.toAbsolutePath().getParent() : d.folder())
                .resolve("qa-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        inspect.setEnabled(false);
        verdict.setText("Inspecting " + sc.getFileName() + "…");
        background.run(defects, () -> {
            QaInspector inspector = engine.await(QaInspector.class, Duration.ofSeconds(10));
            QaReport r = inspector.inspect(new QaRequest(src, sc, repeat, line), out);
            String overlay = r.artifacts().get("overlay");
            return new Inspection(r, new ImageData[] {Thumbnail.of(src, THUMB), Thumbnail.of(sc, THUMB),
                    overlay == null ? null : Thumbnail.of(Path.of(overlay), THUMB)});
        }, this::show, e -> {
            inspect.setEnabled(true);
            verdict.setText("Inspection failed: " + Background.describe(e));
        });
    }

    private void show(Inspection in) {
        inspect.setEnabled(true);
        report = in.report();
        disposeImages();
        for (int i = 0; i < 3; i++) {
            ImageData data = in.pictures()[i];
            images[i] = data == null ? null : new Image(defects.getDisplay(), data);
            pictures[i].setImage(images[i]);
        }
        defects.removeAll();
        for (QaReport.Defect d : report.defects()) {
            new TableItem(defects, SWT.NONE).setText(new String[] {d.kind(), String.format(Locale.ROOT, "%.2f", d.score()),
                    String.format(Locale.ROOT, "%.1f, %.1f", d.xMm(), d.yMm()),
                    String.format(Locale.ROOT, "%.1f × %.1f", d.widthMm(), d.heightMm())});
        }
        List<String> parts = new ArrayList<>();
        parts.add(report.passed() ? "PASS" : "FAIL");
        if (report.registration() != null) {
            var g = report.registration();
            parts.add(String.format(Locale.ROOT, "registered: %.2f, %.2f mm, %.3f°, match %.2f", g.dxMm(), g.dyMm(),
                    g.rotationDeg(), g.confidence()));
        }
        if (report.colour() != null) {
            parts.add(String.format(Locale.ROOT, "colour: mean %.2f, p95 %.2f ΔE00", report.colour().meanDe(),
                    report.colour().p95De()));
        }
        parts.add(report.defects().size() + " defect(s)");
        parts.addAll(report.reasons());
        verdict.setText(String.join(" · ", parts));
        verdict.getParent().layout(true, true);
    }

    private void disposeImages() {
        for (int i = 0; i < images.length; i++) {
            if (images[i] != null) {
                images[i].dispose();
                images[i] = null;
            }
        }
    }

    QaReport report() {
        return report;
    }

    boolean idle() {
        return background.idle();
    }

    @PreDestroy
    public void dispose() {
        background.close();
    }
}
