package tessera.plugin.provenance.internal.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tessera.api.provenance.PolicyViolation;
import tessera.plugin.provenance.internal.manifest.FileEntry;

/** Applies a {@link Policy} to scanned files: every violation with its file and rule, in manifest order (#7). */
public final class PolicyCheck {
    private final Policy policy;

    public PolicyCheck(Policy policy) {
        this.policy = policy;
    }

    public List<PolicyViolation> check(List<FileEntry> files) {
        List<PolicyViolation> out = new ArrayList<>();
        Map<String, String> firstBySha = new HashMap<>();
        List<FileEntry> hashed = new ArrayList<>();
        for (FileEntry f : files) {
            perFile(f, out);
            if (policy.duplicates().exact() && f.sha256() != null && f.size() > 0) {
                String first = firstBySha.putIfAbsent(f.sha256(), f.path());
                if (first != null) {
                    out.add(new PolicyViolation(f.path(), "duplicate.exact",
                            "same bytes as " + first + " (SHA-256 " + f.sha256().substring(0, 12) + "…); keep one copy"));
                    continue; // an exact copy is not reported a second time as a near one
                }
            }
            if (policy.duplicates().near() && f.phash() != null) {
                long h = Long.parseUnsignedLong(f.phash(), 16);
                for (FileEntry g : hashed) {
                    int d = Long.bitCount(h ^ Long.parseUnsignedLong(g.phash(), 16));
                    if (d <= policy.duplicates().nearMaxDistance()) {
                        out.add(new PolicyViolation(f.path(), "duplicate.near", "looks like " + g.path() + " (perceptual hash "
                                + d + " of 64 bits apart, limit " + policy.duplicates().nearMaxDistance() + "); keep one of them"));
                        break;
                    }
                }
                hashed.add(f);
            }
        }
        return out;
    }

    private void perFile(FileEntry f, List<PolicyViolation> out) {
        String p = f.path();
        if (f.size() > policy.maxFileBytes()) {
            out.add(new PolicyViolation(p, "size.max", f.size() + " bytes is over the policy's maxFileBytes "
                    + policy.maxFileBytes() + "; split or drop the file, or raise the limit"));
        }
        if (FileEntry.UNREADABLE.equals(f.status())) {
            if (policy.unreadable().equals("deny")) {
                out.add(new PolicyViolation(p, "file.unreadable", f.reason() + "; remove it or replace it with a clean copy"));
            }
            return; // nothing else is known of it
        }
        if (!f.ok()) {
            return;
        }
        if (Boolean.TRUE.equals(f.nameMismatch()) && policy.nameMismatch().equals("deny")) {
            out.add(new PolicyViolation(p, "media.mismatch", "named like " + f.nameMediaType() + " but the content is "
                    + f.mediaType() + "; rename it or check where it came from"));
        }
        licence(f, out);
        for (String field : policy.requiredFields()) {
            String v = switch (field) {
                case "licence" -> f.licence();
                case "creator" -> f.creator();
                default -> f.rights();
            };
            if (v == null || v.isBlank()) {
                out.add(new PolicyViolation(p, "field.required", "no " + field + " in the file's metadata; the policy requires one"));
            }
        }
        if (f.optedOut() && policy.optOuts().equals("deny")) {
            for (var e : f.optOuts().entrySet()) {
                out.add(new PolicyViolation(p, e.getKey().startsWith("c2pa") ? "optout.c2pa" : "optout.tdm",
                        "the rights holder reserves AI training / data mining (" + e.getKey() + " = " + e.getValue()
                                + "); remove it from the training set"));
            }
        }
    }

    private void licence(FileEntry f, List<PolicyViolation> out) {
        Policy.Licences l = policy.licences();
        String id = f.licence();
        if (id == null) {
            if (l.unknown().equals("deny")) {
                out.add(new PolicyViolation(f.path(), "licence.unknown", "no recognised licence in the file's metadata"
                        + (f.rights() == null ? "" : " (rights: " + f.rights() + ")") + "; the policy admits only known licences"));
            }
            return;
        }
        if (l.deny().contains(id)) {
            out.add(new PolicyViolation(f.path(), "licence.denied", "licence " + id + " is on the policy's deny list"));
        } else if (!l.allow().isEmpty() && !l.allow().contains(id)) {
            out.add(new PolicyViolation(f.path(), "licence.not-allowed", "licence " + id + " is not on the policy's allow list ("
                    + String.join(", ", l.allow()) + ")"));
        }
    }
}
