package tessera.api.provenance;

/**
 * One broken policy rule.
 *
 * @param file    manifest path of the file (archive members as {@code archive.zip!/member})
 * @param rule    rule code, e.g. {@code licence.denied}, {@code field.required}, {@code optout.tdm},
 *                {@code duplicate.exact}, {@code duplicate.near}, {@code size.max}, {@code file.unreadable}
 * @param message what is wrong and what to do, for the user
 */
public record PolicyViolation(String file, String rule, String message) {
}
