/** Repeat geometry against a line: allowed repeat types, repeat size, rotary circumference, jacquard hooks. */
package tessera.plugin.constraints.internal.repeat;
