package tessera.plugin.provenance.internal.scan;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Licence statements as files write them (Creative Commons URLs, SPDX ids, names) → SPDX ids, so that a
 * policy can allow and deny by id. What is not recognised stays null: the raw text is kept in the fields.
 */
public final class SpdxLicences {
    private static final Pattern CC = Pattern.compile(
            "creativecommons\\.org/licen[cs]es/(by(?:-nc)?(?:-nd|-sa)?)/(\\d\\.\\d)", Pattern.CASE_INSENSITIVE);
    private static final Pattern CC_NAME = Pattern.compile(
            "\\bCC[- ](BY(?:[- ]NC)?(?:[- ]ND|[- ]SA)?)[- ](\\d\\.\\d)\\b", Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("creativecommons.org/publicdomain/zero/1.0", "CC0-1.0"),
            Map.entry("creativecommons.org/publicdomain/mark/1.0", "LicenseRef-PublicDomainMark-1.0"),
            Map.entry("cc0", "CC0-1.0"),
            Map.entry("public domain", "LicenseRef-PublicDomain"),
            Map.entry("opensource.org/licenses/mit", "MIT"),
            Map.entry("apache.org/licenses/license-2.0", "Apache-2.0"),
            Map.entry("gnu.org/licenses/gpl-3.0", "GPL-3.0-only"),
            Map.entry("gnu.org/licenses/gpl-2.0", "GPL-2.0-only"),
            Map.entry("all rights reserved", "LicenseRef-AllRightsReserved"));
    private static final Pattern SPDX_ID = Pattern.compile(
            "(CC0-1\\.0|CC-BY(?:-NC)?(?:-ND|-SA)?-\\d\\.\\d|MIT|Apache-2\\.0|BSD-[23]-Clause|GPL-[23]\\.0(?:-only|-or-later)?"
                    + "|LGPL-[23]\\.\\d(?:-only|-or-later)?|OFL-1\\.1|Unlicense|LicenseRef-[A-Za-z0-9.-]+)");

    private SpdxLicences() {
    }

    /** @return an SPDX id or {@code LicenseRef-…}, or null when the statement names no licence known here */
    public static String normalise(String statement) {
        if (statement == null || statement.isBlank()) {
            return null;
        }
        String s = statement.strip();
        Matcher id = SPDX_ID.matcher(s);
        if (id.matches()) {
            return s;
        }
        Matcher cc = CC.matcher(s);
        if (cc.find()) {
            return "CC-" + cc.group(1).toUpperCase(Locale.ROOT) + "-" + cc.group(2);
        }
        Matcher name = CC_NAME.matcher(s);
        if (name.find()) {
            return "CC-" + name.group(1).toUpperCase(Locale.ROOT).replace(' ', '-') + "-" + name.group(2);
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (var e : KNOWN.entrySet()) {
            if (lower.contains(e.getKey())) {
                return e.getValue();
            }
        }
        if (id.find()) {
            return id.group(1);
        }
        return null;
    }
}
