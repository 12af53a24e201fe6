package tessera.host.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One endpoint: method, path template ({@code /api/jobs/{id}}; a last segment {@code {name+}} takes the
 * rest of the path), the roles that may call it (empty: public) and the handler.
 */
record Route(String method, String template, Set<Role> roles, Handler handler) {
    @FunctionalInterface
    interface Handler {
        /** @return a value to answer as JSON, or null when the handler wrote the response itself */
        Object handle(Call call) throws Exception;
    }

    /** Path parameters when {@code path} matches this template, else null. */
    Map<String, String> match(String path) {
        String[] t = template.substring(1).split("/");
        String[] p = path.substring(1).split("/", -1);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (i >= p.length) {
                return null;
            }
            if (t[i].endsWith("+}")) {
                params.put(t[i].substring(1, t[i].length() - 2), String.join("/", java.util.Arrays.copyOfRange(p, i, p.length)));
                return params;
            }
            if (t[i].startsWith("{")) {
                if (p[i].isEmpty()) {
                    return null;
                }
                params.put(t[i].substring(1, t[i].length() - 1), p[i]);
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return p.length == t.length ? params : null;
    }

    /** The template as OpenAPI writes it ({@code {name+}} becomes {@code {name}}). */
    String openApiPath() {
        return template.replace("+}", "}");
    }
}
