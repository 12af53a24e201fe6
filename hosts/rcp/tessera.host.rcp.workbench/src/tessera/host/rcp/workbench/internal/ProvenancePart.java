package tessera.host.rcp.workbench.internal;

import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import tessera.api.provenance.ProvenanceReport;
import tessera.host.rcp.workbench.internal.DesignProvenance.Model;

/**
 * The Provenance view: each installed generator's model card with its training manifest's lineage
 * (the policy status the provenance checker reports), and the originality of the current design.
 */
public class ProvenancePart {
    private final Engine engine = Engine.current();
    private final Background background = new Background("provenance");

    private CurrentDesign design;
    private List<Model> models = List.of();
    private List<ProvenanceReport> originality = List.of();
    private Table table;
    private Text card, verdict;
    private Label status;

    /** Both answers of one refresh, computed together off the UI thread. */
    private record Answer(List<Model> models, List<ProvenanceReport> originality) {
    }

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button refresh = new Button(parent, SWT.PUSH);
        refresh.setText("Refresh");
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        Composite left = new Composite(sash, SWT.NONE);
        left.setLayout(new GridLayout(1, false));
        table = new Table(left, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (String c : new String[] {"Generator", "Version", "Model", "Licence", "Training manifest"}) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c);
            col.setWidth(c.equals("Training manifest") ? 220 : 90);
        }
        card = new Text(left, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        card.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite right = new Composite(sash, SWT.NONE);
        right.setLayout(new GridLayout(1, false));
        new Label(right, SWT.NONE).setText("Originality of the current design");
        verdict = new Text(right, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        verdict.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.addListener(SWT.Selection, e -> showCard(table.getSelectionIndex()));
        refresh.addListener(SWT.Selection, e -> refresh());
        design(design);
    }

    @Inject
    @Optional
    public void design(CurrentDesign d) {
        design = d;
        if (table != null && !table.isDisposed()) {
            refresh();
        }
    }

    /** Reads the cards and asks the checkers again, off the UI thread. */
    void refresh() {
        CurrentDesign d = design;
        status.setText("Reading model cards and checking originality…");
        background.run(table, () -> new Answer(DesignProvenance.models(engine, d), d == null ? List.of()
                : DesignProvenance.checks(engine, d, DesignProvenance.cardOf(engine, d.generator()))), this::show,
                e -> status.setText("Provenance failed: " + Background.describe(e)));
    }

    private void show(Answer a) {
        models = a.models();
        originality = a.originality();
        table.removeAll();
        for (Model m : models) {
            String manifest = m.card() == null ? (m.problem() != null ? "card unreadable" : "not a learned model")
                    : m.lineage() == null ? String.valueOf(m.card().trainingManifestSha256())
                            : m.lineage().status() + ": " + m.lineage().message();
            new TableItem(table, SWT.NONE).setText(new String[] {m.generator(), m.version(),
                    m.card() == null ? "—" : m.card().id() + " " + m.card().version(),
                    m.card() == null ? "" : String.valueOf(m.card().licence()), manifest});
        }
        int first = models.indexOf(models.stream().filter(m -> m.card() != null).findFirst().orElse(null));
        table.select(Math.max(0, first));
        showCard(Math.max(0, first));
        StringBuilder b = new StringBuilder();
        if (design == null) {
            b.append(CurrentDesign.NONE);
        } else {
            b.append(design.summary()).append("\nmade by ").append(design.generator() == null ? "no generator (a file)"
                    : design.generator().id() + " " + design.generator().version()).append("\n\n");
            if (originality.isEmpty()) {
                b.append("No provenance checker is installed (the provenance plugin provides one).");
            }
            originality.forEach(r -> b.append(DesignProvenance.describe(r)).append('\n'));
        }
        verdict.setText(b.toString());
        status.setText(models.size() + " generators; " + (design == null ? "no design"
                : originality.stream().allMatch(ProvenanceReport::passed) ? "the current design passes provenance"
                        : "the current design FAILS provenance"));
        status.getParent().layout(true);
    }

    private void showCard(int index) {
        if (index < 0 || index >= models.size()) {
            card.setText("");
            return;
        }
        Model m = models.get(index);
        card.setText(m.card() != null ? DesignProvenance.describe(m.card())
                : m.problem() != null ? m.problem() : m.generator() + " is not a learned model: it has no model card.");
    }

    List<Model> models() {
        return models;
    }

    List<ProvenanceReport> originality() {
        return originality;
    }

    boolean idle() {
        return background.idle();
    }

    @PreDestroy
    public void dispose() {
        background.close();
    }
}
