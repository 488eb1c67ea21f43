package io.lakemesh.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of table search ({@link SupportsTableSearch}, or the scan that stands in for
 * it) and of its pages. Part of {@link GovernanceStorageTests}.
 */
abstract class TableSearchStorageTests extends EventStorageTests {
  // ---- table search

  @Test
  void wordsAreFoundInTheNameProductDescriptionAndColumnNamesIgnoringCase() {
    publishSearchable();

    assertThat(found(search().withText("ORDER"))).containsExactly(ORDERS, RETURNS);
    assertThat(found(search().withText("inventory"))).containsExactly(STOCK);
    assertThat(found(search().withText("  placed   Online "))).containsExactly(ORDERS);
    assertThat(found(search().withText("sales.returns"))).containsExactly(RETURNS);
    assertThat(found(search().withText("on_hand"))).containsExactly(STOCK);
    assertThat(found(search().withText("order amount"))).containsExactly(ORDERS);
    assertThat(found(search().withText("er_e"))).containsExactly(ORDERS);
    // Wildcards of SQL's LIKE are plain characters in a word.
    assertThat(found(search().withText("o_d"))).isEmpty();
    assertThat(found(search().withText("%"))).isEmpty();
    assertThat(found(search().withText("r!d"))).isEmpty();
    assertThat(found(search().withText(""))).containsExactly(STOCK, ORDERS, RETURNS);
  }

  @Test
  void aTagValueCountsDeclaredOrAssignedToTheTableOrItsDatabaseButNotToAColumn() {
    publishSearchable();
    tags().assignTag(new TagAssignment(TagTarget.table(RETURNS), "classification", "internal"));
    tags().assignTag(new TagAssignment(TagTarget.database(STOCK.databaseId()), "tier", "gold"));
    tags().assignTag(new TagAssignment(TagTarget.column(ORDERS, "customer_email"), "pii", "email"));

    assertThat(found(search().withTags(Map.of("region", "eu")))).containsExactly(ORDERS);
    assertThat(found(search().withTags(Map.of("classification", "internal"))))
        .containsExactly(RETURNS);
    assertThat(found(search().withTags(Map.of("tier", "gold")))).containsExactly(STOCK);
    assertThat(found(search().withTags(Map.of("pii", "email")))).isEmpty();
    assertThat(found(search().withTags(Map.of("region", "eu", "classification", "internal"))))
        .isEmpty();

    tags().assignTag(new TagAssignment(TagTarget.table(ORDERS), "classification", "internal"));
    tags().assignTag(new TagAssignment(TagTarget.table(ORDERS), "region", "us"));

    assertThat(found(search().withTags(Map.of("region", "eu", "classification", "internal"))))
        .containsExactly(ORDERS);
    // Which value is in force is the caller's to decide: every stored one is found.
    assertThat(found(search().withTags(Map.of("region", "us")))).containsExactly(ORDERS, RETURNS);
    assertThat(found(search().withTags(Map.of("region", "eu")))).containsExactly(ORDERS);
  }

  @Test
  void aMatchCarriesTheTagAssignmentsOfItsTable() {
    publishSearchable();
    tags().assignTag(new TagAssignment(TagTarget.database(ORDERS.databaseId()), "tier", "gold"));
    tags().assignTag(new TagAssignment(TagTarget.table(ORDERS), "classification", "internal"));
    tags().assignTag(new TagAssignment(TagTarget.column(ORDERS, "customer_email"), "pii", "email"));
    tags().assignTag(new TagAssignment(TagTarget.table(RETURNS), "classification", "public"));

    List<TableMatch> matches = search(search());

    assertThat(matches).extracting(m -> m.table().id()).containsExactly(STOCK, ORDERS, RETURNS);
    for (TableMatch match : matches) {
      assertThat(match.table()).isEqualTo(catalog().loadTable(match.table().id()));
      assertThat(match.tags())
          .as("tags of %s", match.table().id())
          .containsExactlyInAnyOrderElementsOf(tags().tagsOf(match.table().id()));
    }
  }

  @Test
  void ownerDomainAndQualityStatusIgnoreCase() {
    publishSearchable();

    assertThat(found(search().withOwner("SALES"))).containsExactly(ORDERS, RETURNS);
    assertThat(found(search().withOwner("sales-data"))).containsExactly(ORDERS);
    assertThat(found(search().withOwner("Stock-Keepers"))).containsExactly(STOCK);
    assertThat(found(search().withOwner("sales-dat"))).isEmpty();
    assertThat(found(search().withDomain("SUPPLY"))).containsExactly(STOCK);
    assertThat(found(search().withDomain("sales"))).containsExactly(ORDERS, RETURNS);
    assertThat(found(search().withDomain("product"))).isEmpty();
    assertThat(found(search().withQualityStatus("PASSED"))).containsExactly(STOCK, ORDERS);
    assertThat(found(search().withQualityStatus("failed"))).containsExactly(RETURNS);
    assertThat(found(search().withText("order").withQualityStatus("passed").withOwner("sales")))
        .containsExactly(ORDERS);
  }

  @Test
  void aSearchCoversTheCatalogsItNamesAndTheCurrentVersionOnly() {
    publishSearchable();

    assertThat(found(TableSearch.in(Set.of("product")))).containsExactly(STOCK);
    assertThat(found(TableSearch.in(Set.of("hr")))).isEmpty();
    assertThat(found(TableSearch.in(Set.of()))).as("no catalog, nothing found").isEmpty();

    catalog()
        .publish(
            new Publication(
                searchable(
                    ORDERS,
                    2,
                    "Purchases",
                    "sales.orders",
                    "Sales-Data",
                    "PASSED",
                    Map.of("region", "us"),
                    List.of("order_id")),
                null,
                null,
                null));

    assertThat(found(search().withText("online"))).isEmpty();
    assertThat(found(search().withText("amount"))).isEmpty();
    assertThat(found(search().withText("purchases"))).containsExactly(ORDERS);
    assertThat(found(search().withTags(Map.of("region", "eu")))).isEmpty();
    assertThat(found(search().withTags(Map.of("region", "us")))).containsExactly(ORDERS, RETURNS);
    assertThat(search(search().withText("purchases")).get(0).table().version()).isEqualTo(2);
  }

  @Test
  void anIndexFindsWhatReadingEveryTableFinds() {
    assumeTrue(catalog() instanceof SupportsTableSearch, "backend searches by reading tables");
    publishSearchable();
    tags().assignTag(new TagAssignment(TagTarget.database(ORDERS.databaseId()), "tier", "gold"));
    tags().assignTag(new TagAssignment(TagTarget.table(STOCK), "region", "eu"));
    List<TableSearch> searches =
        List.of(
            search(),
            search().withText("order"),
            search().withText("id"),
            search().withTags(Map.of("tier", "gold")),
            search().withTags(Map.of("region", "eu")),
            search().withTags(Map.of("region", "eu", "tier", "gold")).withText("order"),
            search().withOwner("sales-data").withDomain("SALES"),
            search().withQualityStatus("Passed").withTags(Map.of("region", "eu")),
            TableSearch.in(Set.of("sales")).withText("e"),
            search().withLimit(2),
            search().withAfter(STOCK).withLimit(1),
            search().withTags(Map.of("region", "eu")).withAfter(STOCK).withLimit(1));

    for (TableSearch s : searches) {
      List<TableMatch> indexed = ((SupportsTableSearch) catalog()).searchTables(s);
      List<TableMatch> scanned = SupportsTableSearch.scan(catalog(), tags(), s);
      assertThat(indexed)
          .extracting(TableMatch::table)
          .as(s.toString())
          .isEqualTo(scanned.stream().map(TableMatch::table).toList());
      for (int i = 0; i < indexed.size(); i++) {
        assertThat(indexed.get(i).tags())
            .containsExactlyInAnyOrderElementsOf(scanned.get(i).tags());
      }
    }
  }

  // ---- search pages

  @Test
  void pagesFollowOneAnotherInTableOrderWithNoRepeatAndNoGap() {
    List<TableId> published = publishPaged();
    TableSearch every = TableSearch.in(PAGED_CATALOGS);
    assertThat(found(every))
        .as("every table, in table order")
        .isEqualTo(published.stream().sorted(SupportsTableSearch.ID_ORDER).toList());

    for (TableSearch search :
        List.of(
            every,
            every.withText("alpha"),
            every.withTags(Map.of("region", "eu")),
            every.withTags(Map.of("region", "eu", "tier", "gold")),
            every.withTags(Map.of("region", "eu")).withText("alpha"))) {
      List<TableId> whole = found(search);
      assertThat(whole).as("%s finds something", search).isNotEmpty();
      for (int limit = 1; limit <= whole.size() + 1; limit++) {
        assertThat(pageThrough(search, limit)).as("%s, %d a page", search, limit).isEqualTo(whole);
      }
    }
  }

  @Test
  void aPageStartsAfterItsTableWhetherOrNotThatTableExists() {
    publishPaged();
    TableSearch every = TableSearch.in(PAGED_CATALOGS);
    List<TableId> whole = found(every);

    assertThat(found(every.withAfter(TableId.of("finance", "a", "a0")).withLimit(2)))
        .containsExactly(TableId.of("finance", "a", "a1"), TableId.of("finance", "a", "a_b"));
    assertThat(found(every.withAfter(TableId.of("finance", "zz", "z"))))
        .isEqualTo(whole.subList(whole.indexOf(TableId.of("finance-gov", "g", "a")), whole.size()));
    assertThat(found(every.withAfter(whole.get(whole.size() - 1)))).isEmpty();
    assertThat(found(every.withAfter(TableId.of("a", "a", "a")))).isEqualTo(whole);
  }

  @Test
  void aTablePublishedBetweenTwoPagesMovesNoOtherTable() {
    publishPaged();
    TableSearch pages = TableSearch.in(PAGED_CATALOGS).withLimit(3);
    List<TableId> first = found(pages);
    List<TableId> before = found(TableSearch.in(PAGED_CATALOGS));

    TableId earlier = TableId.of("finance", "a", "a");
    TableId later = TableId.of("product", "q", "b");
    assertThat(SupportsTableSearch.ID_ORDER.compare(earlier, first.get(2))).isNegative();
    publishPagedTable(earlier, Map.of());
    publishPagedTable(later, Map.of());

    List<TableId> rest = pageThrough(pages.withAfter(first.get(2)), 3);
    List<TableId> expected = new ArrayList<>(before.subList(3, before.size()));
    expected.add(later);
    expected.sort(SupportsTableSearch.ID_ORDER);
    assertThat(rest).isEqualTo(expected);
  }

  // ---- helpers of table search

  private static TableSearch search() {
    return TableSearch.in(Set.of("sales", "product"));
  }

  private List<TableMatch> search(TableSearch search) {
    return SupportsTableSearch.search(catalog(), tags(), search);
  }

  private List<TableId> found(TableSearch search) {
    return search(search).stream().map(m -> m.table().id()).toList();
  }

  /** Orders and returns of sales, and the inventory of product, each with its own facts. */
  /** Every table after {@code search.after()}, read {@code limit} at a time. */
  private List<TableId> pageThrough(TableSearch search, int limit) {
    List<TableId> read = new ArrayList<>();
    TableSearch page = search.withLimit(limit);
    while (true) {
      List<TableId> got = found(page);
      assertThat(got)
          .as("a page of %d after %s", limit, page.after())
          .hasSizeLessThanOrEqualTo(limit);
      read.addAll(got);
      if (got.size() < limit) {
        return read;
      }
      page = page.withAfter(got.get(got.size() - 1));
    }
  }

  private static final Set<String> PAGED_CATALOGS = Set.of("finance", "finance-gov", "product");

  /**
   * Tables whose names order differently as text and by part ({@code finance} before {@code
   * finance-gov}, {@code a1} before {@code a_b} before {@code ab}), carrying region=eu declared,
   * assigned to the table or assigned to the database, and tier=gold declared or assigned. No two
   * catalogs share a database name: on AWS one governance account holds every catalog's entries.
   */
  private List<TableId> publishPaged() {
    Map<TableId, Map<String, String>> declared = new LinkedHashMap<>();
    declared.put(TableId.of("finance-gov", "g", "a"), Map.of("region", "eu", "tier", "gold"));
    declared.put(TableId.of("finance", "ab", "b"), Map.of("region", "eu", "tier", "silver"));
    declared.put(TableId.of("finance", "a", "a_b"), Map.of("region", "eu"));
    declared.put(TableId.of("finance", "a", "a1"), Map.of("region", "us", "tier", "gold"));
    declared.put(TableId.of("finance", "a_b", "a"), Map.of());
    declared.put(TableId.of("finance", "a", "ab"), Map.of("region", "eu", "tier", "gold"));
    declared.put(TableId.of("product", "p", "b"), Map.of());
    declared.put(TableId.of("product", "p", "a"), Map.of("tier", "gold"));
    declared.put(TableId.of("product", "q", "a"), Map.of("region", "eu"));
    declared.forEach(this::publishPagedTable);
    assign(TagTarget.table(TableId.of("finance", "a", "a1")), "region", "eu");
    assign(TagTarget.table(TableId.of("finance", "a_b", "a")), "tier", "gold");
    assign(TagTarget.database(DatabaseId.of("product", "p")), "region", "eu");
    return List.copyOf(declared.keySet());
  }

  private void assign(TagTarget target, String key, String value) {
    tags().assignTag(new TagAssignment(target, key, value));
  }

  private void publishPagedTable(TableId id, Map<String, String> declaredTags) {
    String description = id.table().startsWith("a") ? "alpha " + id : "beta " + id;
    catalog()
        .publish(
            new Publication(
                searchable(
                    id,
                    1,
                    description,
                    id.qualifiedName(),
                    "team",
                    "PASSED",
                    declaredTags,
                    List.of("id")),
                null,
                null,
                null));
  }

  private void publishSearchable() {
    List<CatalogTable> tables =
        List.of(
            searchable(
                ORDERS,
                1,
                "Every order placed online",
                "sales.orders",
                "Sales-Data",
                "PASSED",
                Map.of("domain", "sales", "region", "eu"),
                List.of("order_id", "customer_email", "amount")),
            searchable(
                RETURNS,
                1,
                "Goods sent back",
                "sales.returns",
                "returns-team",
                "FAILED",
                Map.of("region", "us"),
                List.of("return_id", "order_id")),
            searchable(
                STOCK,
                1,
                "What the warehouses hold",
                "supply.inventory",
                "stock-keepers",
                "passed",
                Map.of(),
                List.of("sku", "on_hand")));
    tables.forEach(t -> catalog().publish(new Publication(t, null, null, null)));
  }

  protected static CatalogTable searchable(
      TableId id,
      long snapshot,
      String description,
      String product,
      String ownerTeam,
      String qualityStatus,
      Map<String, String> declaredTags,
      List<String> columns) {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put(TableParameters.PRODUCT, product);
    parameters.put(TableParameters.DESCRIPTION, description);
    parameters.put(TableParameters.OWNER_TEAM, ownerTeam);
    parameters.put(TableParameters.QUALITY_STATUS, qualityStatus);
    parameters.put(TableParameters.SNAPSHOT_ID, Long.toString(snapshot));
    declaredTags.forEach((k, v) -> parameters.put(TableParameters.TAG_PREFIX + k, v));
    return CatalogTable.builder(id)
        .columns(columns.stream().map(c -> new Column(c, "string", true, "", false)).toList())
        .location("file:/warehouse/" + id.catalog() + "/" + id.table())
        .format("iceberg")
        .parameters(parameters)
        .build();
  }
}
