package tessera.compute.io;

/** The safetensors element types Tessera reads (to float32) and writes (from float32). */
public enum SafetensorsDtype {
    /** IEEE binary32. */
    F32(4),
    /** IEEE binary16. */
    F16(2),
    /** bfloat16: the upper half of a binary32; written with round-to-nearest-even. */
    BF16(2);

    private final int bytes;

    SafetensorsDtype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Decodes one little-endian element at {@code bits} (the low 16 or all 32 bits). */
    float decode(int bits) {
        return switch (this) {
            case F32 -> Float.intBitsToFloat(bits);
            case F16 -> Float.float16ToFloat((short) bits);
            case BF16 -> Float.intBitsToFloat(bits << 16);
        };
    }

    /** Encodes one float into the element's bits. */
    int encode(float v) {
        return switch (this) {
            case F32 -> Float.floatToRawIntBits(v);
            case F16 -> Float.floatToFloat16(v) & 0xFFFF;
            case BF16 -> {
                int b = Float.floatToRawIntBits(v);
                if (Float.isNaN(v)) {
                    yield (b >>> 16) | 0x40;
                }
                yield (b + 0x7FFF + ((b >>> 16) & 1)) >>> 16;
            }
        };
    }
}
