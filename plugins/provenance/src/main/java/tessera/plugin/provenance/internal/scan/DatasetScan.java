package tessera.plugin.provenance.internal.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

import tessera.plugin.provenance.internal.manifest.FileEntry;

/**
 * Walks a training folder and the archives in it and records every file (#7). Symbolic links are not
 * followed (a link loop cannot trap the walk). Files are examined on as many lanes as there are cores;
 * each file's parsing runs in the {@link Sandbox}.
 */
public final class DatasetScan {
    private final FileProbe probe;
    private final Limits limits;
    private final long maxFileBytes;
    private final Sandbox sandbox;
    private final int lanes;

    /** @param maxFileBytes the policy's size limit: larger files are hashed and typed, not parsed */
    public DatasetScan(FileProbe probe, Limits limits, long maxFileBytes, int lanes) {
        this.probe = probe;
        this.limits = limits;
        this.maxFileBytes = maxFileBytes;
        this.sandbox = new Sandbox(limits);
        this.lanes = Math.max(1, lanes);
    }

    /** @return every file, archive members included, sorted by path */
    public List<FileEntry> scan(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder; give the training folder to scan");
        }
        List<Path> files = list(folder);
        ConcurrentLinkedQueue<Path> queue = new ConcurrentLinkedQueue<>(files);
        List<FileEntry> out = java.util.Collections.synchronizedList(new ArrayList<>());
        Path tmp = Files.createTempDirectory("tessera-provenance");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < lanes; i++) {
                threads.add(Thread.ofPlatform().name("tessera-provenance-lane-" + i).start(() -> {
                    try {
                        for (Path f; (f = queue.poll()) != null;) {
                            String rel = folder.relativize(f).toString().replace('\\', '/');
                            examine(rel, f, null, 1, tmp, out);
                        }
                    } catch (Throwable t) { // a lane that dies must fail the scan, not shorten it silently
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("scan interrupted", e);
        } finally {
            deleteTree(tmp);
        }
        if (failure.get() != null) {
            throw new IOException("scan failed: " + failure.get(), failure.get());
        }
        List<FileEntry> sorted = new ArrayList<>(out);
        sorted.sort(Comparator.comparing(FileEntry::path));
        return sorted;
    }

    private static List<Path> list(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                files.add(file); // recorded as unreadable when examined
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        return files;
    }

    /**
     * @param hashed {size, sha256} already known (archive members), or null
     * @param depth  1 for files in the folder, +1 per archive level
     */
    private void examine(String path, Path file, Object[] hashed, int depth, Path tmp, List<FileEntry> out) {
        long size;
        String sha;
        try {
            if (hashed == null) {
                size = Files.size(file);
                sha = sha256(file);
            } else {
                size = (long) hashed[0];
                sha = (String) hashed[1];
            }
        } catch (IOException | UncheckedIOException e) {
            out.add(unreadable(path, 0, null, null, "cannot be read: " + e.getMessage()));
            return;
        }
        Map<String, String> fields = new TreeMap<>(), optOuts = new TreeMap<>();
        MediaType[] type = new MediaType[1];
        FileEntry entry;
        try {
            entry = sandbox.run(path, () -> {
                type[0] = probe.detect(file);
                MediaType byName = probe.fromName(path.substring(path.lastIndexOf('/') + 1));
                boolean mismatch = probe.mismatch(type[0], byName);
                if (size > maxFileBytes || size > limits.parseBytes()) {
                    return new FileEntry(path, size, sha, type[0].toString(), str(byName), mismatch, null, null, null, null,
                            null, null, null, null, null, "skipped", "over the size limit (" + size + " bytes): hashed and typed, not parsed");
                }
                Metadata md = probe.parse(file, type[0], fields, optOuts);
                ImageProbe.Result img = type[0].getType().equals("image") ? ImageProbe.read(file, limits.pixels()) : null;
                Integer w = img != null ? Integer.valueOf(img.width()) : intOf(md, "tiff:ImageWidth");
                Integer h = img != null ? Integer.valueOf(img.height()) : intOf(md, "tiff:ImageLength");
                return new FileEntry(path, size, sha, type[0].toString(), str(byName), mismatch, w, h,
                        ProvenanceFields.licence(fields), ProvenanceFields.creator(fields), ProvenanceFields.rights(fields),
                        optOuts.isEmpty() ? null : Map.copyOf(optOuts), fields.isEmpty() ? null : new TreeMap<>(fields),
                        img == null ? null : img.fingerprint().phashHex(), img == null ? null : img.fingerprint().embedding(),
                        FileEntry.OK, null);
            });
        } catch (UnreadableFileException e) {
            entry = unreadable(path, size, sha, type[0] == null ? null : type[0].toString(), e.getMessage());
        }
        if (entry.mediaType() != null && ArchiveReader.isArchive(entry.mediaType())) {
            if (depth >= limits.archiveDepth()) {
                entry = unreadable(path, size, sha, entry.mediaType(), "archive nested " + depth + " deep, over the limit of "
                        + limits.archiveDepth() + ": members not read");
            } else {
                walk(path, file, entry.mediaType(), depth, tmp, out);
            }
        }
        out.add(entry);
    }

    private void walk(String path, Path archive, String mediaType, int depth, Path tmp, List<FileEntry> out) {
        ArchiveReader reader = new ArchiveReader(limits, Math.min(maxFileBytes, limits.parseBytes()) + 1, tmp);
        try {
            reader.read(archive, path, mediaType, new ArchiveReader.MemberSink() {
                @Override
                public void member(String name, Path file, long size, String sha256, boolean complete) {
                    String member = path + "!/" + name;
                    if (complete) {
                        examine(member, file, new Object[] {size, sha256}, depth + 1, tmp, out);
                    } else {
                        out.add(new FileEntry(member, size, sha256, null, null, null, null, null, null, null, null, null, null,
                                null, null, "skipped", "over the size limit (" + size + " bytes): hashed, not parsed"));
                    }
                }

                @Override
                public void unreadable(String name, String reason) {
                    out.add(DatasetScan.unreadable(path + "!/" + name, 0, null, null, reason));
                }
            });
        } catch (IOException e) {
            out.add(unreadable(path + "!/(archive)", 0, null, mediaType, "archive cannot be read: " + e.getMessage()));
        }
    }

    static FileEntry unreadable(String path, long size, String sha, String mediaType, String reason) {
        return new FileEntry(path, size, sha, mediaType, null, null, null, null, null, null, null, null, null, null, null,
                FileEntry.UNREADABLE, reason);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = ArchiveReader.sha256();
        byte[] buf = new byte[65536];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Integer intOf(Metadata md, String name) {
        String v = md.get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.replaceAll("[^0-9].*$", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String str(MediaType t) {
        return t == null ? null : t.toString();
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
