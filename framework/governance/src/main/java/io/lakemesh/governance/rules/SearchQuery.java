package io.lakemesh.governance.rules;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a discovery search asks for. Every criterion narrows; empty ones do not.
 *
 * @param text words found, case-insensitively, in the table or product name, the description or a
 *     column name
 * @param tags tag values every result carries (declared product tags or LF-tags in force)
 * @param owner the owning account, or the owning team
 * @param domain the product's domain (the part of its id before the dot)
 * @param qualityStatus the latest quality outcome, such as PASSED or FAILED
 */
public record SearchQuery(
    String text, Map<String, String> tags, String owner, String domain, String qualityStatus) {

  public SearchQuery {
    text = text == null ? "" : text.trim();
    tags = Map.copyOf(tags == null ? Map.of() : tags);
    owner = owner == null ? "" : owner.trim();
    domain = domain == null ? "" : domain.trim();
    qualityStatus = qualityStatus == null ? "" : qualityStatus.trim();
  }

  /** Everything in scope. */
  public static SearchQuery all() {
    return new SearchQuery("", Map.of(), "", "", "");
  }

  public static SearchQuery text(String text) {
    return all().withText(text);
  }

  public SearchQuery withText(String value) {
    return new SearchQuery(value, tags, owner, domain, qualityStatus);
  }

  /** Adds a {@code key=value} criterion. */
  public SearchQuery withTag(String key, String value) {
    Map<String, String> more = new TreeMap<>(tags);
    more.put(key, value);
    return new SearchQuery(text, more, owner, domain, qualityStatus);
  }

  /** Adds a criterion written {@code key=value}, as {@code search --tag} takes it. */
  public SearchQuery withTag(String keyEqualsValue) {
    int eq = keyEqualsValue == null ? -1 : keyEqualsValue.indexOf('=');
    if (eq <= 0) {
      throw new io.lakemesh.exceptions.InvalidRequestException(
          "a tag criterion is written key=value, not '" + keyEqualsValue + "'");
    }
    return withTag(keyEqualsValue.substring(0, eq).trim(), keyEqualsValue.substring(eq + 1).trim());
  }

  public SearchQuery withOwner(String value) {
    return new SearchQuery(text, tags, value, domain, qualityStatus);
  }

  public SearchQuery withDomain(String value) {
    return new SearchQuery(text, tags, owner, value, qualityStatus);
  }

  public SearchQuery withQualityStatus(String value) {
    return new SearchQuery(text, tags, owner, domain, value);
  }
}
