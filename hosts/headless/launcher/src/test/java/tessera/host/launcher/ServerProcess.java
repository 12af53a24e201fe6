package tessera.host.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code tessera serve --port 0} as a separate, real process of the built distribution (#12). */
final class ServerProcess implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    final Process process;
    final String url;

    private ServerProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Arguments starting with {@code -D} are system properties for the server's JVM; the rest go to {@code serve}. */
    static List<String> command(Path data, String... args) {
        String dist = System.getProperty("tessera.dist");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "--add-modules", "jdk.incubator.vector"));
        List.of(args).stream().filter(a -> a.startsWith("-D")).forEach(cmd::add);
        cmd.addAll(List.of("-jar", Path.of(dist, "tessera-launcher.jar").toString(), "serve", "--data", data.toString()));
        List.of(args).stream().filter(a -> !a.startsWith("-D")).forEach(cmd::add);
        return cmd;
    }

    static ServerProcess start(Path data, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--port", "0"));
        all.addAll(List.of(args));
        List<String> cmd = command(data, all.toArray(String[]::new));
        Process p = new ProcessBuilder(cmd).redirectError(data.resolveSibling(data.getFileName() + "-stderr.log").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String l; (l = out.readLine()) != null;) {
                    if (l.startsWith("tessera serve: listening on ")) {
                        return l.substring("tessera serve: listening on ".length()).split(" ")[0];
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        String url = line.get(90, TimeUnit.SECONDS);
        if (url == null) {
            p.destroyForcibly();
            throw new IllegalStateException("tessera serve did not start; see " + data + "-stderr.log");
        }
        return new ServerProcess(p, url);
    }

    /** Creates a token with the CLI, as an operator would; {@code serveArgs} such as {@code --db URL} go along. */
    static String token(Path data, String user, String role, String... serveArgs) throws Exception {
        java.nio.file.Files.createDirectories(data.toAbsolutePath().getParent());
        Path out = data.resolveSibling(user + "-token.out"), err = data.resolveSibling(user + "-token.err");
        List<String> args = new ArrayList<>(List.of("--create-token", user, "--role", role));
        args.addAll(List.of(serveArgs));
        Process p = new ProcessBuilder(command(data, args.toArray(String[]::new)))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // bounded: a CLI process that cannot start (e.g. the distribution rebuilt under it) fails the test, not hangs it
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("token creation failed: " + java.nio.file.Files.readString(err));
        }
        return java.nio.file.Files.readString(out).strip();
    }

    HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path.substring(1)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null, null);
    }

    HttpResponse<String> postJson(String path, String token, String json) throws Exception {
        return send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return Engine.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** Polls a job until it leaves queued/running or the bound passes; returns its last view. */
    JsonNode awaitJob(String id, String token, long ms) throws Exception {
        long deadline = System.currentTimeMillis() + ms;
        JsonNode j;
        do {
            j = json(get("/api/jobs/" + id, token));
            String s = j.path("status").asText();
            if (!s.equals("queued") && !s.equals("running")) {
                return j;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        return j;
    }

    /** Sends a signal by name ({@code STOP} freezes the process, {@code CONT} lets it go on) with the system's kill. */
    void signal(String name) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
        if (!k.waitFor(30, TimeUnit.SECONDS) || k.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed: " + new String(k.getInputStream().readAllBytes()));
        }
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash or an OOM killer would end it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
