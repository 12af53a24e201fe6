package tessera.host.rcp.workbench.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

import jakarta.annotation.PostConstruct;
import tessera.pipeline.trust.BundleTrust;
import tessera.pipeline.trust.TrustVerdict;
import jakarta.annotation.PreDestroy;

/**
 * The Plugins part: every installed bundle with its version and state; install, update and remove while
 * the workbench runs. A bundle that fails to resolve or start shows why, and the rest keeps working.
 */
public class PluginsPart {
    private final BundleContext context = Engine.current().context();
    private BundleListener listener;
    private Table table;
    private Label message;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(4, false));
        Button install = button(parent, "Install…");
        Button update = button(parent, "Update…");
        Button remove = button(parent, "Remove");
        message = new Label(parent, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        for (String[] c : new String[][] {{"Id", "40"}, {"Bundle", "220"}, {"Version", "150"}, {"State", "90"}}) {
            TableColumn col = new TableColumn(table, SWT.NONE);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        refresh();
        Display display = parent.getDisplay();
        listener = e -> display.asyncExec(() -> {
            if (!table.isDisposed()) {
                refresh();
            }
        });
        context.addBundleListener(listener);
        install.addListener(SWT.Selection, e -> pickJar(parent, "Install a plugin").ifPresent(this::install));
        update.addListener(SWT.Selection, e -> selected().ifPresent(b -> pickJar(parent, "Update " + b.getSymbolicName())
                .ifPresent(jar -> update(b, jar))));
        remove.addListener(SWT.Selection, e -> selected().ifPresent(this::remove));
    }

    /** Reads the framework's bundles into the table. */
    void refresh() {
        table.removeAll();
        for (BundleRow row : BundleRow.all(context)) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {Long.toString(row.id()), row.name(), row.version(), row.state()});
            item.setData(row.id());
        }
    }

    /** What the trust policy says of a jar: refused with the reason, or admitted with a warning (or ""). */
    record Admission(boolean refused, String text) {
    }

    /**
     * Asks the engine's trust policy (#12) about a jar before it is placed: in strict mode an untrusted jar is
     * refused here with the policy's reason, as the CLI and the HTTP API refuse it (the framework's gate would
     * refuse it anyway, but only after the install, with the reason in the log); otherwise the reason is a warning.
     */
    Admission admit(Path jar) {
        ServiceReference<BundleTrust> ref = context.getServiceReference(BundleTrust.class);
        BundleTrust trust = ref == null ? null : context.getService(ref);
        if (trust == null) {
            return new Admission(false, "");
        }
        try {
            return admission(trust.check(jar), trust.strict());
        } finally {
            context.ungetService(ref);
        }
    }

    static Admission admission(TrustVerdict v, boolean strict) {
        if (v.trusted()) {
            return new Admission(false, "");
        }
        return strict ? new Admission(true, v.reason())
                : new Admission(false, " (untrusted, loaded because strict mode is off: " + v.reason() + ")");
    }

    /** Installs and starts a jar; a failure to resolve or start is shown, the bundle stays listed. */
    void install(Path jar) {
        Admission a = admit(jar);
        if (a.refused()) {
            say("Refused " + jar.getFileName() + ": " + a.text());
            return;
        }
        try (InputStream in = Files.newInputStream(jar)) {
            Bundle b = context.installBundle(jar.toUri().toString(), in);
            start(b, "Installed ", a.text());
        } catch (BundleException | IOException e) {
            say("Cannot install " + jar.getFileName() + ": " + e.getMessage());
        }
    }

    void update(Bundle b, Path jar) {
        Admission a = admit(jar);
        if (a.refused()) {
            say("Refused the update of " + b.getSymbolicName() + ": " + a.text());
            return;
        }
        try (InputStream in = Files.newInputStream(jar)) {
            b.update(in);
            refreshWiring(List.of(b));
            start(b, "Updated ", a.text());
        } catch (BundleException | IOException e) {
            say("Cannot update " + b.getSymbolicName() + ": " + e.getMessage());
        }
    }

    void remove(Bundle b) {
        if (b.getBundleId() == 0 || b.equals(context.getBundle())) {
            say("The framework and the workbench itself cannot be removed from the running workbench.");
            return;
        }
        try {
            String name = b.getSymbolicName();
            b.uninstall();
            refreshWiring(List.of(b));
            say("Removed " + name);
        } catch (BundleException e) {
            say("Cannot remove " + b.getSymbolicName() + ": " + e.getMessage());
        }
    }

    private void start(Bundle b, String what, String warning) {
        try {
            if (b.getHeaders().get("Fragment-Host") == null) {
                b.start();
            }
            say(what + b.getSymbolicName() + " " + b.getVersion() + warning);
        } catch (BundleException e) {
            // #11: a failed plugin shows why; the rest keeps working
            say(what + b.getSymbolicName() + " but it does not start: " + e.getMessage() + warning);
        }
    }

    private void refreshWiring(List<Bundle> bundles) {
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(bundles);
    }

    private java.util.Optional<Bundle> selected() {
        int i = table.getSelectionIndex();
        if (i < 0) {
            say("Select a bundle first.");
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(context.getBundle((Long) table.getItem(i).getData()));
    }

    private static java.util.Optional<Path> pickJar(Composite parent, String title) {
        FileDialog d = new FileDialog(parent.getShell(), SWT.OPEN);
        d.setText(title);
        d.setFilterExtensions(new String[] {"*.jar"});
        return java.util.Optional.ofNullable(d.open()).map(Path::of);
    }

    private void say(String text) {
        message.setText(text);
        message.getParent().layout(true);
    }

    @Focus
    public void focus() {
        table.setFocus();
    }

    @PreDestroy
    public void dispose() {
        context.removeBundleListener(listener);
    }

    /** @return the table, for tests that render the part */
    Table table() {
        return table;
    }

    private static Button button(Composite parent, String text) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        return b;
    }
}
