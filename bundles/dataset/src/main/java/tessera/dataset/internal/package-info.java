/** The procedural generator service and the dataset writer's internals; not exported. */
package tessera.dataset.internal;
