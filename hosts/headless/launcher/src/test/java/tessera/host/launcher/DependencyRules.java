package tessera.host.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The boundaries of DESIGN.md, checked on what bundles actually import and contain (their manifests,
 * as bnd computed them from the bytecode): UI only in the RCP host, jcuda only in the CUDA device, Tika
 * only in provenance, plugins never reaching into another plugin or a host.
 */
final class DependencyRules {
    private DependencyRules() {
    }

    /**
     * @param bsn      bundle symbolic name
     * @param packages packages the bundle imports or contains
     * @return one line per broken rule, empty when the bundle keeps to the map
     */
    static List<String> violations(String bsn, Collection<String> packages) {
        List<String> out = new ArrayList<>();
        for (String p : packages) {
            if (isUi(p) && !bsn.startsWith("tessera.host.rcp")) {
                out.add(bsn + " uses UI package " + p + "; UI code lives only in hosts/rcp (tessera.host.rcp.*)");
            }
            // tessera.jcuda is JCuda itself, wrapped as a bundle
            if ((p.equals("jcuda") || p.startsWith("jcuda.")) && !bsn.equals("tessera.compute.cuda")
                    && !bsn.equals("tessera.jcuda")) {
                out.add(bsn + " uses " + p + "; only tessera.compute.cuda may use JCuda");
            }
            if (p.startsWith("org.apache.tika") && !bsn.equals("tessera.plugin.provenance")) {
                out.add(bsn + " uses " + p + "; only tessera.plugin.provenance may use Apache Tika");
            }
            if (bsn.startsWith("tessera.plugin.")) {
                String own = bsn + ".";
                if (p.startsWith("tessera.plugin.") && !p.equals(bsn) && !p.startsWith(own)) {
                    out.add(bsn + " uses " + p + " of another plugin; plugins depend on tessera.api and tessera.compute only");
                }
                if (p.startsWith("tessera.host.")) {
                    out.add(bsn + " uses host package " + p + "; plugins never depend on a host");
                }
            }
            if (bsn.equals("tessera.api") && p.startsWith("tessera.") && !p.startsWith("tessera.api")) {
                out.add("tessera.api uses " + p + "; the API depends on no implementation");
            }
        }
        return out;
    }

    private static boolean isUi(String p) {
        return p.startsWith("org.eclipse.swt") || p.startsWith("org.eclipse.jface") || p.startsWith("org.eclipse.e4.ui")
                || p.startsWith("org.eclipse.ui") || p.startsWith("java.awt.peer") || p.startsWith("javax.swing");
    }
}
