package io.lakemesh.catalog;

import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagTarget;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a table search asks a catalog for: the current entries of the tables of some catalogs that
 * meet every criterion given, one page of them. Empty criteria do not narrow. {@link #matches} is
 * the definition every backend answers to; a backend with an index answers from it rather than by
 * reading every table.
 *
 * <p>A page is the first {@link #limit} matches in {@link SupportsTableSearch#ORDER} that come
 * after {@link #after}: the next page starts after the last table of this one. Pages are cut by
 * position rather than counted from the first match, so reading one costs the same wherever it is,
 * and a table published or dropped between two pages moves no other table from one page to the
 * other.
 *
 * <p>Tag criteria are met by a value stored on the table at any level (declared in its parameters
 * under {@link TableParameters#TAG_PREFIX}, assigned to the table, or assigned to its database):
 * which of them is in force is for the caller to decide, since it depends on LF-tag definitions.
 *
 * @param catalogs the catalogs whose tables are searched; none, nothing is found
 * @param words words each found in {@link #searchText} of a table, lower-cased with {@link
 *     Locale#ROOT}; empty words are dropped
 * @param tags {@code key=value} pairs each stored on the table at some level
 * @param owner the table's catalog or its owning team ({@link TableParameters#OWNER_TEAM}),
 *     ignoring case
 * @param domain the product's domain ({@link #domainOf}), ignoring case
 * @param qualityStatus the quality of the published data ({@link TableParameters#QUALITY_STATUS}),
 *     ignoring case
 * @param after where the page starts: only tables after this one in {@link
 *     SupportsTableSearch#ORDER} are found; null, from the first
 * @param limit the most tables found, {@link #NO_LIMIT} for all of them
 */
public record TableSearch(
    SortedSet<String> catalogs,
    List<String> words,
    Map<String, String> tags,
    String owner,
    String domain,
    String qualityStatus,
    TableId after,
    int limit) {

  /** The limit of a search that finds every match. */
  public static final int NO_LIMIT = Integer.MAX_VALUE;

  public TableSearch {
    catalogs = Collections.unmodifiableSortedSet(new TreeSet<>(catalogs));
    words =
        words.stream()
            .map(w -> w.toLowerCase(Locale.ROOT))
            .filter(w -> !w.isEmpty())
            .distinct()
            .toList();
    tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    owner = owner == null ? "" : owner;
    domain = domain == null ? "" : domain;
    qualityStatus = qualityStatus == null ? "" : qualityStatus;
    if (limit < 1) {
      throw new IllegalArgumentException("a search finds at least one table: limit " + limit);
    }
  }

  /** Every table of the catalogs. */
  public static TableSearch in(Set<String> catalogs) {
    return new TableSearch(
        new TreeSet<>(catalogs), List.of(), Map.of(), "", "", "", null, NO_LIMIT);
  }

  /** The words of a free text: split at white space, lower-cased. */
  public TableSearch withText(String text) {
    List<String> split =
        text == null ? List.of() : Arrays.asList(text.toLowerCase(Locale.ROOT).split("\\s+"));
    return new TableSearch(catalogs, split, tags, owner, domain, qualityStatus, after, limit);
  }

  public TableSearch withTags(Map<String, String> values) {
    return new TableSearch(catalogs, words, values, owner, domain, qualityStatus, after, limit);
  }

  public TableSearch withOwner(String value) {
    return new TableSearch(catalogs, words, tags, value, domain, qualityStatus, after, limit);
  }

  public TableSearch withDomain(String value) {
    return new TableSearch(catalogs, words, tags, owner, value, qualityStatus, after, limit);
  }

  public TableSearch withQualityStatus(String value) {
    return new TableSearch(catalogs, words, tags, owner, domain, value, after, limit);
  }

  /** The page that starts after {@code table} (null: at the first table). */
  public TableSearch withAfter(TableId table) {
    return new TableSearch(catalogs, words, tags, owner, domain, qualityStatus, table, limit);
  }

  /** At most {@code tables} tables ({@link #NO_LIMIT}: all). */
  public TableSearch withLimit(int tables) {
    return new TableSearch(catalogs, words, tags, owner, domain, qualityStatus, after, tables);
  }

  /** Whether the table comes after the page start, so that it may be on the page. */
  public boolean startsBefore(TableId table) {
    return after == null || SupportsTableSearch.ID_ORDER.compare(after, table) < 0;
  }

  /**
   * Whether the table meets every criterion.
   *
   * @param assignments the LF-tag assignments bearing on it, as {@link
   *     SupportsTags#tagsOf(TableId)} returns them
   */
  public boolean matches(CatalogTable table, List<TagAssignment> assignments) {
    return matchesAllButTags(table)
        && tags.entrySet().stream()
            .allMatch(t -> carries(table, assignments, t.getKey(), t.getValue()));
  }

  /** Whether the table meets every criterion other than the tag values. */
  public boolean matchesAllButTags(CatalogTable table) {
    if (!catalogs.contains(table.id().catalog())) {
      return false;
    }
    String text = searchText(table);
    return words.stream().allMatch(text::contains)
        && (owner.isEmpty()
            || fold(owner).equals(fold(table.id().catalog()))
            || fold(owner).equals(fold(table.parameter(TableParameters.OWNER_TEAM).orElse(""))))
        && (domain.isEmpty() || fold(domain).equals(fold(domainOf(table))))
        && (qualityStatus.isEmpty()
            || fold(qualityStatus)
                .equals(fold(table.parameter(TableParameters.QUALITY_STATUS).orElse(""))));
  }

  private static boolean carries(
      CatalogTable table, List<TagAssignment> assignments, String key, String value) {
    if (value.equals(table.parameters().get(TableParameters.TAG_PREFIX + key))) {
      return true;
    }
    return assignments.stream()
        .anyMatch(
            a ->
                a.key().equals(key)
                    && a.value().equals(value)
                    && a.target().level() != TagTarget.Level.COLUMN
                    && a.target().database().equals(table.id().databaseId())
                    && (a.target().table().isEmpty()
                        || a.target().table().equals(table.id().table())));
  }

  /** The product a table publishes: its {@link TableParameters#PRODUCT}, else its own name. */
  public static String productOf(CatalogTable table) {
    return table.parameter(TableParameters.PRODUCT).orElse(table.id().qualifiedName());
  }

  /** The product's domain: the part of its name before the dot, else the table's database. */
  public static String domainOf(CatalogTable table) {
    String product = productOf(table);
    int dot = product.indexOf('.');
    return dot > 0 ? product.substring(0, dot) : table.id().database();
  }

  /**
   * What words are looked for in: the table's name, its product, its description and its column
   * names, one a line, lower-cased with {@link Locale#ROOT}.
   */
  public static String searchText(CatalogTable table) {
    StringBuilder text = new StringBuilder();
    text.append(table.id().table())
        .append('\n')
        .append(productOf(table))
        .append('\n')
        .append(table.parameter(TableParameters.DESCRIPTION).orElse(""));
    table.columns().forEach(c -> text.append('\n').append(c.name()));
    return text.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * A value folded so that two values are equal folded exactly when {@link String#equalsIgnoreCase}
   * holds: each code point upper-cased, then lower-cased.
   */
  public static String fold(String value) {
    StringBuilder folded = new StringBuilder(value.length());
    value
        .codePoints()
        .forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
    return folded.toString();
  }
}
