package io.lakemesh.governance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cutting a page from a search's answer, whether or not the answer was cut already. */
class SearchPageTest {
  private static final List<ProductListing> FIVE =
      List.of("a", "b", "c", "d", "e").stream().map(SearchPageTest::listing).toList();

  @Test
  void anAnswerOfOneMoreThanThePageSaysWhereTheNextStarts() {
    SearchPage page = SearchPage.of(FIVE.subList(0, 3), SearchQuery.all().withLimit(2));

    assertThat(tables(page)).containsExactly("a", "b");
    assertThat(page.next()).contains(table("b"));
    assertThat(SearchPage.of(FIVE.subList(0, 2), SearchQuery.all().withLimit(2)).next()).isEmpty();
    assertThat(SearchPage.of(FIVE, SearchQuery.all()).products()).hasSize(5);
  }

  @Test
  void anAnswerThatWasNotCutIsCutHere() {
    SearchQuery second = SearchQuery.all().withLimit(2).withAfter(table("b"));

    SearchPage page = SearchPage.of(FIVE, second);

    assertThat(tables(page)).containsExactly("c", "d");
    assertThat(page.next()).contains(table("d"));
    assertThat(tables(SearchPage.of(FIVE, second.withAfter(table("d"))))).containsExactly("e");
  }

  private static List<String> tables(SearchPage page) {
    return page.products().stream().map(p -> p.table().table()).toList();
  }

  private static TableId table(String name) {
    return TableId.of("sales", "sales", name);
  }

  private static ProductListing listing(String name) {
    CatalogTable table =
        CatalogTable.builder(table(name))
            .columns(List.of(new Column("id", "string", false, "", false)))
            .location("file:/warehouse/sales/" + name)
            .format("iceberg")
            .version(1)
            .build();
    return ProductListing.of(
        table, Map.of(), Freshness.of("", null, null, Instant.EPOCH), "governance");
  }
}
