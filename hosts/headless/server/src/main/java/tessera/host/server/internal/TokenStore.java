package tessera.host.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users and their API tokens. A token is 32 random bytes shown once at creation; the database keeps
 * only its SHA-256, so a copied database file grants nothing (#12). A token's 256 bits of entropy make a
 * salted slow hash unnecessary: nobody can guess a preimage.
 */
final class TokenStore {
    static final String PREFIX = "tsr_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Db db;

    TokenStore(Db db) {
        this.db = db;
    }

    record Caller(String user, Role role) {
    }

    /** Creates the user if new (the role must then match) and a fresh token for it; returns the token. */
    String create(String user, Role role) throws SQLException {
        if (user == null || !user.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("user name '" + user + "' must be 1 to 64 letters, digits or . _ @ -");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String now = Instant.now().toString();
        db.transaction(c -> {
            List<Map<String, Object>> rows = Db.rows(c, "SELECT id, role FROM users WHERE name = ?", user);
            long id;
            if (rows.isEmpty()) {
                try (var ps = Db.prepare(c, "INSERT INTO users(name, role, created_at) VALUES (?, ?, ?)", user, role.id(), now)) {
                    ps.executeUpdate();
                }
                id = ((Number) Db.rows(c, "SELECT id FROM users WHERE name = ?", user).getFirst().get("id")).longValue();
            } else {
                if (!role.id().equals(rows.getFirst().get("role"))) {
                    throw new IllegalArgumentException("user " + user + " exists with role " + rows.getFirst().get("role")
                            + "; a user has one role");
                }
                id = ((Number) rows.getFirst().get("id")).longValue();
            }
            try (var ps = Db.prepare(c, "INSERT INTO tokens(user_id, hash, created_at) VALUES (?, ?, ?)", id, hash(token), now)) {
                ps.executeUpdate();
            }
            return null;
        });
        return token;
    }

    Optional<Caller> authenticate(String token) throws SQLException {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = db.query("SELECT u.name, u.role FROM tokens t JOIN users u ON u.id = t.user_id "
                + "WHERE t.hash = ? AND t.revoked_at IS NULL", hash(token));
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(new Caller((String) rows.getFirst().get("name"), Role.parse((String) rows.getFirst().get("role"))));
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

}
