/**
 * Differentiable guidance (#6): the checks that can be written as tensor ops (seam, colour count, minimum
 * feature size, ink coverage) as {@code tessera.compute.guidance.GuidancePenalty} values, offered by the
 * {@code GuidancePenalties} component for any profile its catalogs know.
 */
package tessera.plugin.constraints.internal.guidance;
