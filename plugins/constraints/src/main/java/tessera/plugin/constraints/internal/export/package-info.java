/**
 * Production exporters (#6): screen separations with their colour table for rotary and flatbed screen
 * lines, and a CMYK print TIFF with the press profile embedded for inkjet and sublimation lines. Each is
 * an {@code Exporter} component that writes nothing when the job's profile is not for its processes.
 */
package tessera.plugin.constraints.internal.export;
