/** The production profiles shipped in this bundle ({@code profiles/*.json}) and the catalog service that offers them. */
package tessera.plugin.constraints.internal.profile;
