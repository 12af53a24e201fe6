package tessera.host.launcher;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The real headless host, as the integration tests drive it: the built distribution in Felix. */
final class Engine implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    final TesseraRuntime runtime;
    final Path data;

    Engine(Path data) throws Exception {
        this.data = data;
        String dist = System.getProperty("tessera.dist");
        if (dist == null) {
            throw new IllegalStateException("run through Maven (failsafe sets tessera.dist to the built distribution)");
        }
        this.runtime = TesseraRuntime.start(Path.of(dist), data);
    }

    Path hot() {
        return data.resolve("hot");
    }

    Result cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = runtime.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON (exit " + code + "): " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + code + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    @Override
    public void close() throws Exception {
        runtime.close();
    }
}
