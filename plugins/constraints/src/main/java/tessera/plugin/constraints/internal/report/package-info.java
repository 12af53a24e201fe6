/** Shared by all solvers: building reports, wording numbers and units for people. */
package tessera.plugin.constraints.internal.report;
