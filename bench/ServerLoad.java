// Load client for bench/server.sh (#12): a separate JVM on loopback. Each client submits a 256 px job to the
// generator GENERATOR names (procedural by default, or gan), polls it to the end, and repeats for the phase's
// duration; latency = submit to finished; jobs/s = jobs finished / time until the last one finished.
// Usage: java ServerLoad.java URL[,URL…] TOKEN CLIENTS SECONDS [SWAP_AT_SECONDS SWAP_JAR ADMIN_TOKEN SWAP_BUNDLE]
// Several URLs (hosts sharing one database, bench/scaleout.sh): client i submits to and polls host i mod n.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ServerLoad {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{16})\"");
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");

    public static void main(String[] a) throws Exception {
        String[] urls = a[0].split(",");
        String url = urls[0], token = a[1];
        String generator = System.getenv().getOrDefault("GENERATOR", "procedural");
        int clients = Integer.parseInt(a[2]);
        long seconds = Long.parseLong(a[3]);
        List<Long> lat = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger(), seed = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String host = urls[c % urls.length];
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        String body = "{\"prompt\":\"sage gingham\",\"generator\":\"" + generator + "\",\"tileWidthPx\":256,\"seed\":" + seed.incrementAndGet() + "}";
                        var r = HTTP.send(req(host + "api/jobs", token).POST(HttpRequest.BodyPublishers.ofString(body))
                                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                        Matcher m = ID.matcher(r.body());
                        if (r.statusCode() != 202 || !m.find()) {
                            errors.incrementAndGet();
                            System.err.println("submit: " + r.statusCode() + " " + r.body());
                            continue;
                        }
                        String status;
                        do {
                            Thread.sleep(5);
                            var s = HTTP.send(req(host + "api/jobs/" + m.group(1), token).build(), HttpResponse.BodyHandlers.ofString());
                            Matcher sm = STATUS.matcher(s.body());
                            status = sm.find() ? sm.group(1) : "?";
                        } while (status.equals("queued") || status.equals("running"));
                        if (status.equals("succeeded")) {
                            lat.add(System.nanoTime() - t0);
                        } else {
                            errors.incrementAndGet();
                            System.err.println("job " + m.group(1) + ": " + status);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        System.err.println("client: " + e);
                    }
                }
            }));
        }
        String swap = "none";
        if (a.length > 6) {
            Thread.sleep(Long.parseLong(a[4]) * 1000);
            byte[] jar = Files.readAllBytes(Path.of(a[5]));
            long t = System.nanoTime();
            var in = HTTP.send(req(url + "api/bundles", a[6]).POST(HttpRequest.BodyPublishers.ofByteArray(jar))
                    .header("Content-Type", "application/java-archive").build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(2000);
            var out = HTTP.send(req(url + "api/bundles/" + (a.length > 7 ? a[7] : "tessera.dataset"), a[6]).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            swap = "install " + in.statusCode() + " remove " + out.statusCode() + " (" + (System.nanoTime() - t) / 1_000_000 + " ms)";
            if (in.statusCode() != 201 || out.statusCode() != 200) {
                errors.incrementAndGet();
                System.err.println("swap: " + in.body() + " / " + out.body());
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        // the last jobs finish after the phase ends (long ones, e.g. GAN at 32 clients, by many seconds): divide by
        // the time until they did, not by the phase length
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> s = new ArrayList<>(lat);
        Collections.sort(s);
        double p50 = s.isEmpty() ? 0 : s.get(s.size() / 2) / 1e6, p99 = s.isEmpty() ? 0 : s.get(Math.min(s.size() - 1, (int) (s.size() * 0.99))) / 1e6;
        System.out.printf("clients: %d%njobs: %d%njobs_per_s: %.2f%np50_ms: %.0f%np99_ms: %.0f%nerrors: %d%nswap: %s%n", clients, s.size(),
                s.size() / elapsed, p50, p99, errors.get(), swap);
    }

    static HttpRequest.Builder req(String u, String token) {
        return HttpRequest.newBuilder(URI.create(u)).header("Authorization", "Bearer " + token);
    }
}
