/** Minimum feature size: lines and dots of each colour thinner than the line holds, by morphological opening. */
package tessera.plugin.constraints.internal.feature;
