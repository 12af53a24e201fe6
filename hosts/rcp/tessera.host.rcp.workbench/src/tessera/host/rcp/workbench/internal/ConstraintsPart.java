package tessera.host.rcp.workbench.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import tessera.api.constraint.Region;
import tessera.api.constraint.Violation;
import tessera.api.profile.ProductionProfile;
import tessera.host.rcp.workbench.internal.DesignCheck.SolverReport;

/**
 * The Constraints view: the current design checked against the chosen production profile by every
 * installed constraint solver, each finding listed (rule, severity, where, by how much, the fix) and
 * marked on the canvas; Repair applies the solvers' own repairs, makes the result the current design and
 * checks it again.
 */
public class ConstraintsPart {
    static final String NO_PROFILE = "(profile-free checks)";
    static final String[] COLUMNS = {"Severity", "Solver", "Rule", "Problem", "Where", "By how much", "Fix"};

    private final Engine engine = Engine.current();
    private final Background background = new Background("constraints");

    @Inject
    @Optional
    MApplication app;

    private CurrentDesign design;
    private List<String> lastChanges = List.of();
    private List<SolverReport> reports = List.of();
    private final List<Violation> rows = new ArrayList<>();
    private Label summary, status;
    private Combo profile;
    private Button repair;
    private Table table;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(4, false));
        summary = new Label(parent, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        new Label(parent, SWT.NONE).setText("Production profile");
        profile = new Combo(parent, SWT.READ_ONLY);
        profile.add(NO_PROFILE);
        engine.profiles().forEach(p -> profile.add(p.id()));
        profile.select(0);
        Button check = new Button(parent, SWT.PUSH);
        check.setText("Check");
        repair = new Button(parent, SWT.PUSH);
        repair.setText("Repair");
        repair.setToolTipText("Apply the solvers' repairs; the result becomes the current design and is checked again");
        repair.setEnabled(false);
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        for (String c : COLUMNS) {
            TableColumn col = new TableColumn(table, SWT.LEFT);
            col.setText(c);
            col.setWidth(c.equals("Problem") || c.equals("Fix") ? 260 : 90);
        }
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 4, 1));
        profile.addListener(SWT.Selection, e -> {
            if (design != null) {
                publish(design.withProfile(profileId()));
            }
        });
        check.addListener(SWT.Selection, e -> check());
        repair.addListener(SWT.Selection, e -> repair());
        table.addListener(SWT.Selection, e -> mark());
        design(design);
    }

    /** Follows the studio's current design: a new one (or a new profile for it) is checked at once. */
    @Inject
    @Optional
    public void design(CurrentDesign d) {
        design = d;
        if (table == null || table.isDisposed()) {
            return; // DI delivers the context's value before create(); create() comes back here
        }
        summary.setText(d == null ? CurrentDesign.NONE : d.summary());
        if (d != null) {
            profile.select(Math.max(0, profile.indexOf(d.profile() == null ? NO_PROFILE : d.profile())));
            check();
        }
    }

    /** Checks the current design against the chosen profile, off the UI thread. */
    void check() {
        if (design == null) {
            return;
        }
        CurrentDesign d = design;
        ProductionProfile line = engine.profile(d.profile()).orElse(null);
        status.setText("Checking against " + (line == null ? "no profile" : line.id()) + "…");
        repair.setEnabled(false);
        background.run(table, () -> DesignCheck.check(engine, d.pattern(), line), r -> show(d, r),
                e -> status.setText("Check failed: " + Background.describe(e)));
    }

    private void show(CurrentDesign checked, List<SolverReport> result) {
        if (checked != design) {
            return; // a newer design is being checked
        }
        reports = result;
        rows.clear();
        table.removeAll();
        for (SolverReport r : result) {
            for (Violation v : r.report().violations()) {
                rows.add(v);
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] {v.severity().id(), r.report().solver(), v.rule(), v.message(), where(v.where()),
                        howMuch(v), v.fix() == null ? "" : v.fix()});
                if (v.severity() == tessera.api.constraint.Severity.ERROR) {
                    item.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
                }
            }
        }
        boolean ok = DesignCheck.passed(result);
        long errors = rows.stream().filter(v -> v.severity() == tessera.api.constraint.Severity.ERROR).count();
        status.setText((ok ? "Passes " : "Fails ") + (checked.profile() == null ? "the profile-free checks" : checked.profile())
                + ": " + errors + " error(s), " + (rows.size() - errors) + " other finding(s) from " + result.size()
                + " solvers." + (ok ? "" : " Repair applies what the solvers can fix.")
                + (checked.revision() > 0 && !lastChanges.isEmpty() ? "\nLast repair: " + String.join("; ", lastChanges) : ""));
        repair.setEnabled(!ok);
        status.getParent().layout(true);
        mark();
    }

    /** Repairs with the solvers that failed, then publishes the repaired design (which re-checks it). */
    void repair() {
        CurrentDesign d = design;
        List<SolverReport> failed = reports;
        ProductionProfile line = engine.profile(d.profile()).orElse(null);
        repair.setEnabled(false);
        status.setText("Repairing…");
        background.run(table, () -> {
            DesignCheck.Repair r = DesignCheck.repair(engine, d.pattern(), line, failed);
            return r.changedSomething() ? new Repaired(d.repaired(r.pattern()), r.changes()) : new Repaired(d, r.changes());
        }, r -> {
            if (r.design() == d) {
                status.setText("No solver could repair this automatically; see each finding's fix.");
                return;
            }
            lastChanges = r.changes();
            publish(r.design());
            status.setText("Repaired: " + String.join("; ", r.changes()) + " Checking again…");
        }, e -> status.setText("Repair failed: " + Background.describe(e)));
    }

    private record Repaired(CurrentDesign design, List<String> changes) {
    }

    /** Makes a design current for every part, or only for this one when a test built it alone. */
    private void publish(CurrentDesign d) {
        if (app != null) {
            app.getContext().set(CurrentDesign.class, d);
        } else {
            design(d);
        }
    }

    /** Marks every located finding on the canvas, the selected one stronger. */
    private void mark() {
        if (design == null || app == null) {
            return;
        }
        int sel = table.getSelectionIndex();
        List<Region> regions = rows.stream().map(Violation::where).filter(java.util.Objects::nonNull).toList();
        Region selected = sel >= 0 && sel < rows.size() ? rows.get(sel).where() : null;
        var t = design.pattern().tile();
        app.getContext().set(Highlights.class, new Highlights(t.width(), t.height(), regions, selected));
    }

    private String profileId() {
        String p = profile.getText();
        return p.equals(NO_PROFILE) ? null : p;
    }

    static String where(Region r) {
        return r == null ? "whole tile" : String.format(Locale.ROOT, "%d,%d %d×%d px", r.x(), r.y(), r.width(), r.height());
    }

    static String howMuch(Violation v) {
        if (v.measured() == null) {
            return "";
        }
        String unit = v.unit() == null ? "" : " " + v.unit();
        return number(v.measured()) + unit + (v.limit() == null ? "" : " (limit " + number(v.limit()) + unit + ")");
    }

    /** 96 → "96", 40.64 → "40.64": counts read as counts */
    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e9 ? Long.toString((long) x)
                : new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** @return the findings listed now, for tests and the smoke script */
    List<Violation> findings() {
        return List.copyOf(rows);
    }

    /** @return what the last repair changed */
    List<String> lastChanges() {
        return lastChanges;
    }

    CurrentDesign current() {
        return design;
    }

    boolean idle() {
        return background.idle();
    }

    /** @return the reports of the last check */
    List<SolverReport> reports() {
        return reports;
    }

    @PreDestroy
    public void dispose() {
        background.close();
    }
}
