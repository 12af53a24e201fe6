/**
 * Optimizers (Adam, AdamW), gradient clipping and weight EMA. State lives in each parameter's
 * scope and updates run on the parameter's device, outside autograd.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package tessera.compute.optim;
