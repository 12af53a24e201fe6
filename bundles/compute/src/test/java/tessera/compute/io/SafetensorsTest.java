package tessera.compute.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tessera.compute.ComputeDevice;
import tessera.compute.Tensor;
import tessera.compute.TensorScope;
import tessera.compute.cpu.CpuDevices;

class SafetensorsTest {
    private final ComputeDevice cpu = CpuDevices.shared();
    private TensorScope scope;
    @TempDir
    Path dir;

    @BeforeEach
    void open() {
        scope = TensorScope.open();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    private byte[] serialize(Map<String, Tensor> tensors, Map<String, String> meta) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Safetensors.serialize(tensors, meta, SafetensorsDtype.F32, out);
        return out.toByteArray();
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void writesTheReferenceImplementationsBytes() throws IOException {
        // huggingface/safetensors safetensors/src/tensor.rs, test_serialization
        byte[] expected = bytes(64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
                116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
                58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
                101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
                0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64);
        Tensor t = Tensor.of(cpu, new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3);
        assertThat(serialize(Map.of("attn.0", t), Map.of())).containsExactly(expected);
        // test_serialization_forced_alignement: the header is padded with spaces to 8 bytes
        byte[] aligned = bytes(72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116,
                121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
                91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102,
                115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
                32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0,
                160, 64);
        assertThat(serialize(Map.of("attn0", t.reshape(1, 1, 2, 3)), null)).containsExactly(aligned);
        // test_empty, without and with metadata
        assertThat(serialize(Map.of(), Map.of())).containsExactly(bytes(8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32,
                32, 32, 32, 32));
        assertThat(serialize(Map.of(), Map.of("framework", "pt"))).containsExactly(bytes(40, 0, 0, 0, 0, 0, 0, 0,
                123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95, 95, 34, 58, 123, 34, 102, 114, 97, 109,
                101, 119, 111, 114, 107, 34, 58, 34, 112, 116, 34, 125, 125, 32, 32, 32, 32, 32));
    }

    @Test
    void roundTripsNamesShapesValuesAndMetadataInEveryDtype() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("z.weight", Tensor.normal(cpu, 3, 0, 1, 4, 3, 3, 3));
        in.put("a.bias", Tensor.of(cpu, new float[] {1.5f, -2.25f, 65504f}, 3));
        in.put("scalar", Tensor.scalar(cpu, 0.1f));
        in.put("empty", Tensor.zeros(cpu, 0, 5));
        Map<String, String> meta = Map.of("format", "pt", "tessera.model", "gan \"v1\"\n");
        for (SafetensorsDtype dtype : SafetensorsDtype.values()) {
            Path f = dir.resolve("w-" + dtype + ".safetensors");
            Safetensors.write(f, in, meta, dtype);
            Safetensors.Header h = Safetensors.readHeader(f);
            assertThat(h.metadata()).isEqualTo(meta);
            assertThat(h.tensors().keySet()).containsExactly("a.bias", "empty", "scalar", "z.weight");
            Map<String, Tensor> out = Safetensors.read(f, cpu);
            for (String name : in.keySet()) {
                float[] a = in.get(name).toArray();
                float[] b = out.get(name).toArray();
                assertThat(out.get(name).dims()).containsExactly(in.get(name).dims());
                double tol = dtype == SafetensorsDtype.F32 ? 0 : dtype == SafetensorsDtype.F16 ? 1e-3 : 8e-3;
                for (int i = 0; i < a.length; i++) {
                    assertThat((double) b[i]).as(dtype + " " + name + "[" + i + "]")
                            .isCloseTo(a[i], org.assertj.core.data.Offset.offset(tol * Math.max(1, Math.abs(a[i]))));
                }
            }
            assertThat(Files.size(f)).isEqualTo(8 + headerLength(f) + (4 * 27 + 3 + 1) * (long) dtype.bytes());
        }
    }

    @Test
    void halfPrecisionConversionsAreExact() {
        assertThat(SafetensorsDtype.F16.decode(0x3C00)).isEqualTo(1f);
        assertThat(SafetensorsDtype.F16.decode(0xC000)).isEqualTo(-2f);
        assertThat(SafetensorsDtype.F16.decode(0x0001)).isEqualTo(5.9604645e-8f);
        assertThat(SafetensorsDtype.BF16.decode(0x3F80)).isEqualTo(1f);
        assertThat(SafetensorsDtype.BF16.decode(0xC049)).isEqualTo(-3.140625f);
        // round to nearest even: 1 + 2^-8 lies halfway between two bf16 values, ties to the even one
        assertThat(SafetensorsDtype.BF16.encode(1f + 0x1p-8f)).isEqualTo(0x3F80);
        assertThat(SafetensorsDtype.BF16.encode(1f + 0x1p-8f + 0x1p-20f)).isEqualTo(0x3F81);
        assertThat(Float.isNaN(SafetensorsDtype.BF16.decode(SafetensorsDtype.BF16.encode(Float.NaN)))).isTrue();
    }

    @Test
    void readsFilesFromTheReferenceTests() throws IOException {
        // test_deserialization uses I32, which Tessera does not read: it must say so by name
        Path f = dir.resolve("i32.safetensors");
        Files.write(f, ("<\0\0\0\0\0\0\0{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}"
                + "\0".repeat(16)).getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> Safetensors.read(f, cpu)).isInstanceOf(InvalidSafetensorsException.class)
                .hasMessageContaining("'test' has dtype I32");
        Path g = dir.resolve("f32.safetensors");
        Files.write(g, ("<\0\0\0\0\0\0\0{\"test\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}"
                + "\0\0\u0080\u003F".repeat(4)).getBytes(StandardCharsets.ISO_8859_1));
        assertThat(Safetensors.read(g, cpu).get("test").toArray()).containsExactly(1, 1, 1, 1);
    }

    @Test
    void rejectsBrokenFilesWithAReason() throws IOException {
        assertInvalid("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, "needs 8 bytes");
        assertInvalid("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "starts at byte 4");
        assertInvalid("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8, "cover 4 data bytes");
        assertInvalid("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"a\":{}}", 4, "duplicate");
        assertInvalid("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4, "integers");
        assertInvalid("[]", 0, "must start with '{'");
        Path f = dir.resolve("huge.safetensors");
        Files.write(f, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
        assertThatThrownBy(() -> Safetensors.read(f, cpu)).hasMessageContaining("header length");
    }

    private void assertInvalid(String header, int dataBytes, String message) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, b.array());
        assertThatThrownBy(() -> Safetensors.read(f, cpu)).isInstanceOf(InvalidSafetensorsException.class)
                .hasMessageContaining(message);
    }

    private static long headerLength(Path f) throws IOException {
        byte[] b = Files.readAllBytes(f);
        return ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
