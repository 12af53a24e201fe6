/**
 * The constraints plugin's implementation; nothing here is exported. One package per family of
 * production rules, each with its {@code ConstraintSolver} component, so a family can be replaced by
 * installing another solver with the same {@code tessera.plugin.id}:
 * <ul>
 * <li>{@code profile}: the shipped production profiles and their {@code ProfileCatalog}</li>
 * <li>{@code repeat}: repeat type, size, rotary circumference and jacquard hooks</li>
 * <li>{@code seam}: continuity of the tile at its seams under its repeat</li>
 * <li>{@code resolution}: the tile's pixels per inch against the line's</li>
 * <li>{@code colour}: colour count after perceptual merging, palette reduction</li>
 * <li>{@code report}: building violations and reports, number formatting shared by all</li>
 * <li>{@code export}: {@code Exporter} components: screen separations with a colour table, CMYK print TIFF</li>
 * </ul>
 * Issue #6 adds, beside these: {@code feature} (minimum line and dot size), {@code inkjet} (gamut and
 * coverage), {@code weave} (jacquard floats and binding points), {@code guidance} (differentiable
 * penalties on the compute device) and more exporters (WIF, the profile's own ICC profile).
 */
package tessera.plugin.constraints.internal;
