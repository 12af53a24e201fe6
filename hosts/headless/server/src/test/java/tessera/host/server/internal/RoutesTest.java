package tessera.host.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The OpenAPI document and the router agree: every route documented, every documented operation routed, roles alike. */
class RoutesTest {
    private final ApiServlet api = new ApiServlet(Settings.from(Map.of("data", "/tmp")), null, null, null, null, null, null, null, null);

    @Test
    void openApiListsExactlyTheRoutesWithTheirRoles() throws Exception {
        JsonNode doc;
        try (InputStream in = ApiServlet.class.getResourceAsStream("/openapi.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> documented.add(
                op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey())));
        Set<String> routed = new TreeSet<>();
        for (Route r : api.routes()) {
            routed.add(r.method() + " " + r.openApiPath());
            JsonNode op = doc.get("paths").get(r.openApiPath()).get(r.method().toLowerCase(java.util.Locale.ROOT));
            Set<String> roles = new TreeSet<>();
            op.get("x-roles").forEach(n -> roles.add(n.asText()));
            Set<String> want = new TreeSet<>();
            r.roles().forEach(role -> want.add(role.id()));
            if (!want.isEmpty()) {
                want.add("admin");
            }
            assertThat(roles).as(r.method() + " " + r.template()).isEqualTo(want);
        }
        assertThat(routed).isEqualTo(documented);
    }

    @Test
    void templatesMatchSegmentsAndTheRestParameter() {
        Route job = new Route("GET", "/api/jobs/{id}", Set.of(), c -> null);
        assertThat(job.match("/api/jobs/abc")).containsEntry("id", "abc");
        assertThat(job.match("/api/jobs/abc/x")).isNull();
        assertThat(job.match("/api/jobs/")).isNull();
        Route file = new Route("GET", "/api/jobs/{id}/artifacts/{name+}", Set.of(), c -> null);
        assertThat(file.match("/api/jobs/abc/artifacts/a/b.png")).containsEntry("name", "a/b.png");
    }
}
