package tessera.plugin.constraints.internal.export;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/** The {@code tessera.export.formats} service property of an exporter, always a {@code String[]}. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ExportFormats {
    /** Makes the property {@code tessera.export.formats} (DS 1.4 naming of single-element types). */
    String PREFIX_ = "tessera.";

    /** @return the file formats the exporter writes */
    String[] value();
}
