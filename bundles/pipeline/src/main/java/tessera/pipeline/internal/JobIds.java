package tessera.pipeline.internal;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Job ids that sort by time and do not collide across threads or hosts: {@code 20261122-221503-3f9a1c}. */
final class JobIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private JobIds() {
    }

    static String next() {
        return STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    }
}
