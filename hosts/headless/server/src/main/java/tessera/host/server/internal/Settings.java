package tessera.host.server.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * How {@code tessera serve} runs. Defaults keep it local and small: loopback only, 64 KiB JSON bodies,
 * 32 MiB uploads, 16 M-pixel images, 2048 px tiles, 16 variations, 20 requests/s per token (burst 40),
 * SQLite and artifacts under the data folder. Scale-out (#12): {@code db} a PostgreSQL URL shared by every
 * host, {@code artifacts} one folder they all see, {@code leaseMs} how long a claimed job stays with a host
 * that stopped renewing it, {@code drainMs} how long a host that is asked to stop lets its running jobs finish
 * before it gives them back to the queue.
 */
record Settings(Path data, String host, int port, int workers, long maxJsonBytes, long maxUploadBytes, long maxImagePixels,
        int maxTilePx, int maxVariations, double ratePerSecond, double rateBurst, String db, Path artifacts, long leaseMs,
        long drainMs) {

    /** Longest drain: the rest of the launcher's 30 s stop is for giving claims back and closing the store. */
    static final int MAX_DRAIN_SECONDS = 20;

    static Settings from(Map<String, Object> args) {
        Path data = Path.of((String) args.get("data"));
        double lease = num(args, "leaseSeconds", 30).doubleValue();
        if (!(lease >= 1 && lease <= 3600)) {
            throw new IllegalArgumentException("--lease " + args.get("leaseSeconds") + " is out of range; give 1 to 3600 seconds");
        }
        double drain = num(args, "drainSeconds", 10).doubleValue();
        if (!(drain >= 0 && drain <= MAX_DRAIN_SECONDS)) {
            // the launcher gives the framework 30 s to stop: a longer drain would be cut short, its jobs left to their leases
            throw new IllegalArgumentException("--drain " + args.get("drainSeconds") + " is out of range; give 0 to "
                    + MAX_DRAIN_SECONDS + " seconds (a stop must end within the 30 s the framework is given to stop)");
        }
        Object artifacts = args.get("artifacts");
        return new Settings(data, str(args, "host", "127.0.0.1"), num(args, "port", 8080).intValue(),
                num(args, "workers", Math.max(1, Runtime.getRuntime().availableProcessors())).intValue(),
                num(args, "maxJsonBytes", 64 * 1024).longValue(), num(args, "maxUploadBytes", 32L << 20).longValue(),
                num(args, "maxImagePixels", 16_000_000L).longValue(), num(args, "maxTilePx", 2048).intValue(),
                num(args, "maxVariations", 16).intValue(), num(args, "rate", 20).doubleValue(), num(args, "burst", 40).doubleValue(),
                args.get("db") == null ? null : args.get("db").toString(),
                artifacts == null ? null : Path.of(artifacts.toString()).toAbsolutePath().normalize(), Math.round(lease * 1000),
                Math.round(drain * 1000));
    }

    Path serverDir() {
        return data.resolve("server");
    }

    /** The artifact folder: {@code --artifacts}, else one under the data folder that only this host uses. */
    Path artifactDir() {
        return artifacts == null ? serverDir().resolve("artifacts") : artifacts;
    }

    private static String str(Map<String, Object> m, String k, String d) {
        Object v = m.get(k);
        return v == null ? d : v.toString();
    }

    private static Number num(Map<String, Object> m, String k, Number d) {
        Object v = m.get(k);
        return v instanceof Number n ? n : v == null ? d : Double.valueOf(v.toString());
    }
}
