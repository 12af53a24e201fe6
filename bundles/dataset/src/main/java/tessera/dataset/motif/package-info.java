/**
 * Procedural textile motifs: families, palettes, the synthesizer that renders them seamless under
 * any repeat, and the prompt reader that turns a customer's words into motif parameters.
 * Deterministic: the same {@link tessera.dataset.motif.MotifSpec} renders the same pixels on every machine.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.dataset.motif;
