package tessera.plugin.constraints.internal.export;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/** The {@code tessera.processes} service property, always a {@code String[]} of {@code PrintProcess} ids. */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Processes {
    /** Makes the property {@code tessera.processes} (DS 1.4 naming of single-element types). */
    String PREFIX_ = "tessera.";

    /** @return the processes the exporter applies to */
    String[] value();
}
