package tessera.host.server.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a token may do (#12). designer: jobs, check, export; operator: also metrics, any job's cancel;
 * compliance: read every job and the audit log; admin: everything, bundle management included.
 */
enum Role {
    DESIGNER, OPERATOR, COMPLIANCE, ADMIN;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role parse(String s) {
        for (Role r : values()) {
            if (r.id().equals(s == null ? "" : s.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not a role; use one of "
                + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")));
    }

    /** True when this role may use an endpoint open to {@code allowed}; admin may use all. */
    boolean in(Role... allowed) {
        return this == ADMIN || Arrays.asList(allowed).contains(this);
    }
}
