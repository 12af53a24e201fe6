/**
 * The plugin trust policy (#12): which bundle jars may load. One policy, enforced by the framework for
 * every install path (hot folder, HTTP API, CLI, the workbench's plugin view) and asked by hosts before
 * they place a jar, so the user hears the same reason either way.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.pipeline.trust;
