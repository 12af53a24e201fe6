/**
 * Jacquard weave export (#6): a design is turned into a lift plan (one end per hook, one pick per weft
 * pass), bound so that no float exceeds the line's {@code weave.maxFloat}, and written as a WIF 1.1
 * file by the {@code WifExporter} component, which writes nothing when the job's profile is not a
 * jacquard.
 */
package tessera.plugin.constraints.internal.weave;
