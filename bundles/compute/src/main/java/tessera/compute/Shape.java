package tessera.compute;

import java.util.Arrays;

/**
 * An immutable tensor shape: the size of each dimension, outermost first (NCHW for images).
 * A shape of rank 0 is a scalar with one element.
 */
public final class Shape {
    /** Largest element count of one tensor: CPU buffers are Java arrays. */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;

    private final int[] dims;
    private final int numel;

    private Shape(int[] dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than "
                        + MAX_ELEMENTS + " elements; split the tensor");
            }
        }
        this.dims = dims;
        this.numel = (int) n;
    }

    /** @param dims sizes, each &ge; 0 */
    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    /** @param axis dimension index; negative counts from the end (-1 is the last) */
    public int dim(int axis) {
        return dims[axis(axis)];
    }

    /** Normalizes a possibly negative axis to 0..rank-1, or fails naming the shape. */
    public int axis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for shape " + this);
        }
        return a;
    }

    public int numel() {
        return numel;
    }

    public int[] toArray() {
        return dims.clone();
    }

    /** Contiguous (row-major) strides of this shape, in elements. */
    public int[] contiguousStrides() {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= Math.max(dims[i], 1);
        }
        return s;
    }

    /** This shape with dimension {@code axis} replaced by {@code size}. */
    public Shape with(int axis, int size) {
        int[] d = dims.clone();
        d[axis(axis)] = size;
        return new Shape(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
