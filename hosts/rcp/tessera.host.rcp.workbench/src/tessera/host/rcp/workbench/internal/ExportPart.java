package tessera.host.rcp.workbench.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import tessera.api.export.ExportedFile;
import tessera.api.job.DesignPipeline;
import tessera.api.job.JobFailedException;
import tessera.api.job.JobListener;
import tessera.api.job.JobRecord;

/**
 * The Export view: the current design's production files for its profile into a chosen folder, through
 * the pipeline and the installed exporters; lists what was written.
 */
public class ExportPart {
    private final Engine engine = Engine.current();
    private final Background background = new Background("export");

    private CurrentDesign design;
    private Label summary, status;
    private Text folder, colourways;
    private Button export;
    private Table table;
    private List<ExportedFile> written = List.of();
    private Path writtenTo;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(3, false));
        summary = new Label(parent, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        new Label(parent, SWT.NONE).setText("Folder");
        folder = new Text(parent, SWT.BORDER);
        folder.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        folder.setMessage("a new folder beside the design's job");
        Button browse = new Button(parent, SWT.PUSH);
        browse.setText("Browse…");
        Label cw = new Label(parent, SWT.NONE);
        cw.setText("Colourways");
        cw.setToolTipText("One a line, ground colour first; the constraints plugin's Colourways exporter recolours the design");
        colourways = new Text(parent, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL);
        colourways.setMessage("navy: #1d2a44 #e8dcc4 #b5452f");
        GridData cwData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        cwData.heightHint = 36;
        colourways.setLayoutData(cwData);
        export = new Button(parent, SWT.PUSH);
        export.setText("Export");
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        table.setHeaderVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        for (String c : new String[] {"File", "Role", "Type", "Size"}) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c);
            col.setWidth(c.equals("File") ? 320 : 110);
        }
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog dialog = new DirectoryDialog(folder.getShell());
            dialog.setMessage("Folder for the production files");
            String chosen = dialog.open();
            if (chosen != null) {
                folder.setText(chosen);
            }
        });
        export.addListener(SWT.Selection, e -> export());
        design(design);
    }

    @Inject
    @Optional
    public void design(CurrentDesign d) {
        design = d;
        if (summary != null && !summary.isDisposed()) {
            summary.setText(d == null ? CurrentDesign.NONE
                    : d.summary() + " · profile " + (d.profile() == null ? "none (profile-free files)" : d.profile()));
            export.setEnabled(d != null);
        }
    }

    /** @param text colourways as the Colourways field takes them, one a line */
    void setColourways(String text) {
        colourways.setText(text);
    }

    /** Exports into the given folder, as choosing it in the dialog and clicking Export does (tests, smoke script). */
    void exportTo(Path dir) {
        folder.setText(dir.toString());
        export();
    }

    private void export() {
        if (design == null) {
            return;
        }
        CurrentDesign d;
        try {
            d = design.withColourways(DesignExport.colourways(colourways.getText()));
        } catch (RuntimeException e) {
            status.setText("Colourways: " + Background.describe(e));
            return;
        }
        Path dir = folder.getText().isBlank()
                ? d.folder().resolveSibling(d.folder().getFileName() + "-export-" + (d.profile() == null ? "any" : d.profile()))
                : Path.of(folder.getText().strip());
        export.setEnabled(false);
        status.setText("Exporting to " + dir + "…");
        var display = table.getDisplay();
        JobListener progress = e -> display.asyncExec(() -> {
            if (!status.isDisposed()) {
                status.setText(e.stage() + ": " + e.message());
            }
        });
        background.run(table, () -> {
            DesignPipeline pipeline = engine.await(DesignPipeline.class, Duration.ofSeconds(10));
            try {
                return DesignExport.run(pipeline, d, dir, progress);
            } catch (JobFailedException e) {
                throw new IllegalStateException(e.record().error(), e);
            }
        }, r -> done(r, dir), e -> {
            export.setEnabled(true);
            status.setText("Export failed: " + Background.describe(e));
        });
    }

    private void done(JobRecord record, Path dir) {
        export.setEnabled(true);
        written = DesignExport.files(record);
        writtenTo = dir;
        table.removeAll();
        for (ExportedFile f : written) {
            new TableItem(table, SWT.NONE).setText(new String[] {f.path(), f.role(), f.mediaType(),
                    String.format(Locale.ROOT, "%,d bytes", f.bytes())});
        }
        String madeBy = record.services().stream().filter(s -> s.role().equals("generator")).findFirst()
                .map(s -> "; job.json names " + s.id() + " " + s.version() + (s.modelId() == null ? "" : " (model " + s.modelId() + ")")
                        + ", seed " + record.candidates().get(0).seed())
                .orElse("");
        status.setText(written.size() + " files and job.json written to " + dir + " (" + record.services().stream()
                .filter(s -> s.role().equals("exporter")).map(s -> s.id()).toList() + " exporters" + madeBy + ")");
        status.getParent().layout(true);
    }

    /** @return the files the last export wrote, relative to {@link #folderWritten()} */
    List<ExportedFile> written() {
        return written;
    }

    Path folderWritten() {
        return writtenTo;
    }

    boolean idle() {
        return background.idle();
    }

    @PreDestroy
    public void dispose() {
        background.close();
    }
}
