package io.lakemesh.governance.rules;

import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableSearch;
import io.lakemesh.exceptions.InvalidRequestException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a discovery search asks for, and which page of the answer. Every criterion narrows; empty
 * ones do not. Products come in the order of their tables ({@code SupportsTableSearch.ID_ORDER}); a
 * page is the first {@code limit} of them after {@code after}, and the next page starts after the
 * last product of this one.
 *
 * @param text words found, case-insensitively, in the table or product name, the description or a
 *     column name
 * @param tags tag values every result carries (declared product tags or LF-tags in force)
 * @param owner the owning account, or the owning team
 * @param domain the product's domain (the part of its id before the dot)
 * @param qualityStatus the quality of the published data, such as PASSED or FAILED
 * @param after the table of the last product of the previous page; null for the first page
 * @param limit the most products returned; {@link #NO_LIMIT} for every one
 * @param stale only products the freshness monitor recorded past their SLA (in breach now)
 */
public record SearchQuery(
    String text,
    Map<String, String> tags,
    String owner,
    String domain,
    String qualityStatus,
    TableId after,
    int limit,
    boolean stale) {

  /** The page size of a search a user reads (the CLI's, the catalog server's). */
  public static final int DEFAULT_PAGE = 50;

  /** The limit of a search that returns every product found. */
  public static final int NO_LIMIT = TableSearch.NO_LIMIT;

  public SearchQuery {
    text = text == null ? "" : text.trim();
    tags = Map.copyOf(tags == null ? Map.of() : tags);
    owner = owner == null ? "" : owner.trim();
    domain = domain == null ? "" : domain.trim();
    qualityStatus = qualityStatus == null ? "" : qualityStatus.trim();
    if (!qualityStatus.isEmpty() && !isOutcome(qualityStatus)) {
      // A misspelt status would match nothing and read as "no such product".
      throw new InvalidRequestException(
          "unknown quality status '"
              + qualityStatus
              + "': use one of "
              + Arrays.toString(QualityRun.Outcome.values()));
    }
    if (limit < 1) {
      throw new InvalidRequestException(
          "a search returns at least one product a page, not " + limit);
    }
  }

  private static boolean isOutcome(String status) {
    return Arrays.stream(QualityRun.Outcome.values())
        .anyMatch(o -> o.name().equalsIgnoreCase(status));
  }

  /** Every product in scope, all of them. */
  public static SearchQuery all() {
    return new SearchQuery("", Map.of(), "", "", "", null, NO_LIMIT, false);
  }

  public static SearchQuery text(String text) {
    return all().withText(text);
  }

  public SearchQuery withText(String value) {
    return new SearchQuery(value, tags, owner, domain, qualityStatus, after, limit, stale);
  }

  /** Adds a {@code key=value} criterion. */
  public SearchQuery withTag(String key, String value) {
    Map<String, String> more = new TreeMap<>(tags);
    more.put(key, value);
    return new SearchQuery(text, more, owner, domain, qualityStatus, after, limit, stale);
  }

  /** Adds a criterion written {@code key=value}, as {@code search --tag} takes it. */
  public SearchQuery withTag(String keyEqualsValue) {
    int eq = keyEqualsValue == null ? -1 : keyEqualsValue.indexOf('=');
    if (eq <= 0) {
      throw new InvalidRequestException(
          "a tag criterion is written key=value, not '" + keyEqualsValue + "'");
    }
    return withTag(keyEqualsValue.substring(0, eq).trim(), keyEqualsValue.substring(eq + 1).trim());
  }

  public SearchQuery withOwner(String value) {
    return new SearchQuery(text, tags, value, domain, qualityStatus, after, limit, stale);
  }

  public SearchQuery withDomain(String value) {
    return new SearchQuery(text, tags, owner, value, qualityStatus, after, limit, stale);
  }

  public SearchQuery withQualityStatus(String value) {
    return new SearchQuery(text, tags, owner, domain, value, after, limit, stale);
  }

  /** The page after the product published as {@code table}; null for the first page. */
  public SearchQuery withAfter(TableId table) {
    return new SearchQuery(text, tags, owner, domain, qualityStatus, table, limit, stale);
  }

  /** At most {@code products} products ({@link #NO_LIMIT}: every one). */
  public SearchQuery withLimit(int products) {
    return new SearchQuery(text, tags, owner, domain, qualityStatus, after, products, stale);
  }

  /** Only products in breach of their freshness SLA ({@code search --stale}). */
  public SearchQuery withStale(boolean value) {
    return new SearchQuery(text, tags, owner, domain, qualityStatus, after, limit, value);
  }
}
