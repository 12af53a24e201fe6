package tessera.imaging.io.internal;

import java.io.ByteArrayOutputStream;

/**
 * TIFF LZW (TIFF 6.0 §13): codes of 9 to 12 bits packed most significant bit first, a Clear code at the
 * start of each strip and whenever the table fills, EOI at the end, and the "early change" that widens
 * codes one entry before the table needs it, as libtiff and every reader expect.
 */
final class LzwEncoder {
    private static final int CLEAR = 256;
    private static final int EOI = 257;
    private static final int FIRST = 258;
    private static final int TABLE_FULL = 4094; // libtiff's CODE_MAX - 1: clear before 12 bits overflow
    private static final int HASH_SIZE = 1 << 14; // > 2 × 4096 keeps probe chains short

    private final int[] hashKeys = new int[HASH_SIZE];
    private final short[] hashCodes = new short[HASH_SIZE];
    private ByteArrayOutputStream out;
    private int bitBuffer;
    private int bitCount;
    private int codeWidth;
    private int nextCode;

    /** @return the LZW-compressed strip */
    byte[] encode(byte[] data, int length) {
        out = new ByteArrayOutputStream(Math.max(64, length / 2));
        bitBuffer = 0;
        bitCount = 0;
        resetTable();
        emit(CLEAR);
        if (length > 0) {
            int prefix = data[0] & 0xff;
            for (int i = 1; i < length; i++) {
                int b = data[i] & 0xff;
                int key = (prefix << 8) | b;
                int slot = find(key);
                if (hashKeys[slot] == key) {
                    prefix = hashCodes[slot];
                    continue;
                }
                emit(prefix);
                hashKeys[slot] = key;
                hashCodes[slot] = (short) nextCode;
                nextCode++;
                if (nextCode == TABLE_FULL) {
                    emit(CLEAR);
                    resetTable();
                } else if (nextCode > (1 << codeWidth) - 1) {
                    codeWidth++; // as libtiff: the decoder, one entry behind, sees this as the early change
                }
                prefix = b;
            }
            emit(prefix);
        }
        emit(EOI);
        if (bitCount > 0) {
            out.write((bitBuffer << (8 - bitCount)) & 0xff);
        }
        return out.toByteArray();
    }

    private int find(int key) {
        int slot = (key * 0x9E3779B1 >>> 18) & (HASH_SIZE - 1);
        while (hashKeys[slot] != -1 && hashKeys[slot] != key) {
            slot = (slot + 1) & (HASH_SIZE - 1);
        }
        return slot;
    }

    private void resetTable() {
        java.util.Arrays.fill(hashKeys, -1);
        codeWidth = 9;
        nextCode = FIRST;
    }

    private void emit(int code) {
        bitBuffer = (bitBuffer << codeWidth) | code;
        bitCount += codeWidth;
        while (bitCount >= 8) {
            out.write((bitBuffer >>> (bitCount - 8)) & 0xff);
            bitCount -= 8;
        }
        bitBuffer &= (1 << bitCount) - 1;
    }
}
