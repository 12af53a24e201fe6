package tessera.plugin.provenance.internal.scan;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Streams the members of ZIP, TAR and gzip archives to temporary files, one at a time, under the archive
 * limits: member count, total uncompressed bytes, and the compression ratio of large members (zip bombs).
 * Member names are only recorded, never used as paths, so hostile names ({@code ../../x}) do no harm.
 */
final class ArchiveReader {
    /** Receives each member; the file is deleted after the call returns. */
    interface MemberSink {
        void member(String name, Path file, long size, String sha256, boolean complete);

        /** A member or the rest of the archive that could not be read, with why. */
        void unreadable(String name, String reason);
    }

    private static final long BOMB_MIN_BYTES = 16L << 20;
    private final Limits limits;
    private final long storeBytes;
    private final Path tmp;

    /** @param storeBytes members larger than this are hashed but not kept (the policy's size limit) */
    ArchiveReader(Limits limits, long storeBytes, Path tmp) {
        this.limits = limits;
        this.storeBytes = storeBytes;
        this.tmp = tmp;
    }

    static boolean isArchive(String mediaType) {
        return kind(mediaType) != null;
    }

    private static String kind(String mediaType) {
        return switch (mediaType) {
            case "application/zip", "application/java-archive", "application/x-java-archive" -> "zip";
            case "application/x-tar", "application/x-gtar" -> "tar";
            case "application/gzip", "application/x-gzip" -> "gzip";
            default -> null;
        };
    }

    void read(Path archive, String name, String mediaType, MemberSink sink) throws IOException {
        try (Counting raw = new Counting(Files.newInputStream(archive))) {
            switch (kind(mediaType)) {
                case "zip" -> zip(raw, sink);
                case "tar" -> tar(raw, raw, sink);
                case "gzip" -> {
                    try (InputStream in = new GZIPInputStream(raw, 8192)) {
                        String inner = name.replaceAll("(?i)\\.tgz$", ".tar").replaceAll("(?i)\\.gz$", "");
                        String base = inner.substring(inner.lastIndexOf('/') + 1);
                        copy(base.isEmpty() ? "content" : base, in, raw, new long[1], sink);
                    }
                }
                default -> throw new IllegalArgumentException(mediaType);
            }
        } catch (ArchiveLimit e) {
            sink.unreadable(e.member, e.getMessage());
        }
    }

    private void zip(Counting raw, MemberSink sink) throws IOException, ArchiveLimit {
        long[] total = {0};
        int members = 0;
        try (ZipInputStream zin = new ZipInputStream(raw)) {
            while (true) {
                ZipEntry e;
                try {
                    e = zin.getNextEntry();
                } catch (ZipException | EOFException ex) {
                    sink.unreadable("(rest of archive)", "malformed or truncated ZIP: " + ex.getMessage());
                    return;
                }
                if (e == null) {
                    return;
                }
                if (e.isDirectory()) {
                    continue;
                }
                if (++members > limits.archiveMembers()) {
                    throw new ArchiveLimit("(rest of archive)", "more than " + limits.archiveMembers() + " members; the rest not read");
                }
                try {
                    copy(e.getName(), zin, raw, total, sink);
                } catch (ZipException | EOFException ex) {
                    String m = String.valueOf(ex.getMessage());
                    sink.unreadable(e.getName(), m.contains("encrypted") ? "encrypted ZIP entry" : "malformed or truncated ZIP entry: " + m);
                    if (!m.contains("encrypted")) {
                        return;
                    }
                }
            }
        }
    }

    /** POSIX ustar and GNU tar: 512-byte headers, GNU long names; links, devices and pax headers are skipped. */
    private void tar(InputStream in, Counting raw, MemberSink sink) throws IOException, ArchiveLimit {
        long[] total = {0};
        int members = 0;
        String longName = null;
        byte[] h = new byte[512];
        while (true) {
            if (in.readNBytes(h, 0, 512) < 512) {
                return; // end of a truncated archive: members before it stand
            }
            if (allZero(h)) {
                return;
            }
            long size = octal(h, 124, 12);
            if (size < 0) {
                sink.unreadable("(rest of archive)", "malformed TAR header");
                return;
            }
            char type = (char) h[156];
            String name = longName != null ? longName : str(h, 345, 155).isEmpty() ? str(h, 0, 100) : str(h, 345, 155) + "/" + str(h, 0, 100);
            longName = null;
            long padded = (size + 511) / 512 * 512;
            if (type == 'L' && size < 65536) {
                byte[] n = in.readNBytes((int) padded);
                longName = new String(n, 0, (int) Math.min(size, n.length), StandardCharsets.UTF_8).replace("\0", "");
                continue;
            }
            if (type == '0' || type == 0) {
                if (++members > limits.archiveMembers()) {
                    throw new ArchiveLimit("(rest of archive)", "more than " + limits.archiveMembers() + " members; the rest not read");
                }
                copy(name, new Bounded(in, size), raw, total, sink);
                skip(in, padded - size);
            } else {
                skip(in, padded);
            }
        }
    }

    private void copy(String name, InputStream in, Counting raw, long[] total, MemberSink sink) throws IOException, ArchiveLimit {
        Path file = Files.createTempFile(tmp, "member", ".bin");
        try {
            MessageDigest sha = sha256();
            long size = 0, rawStart = raw.count;
            byte[] buf = new byte[65536];
            try (OutputStream out = Files.newOutputStream(file)) {
                for (int n; (n = in.read(buf)) > 0;) {
                    sha.update(buf, 0, n);
                    if (size < storeBytes) {
                        out.write(buf, 0, (int) Math.min(n, storeBytes - size));
                    }
                    size += n;
                    total[0] += n;
                    long packed = Math.max(1, raw.count - rawStart);
                    if (size > BOMB_MIN_BYTES && size / (double) packed > limits.archiveRatio()) {
                        throw new ArchiveLimit(name, "zip bomb: inflates more than " + (long) limits.archiveRatio()
                                + "× (" + (size >> 20) + " MiB from " + packed / 1024 + " KiB so far); not read further");
                    }
                    if (total[0] > limits.archiveBytes()) {
                        throw new ArchiveLimit(name, "archive inflates past " + (limits.archiveBytes() >> 20) + " MiB; not read further");
                    }
                }
            }
            sink.member(name, file, size, HexFormat.of().formatHex(sha.digest()), size <= storeBytes);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            // truncated: the next header read ends the walk
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String str(byte[] b, int from, int len) {
        int end = from;
        while (end < from + len && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.UTF_8).strip();
    }

    /** Octal size field, or GNU base-256 when the high bit is set; -1 when neither. */
    private static long octal(byte[] b, int from, int len) {
        if ((b[from] & 0x80) != 0) {
            long v = 0;
            for (int i = from + 1; i < from + len; i++) {
                v = v << 8 | (b[i] & 255);
            }
            return v < 0 ? -1 : v;
        }
        String s = str(b, from, len).trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class ArchiveLimit extends Exception {
        private static final long serialVersionUID = 1L;
        final String member;

        ArchiveLimit(String member, String message) {
            super(message);
            this.member = member;
        }
    }

    /** Counts compressed bytes consumed, for the compression ratio. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(0, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
        }
    }

    /** One TAR member's bytes. */
    private static final class Bounded extends FilterInputStream {
        private long left;

        Bounded(InputStream in, long size) {
            super(in);
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            left -= b >= 0 ? 1 : left;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= n > 0 ? n : left;
            return n;
        }

        @Override
        public void close() {
            // the archive stream stays open for the next member
        }
    }
}
