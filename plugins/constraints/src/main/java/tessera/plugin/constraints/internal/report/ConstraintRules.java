package tessera.plugin.constraints.internal.report;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * The {@code tessera.constraint.rules} service property of a solver, always a {@code String[]} as
 * {@code ServiceProperties.CONSTRAINT_RULES} documents: a plain {@code property = "…=seam"} entry
 * would register a lone rule as a {@code String}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ConstraintRules {
    /** Makes the property {@code tessera.constraint.rules} (DS 1.4 naming of single-element types). */
    String PREFIX_ = "tessera.";

    /** @return the rule codes the solver checks */
    String[] value();
}
