package tessera.host.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import aQute.bnd.header.Parameters;

/** #2: the build fails when a shipped bundle imports or embeds what DESIGN.md forbids. */
class DependencyRulesIT {

    @Test
    void everyShippedBundleKeepsToTheMap() throws Exception {
        List<String> violations = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        try (Stream<Path> jars = Files.walk(Path.of(System.getProperty("tessera.dist"), "bundles"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile j = new JarFile(jar.toFile())) {
                    String bsn = new Parameters(j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"))
                            .keySet().iterator().next();
                    if (!bsn.startsWith("tessera.")) {
                        continue;
                    }
                    checked.add(bsn);
                    violations.addAll(DependencyRules.violations(bsn, packages(j)));
                }
            }
        }
        assertThat(checked).contains("tessera.api", "tessera.pipeline", "tessera.imaging", "tessera.host.headless",
                "tessera.compute.cuda", "tessera.jcuda");
        assertThat(violations).isEmpty();
    }

    @Test
    void theRulesCatchEachForbiddenDependency() {
        assertThat(DependencyRules.violations("tessera.plugin.gan", List.of("org.eclipse.swt.widgets"))).hasSize(1);
        assertThat(DependencyRules.violations("tessera.host.rcp.ui", List.of("org.eclipse.swt.widgets"))).isEmpty();
        assertThat(DependencyRules.violations("tessera.compute", List.of("jcuda.driver"))).hasSize(1);
        assertThat(DependencyRules.violations("tessera.compute.cuda", List.of("jcuda.driver"))).isEmpty();
        assertThat(DependencyRules.violations("tessera.plugin.qa", List.of("org.apache.tika.parser"))).hasSize(1);
        assertThat(DependencyRules.violations("tessera.plugin.provenance", List.of("org.apache.tika.parser"))).isEmpty();
        assertThat(DependencyRules.violations("tessera.plugin.gan", List.of("tessera.plugin.constraints.internal"))).hasSize(1);
        assertThat(DependencyRules.violations("tessera.plugin.gan", List.of("tessera.plugin.gan.internal", "tessera.api.generate")))
                .isEmpty();
        assertThat(DependencyRules.violations("tessera.plugin.gan", List.of("tessera.host.headless.internal"))).hasSize(1);
        assertThat(DependencyRules.violations("tessera.api", List.of("tessera.pipeline"))).hasSize(1);
    }

    /** Imported packages from the manifest plus the packages of every class the jar contains. */
    private static Set<String> packages(JarFile j) throws Exception {
        Set<String> out = new TreeSet<>();
        String imports = j.getManifest().getMainAttributes().getValue("Import-Package");
        if (imports != null) {
            out.addAll(new Parameters(imports).keySet());
        }
        String dynamic = j.getManifest().getMainAttributes().getValue("DynamicImport-Package");
        if (dynamic != null) {
            out.addAll(new Parameters(dynamic).keySet());
        }
        j.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class") && n.contains("/"))
                .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.')).forEach(out::add);
        return out;
    }
}
