package tessera.host.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tessera.api.json.InvalidJsonException;
import tessera.api.json.TesseraJson;

/** One request as handlers see it: path parameters, the caller, and bounded access to the body. */
record Call(HttpServletRequest request, HttpServletResponse response, Map<String, String> params, TokenStore.Caller caller,
        Settings settings) {

    String param(String name) {
        return params.get(name);
    }

    String query(String name) {
        return request.getParameter(name);
    }

    /** Reads a JSON body strictly (unknown fields → 400 naming the field), at most {@code maxJsonBytes}. */
    <T> T json(Class<T> type) throws IOException {
        String ct = request.getContentType();
        if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "send the body as JSON with Content-Type: application/json (got " + ct + ")");
        }
        byte[] body = body(settings.maxJsonBytes(), "JSON body");
        if (body.length == 0) {
            throw new ApiError(400, "the request has no body; send a " + type.getSimpleName() + " as JSON");
        }
        try {
            return TesseraJson.read(new java.io.ByteArrayInputStream(body), type);
        } catch (InvalidJsonException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    byte[] body(long limit, String what) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new ApiError(413, what + " of " + declared + " bytes exceeds the limit of " + limit + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (b.length > limit) {
                throw new ApiError(413, what + " exceeds the limit of " + limit + " bytes");
            }
            return b;
        }
    }

    /** Streams the body to a temporary file, at most {@code limit} bytes. */
    Path bodyToFile(long limit, String what, String suffix) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new ApiError(413, what + " of " + declared + " bytes exceeds the limit of " + limit + " bytes");
        }
        Path tmp = Files.createTempFile("tessera-upload-", suffix);
        long total = 0;
        try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0;) {
                total += n;
                if (total > limit) {
                    throw new ApiError(413, what + " exceeds the limit of " + limit + " bytes");
                }
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (total == 0) {
            Files.deleteIfExists(tmp);
            throw new ApiError(400, "the request has no body; send the " + what);
        }
        return tmp;
    }
}
