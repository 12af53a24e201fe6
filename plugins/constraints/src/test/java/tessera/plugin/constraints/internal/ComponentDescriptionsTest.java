package tessera.plugin.constraints.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import tessera.api.ServiceProperties;

/**
 * #6: every service says who it is through the properties the pipeline selects by. Reads the component
 * descriptions bnd generated into target/classes (process-classes runs before the tests).
 */
class ComponentDescriptionsTest {
    private static final Path OSGI_INF = Path.of("target/classes/OSGI-INF");

    /** @param arrays names of the properties given in the element body, which DS registers as arrays */
    record Description(String service, Map<String, List<String>> properties, java.util.Set<String> arrays) {
    }

    @Test
    void eachSolverAndTheCatalogIsASeparateComponentWithItsIdAndRules() throws Exception {
        Map<String, Description> byId = new HashMap<>();
        try (Stream<Path> files = Files.list(OSGI_INF)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xml")).toList()) {
                Description d = read(f);
                byId.put(d.properties().get(ServiceProperties.PLUGIN_ID).get(0), d);
            }
        }
        assertThat(byId).containsOnlyKeys("profiles", "repeat", "seam", "resolution", "colours", "features", "separations",
                "cmyk-tiff", "wif", "floats", "inks", "colourways", "preview",
                "constraints-guidance");
        assertThat(byId.get("constraints-guidance").service()).isEqualTo("tessera.compute.guidance.GuidanceProvider");
        assertThat(byId.get("profiles").service()).isEqualTo("tessera.api.profile.ProfileCatalog");
        assertThat(rules(byId.get("repeat"))).containsExactly("repeat.type", "repeat.size", "repeat.circumference", "repeat.hooks");
        assertThat(rules(byId.get("seam"))).containsExactly("seam");
        assertThat(rules(byId.get("resolution"))).containsExactly("resolution.dpi", "resolution.aspect");
        assertThat(rules(byId.get("colours"))).containsExactly("colour.count", "colour.reduction", "colour.brand");
        assertThat(rules(byId.get("features"))).containsExactly("feature.size");
        assertThat(rules(byId.get("floats"))).containsExactly("weave.float");
        assertThat(rules(byId.get("inks"))).containsExactly("ink.coverage", "ink.gamut");
        for (String solver : List.of("repeat", "seam", "resolution", "colours", "features", "floats", "inks")) {
            assertThat(byId.get(solver).service()).isEqualTo("tessera.api.constraint.ConstraintSolver");
            assertThat(byId.get(solver).arrays()).as("String[] even for one rule").contains(ServiceProperties.CONSTRAINT_RULES);
        }
        assertThat(byId.get("colours").properties()).containsEntry("dither", List.of("false"));
        assertThat(byId.get("cmyk-tiff").properties()).containsEntry("intent", List.of("PERCEPTUAL"));
        for (String exporter : List.of("separations", "cmyk-tiff", "wif", "colourways", "preview")) {
            assertThat(byId.get(exporter).service()).isEqualTo("tessera.api.export.Exporter");
            assertThat(byId.get(exporter).arrays()).as("String[] even for one value")
                    .contains(ServiceProperties.EXPORT_FORMATS, ServiceProperties.PROCESSES);
        }
        assertThat(byId.get("separations").properties()).containsEntry(ServiceProperties.EXPORT_FORMATS, List.of("tiff", "json"))
                .containsEntry(ServiceProperties.PROCESSES, List.of("rotary-screen", "flatbed-screen"));
        assertThat(byId.get("cmyk-tiff").properties()).containsEntry(ServiceProperties.EXPORT_FORMATS, List.of("tiff"))
                .containsEntry(ServiceProperties.PROCESSES, List.of("digital-inkjet", "dye-sublimation"));
    }

    private static List<String> rules(Description d) {
        return d.properties().get(ServiceProperties.CONSTRAINT_RULES);
    }

    private static Description read(Path file) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Map<String, List<String>> props = new HashMap<>();
        java.util.Set<String> arrays = new java.util.HashSet<>();
        NodeList list = doc.getElementsByTagName("property");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            String value = e.hasAttribute("value") ? e.getAttribute("value") : e.getTextContent().strip();
            if (!e.hasAttribute("value")) {
                arrays.add(e.getAttribute("name"));
            }
            props.put(e.getAttribute("name"), Arrays.stream(value.split("\n")).map(String::strip).toList());
        }
        String service = ((Element) doc.getElementsByTagName("provide").item(0)).getAttribute("interface");
        return new Description(service, props, arrays);
    }
}
