package io.lakemesh.catalog;

import static io.lakemesh.catalog.CatalogFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of {@link SupportsDataFilters}, and of grants on a filter where the backend
 * keeps grants. Storage only: who may create or read a filter is decided by the governance rules. A
 * backend subclasses it and returns a fresh, empty catalog from {@link #newCatalog}.
 */
public abstract class DataFilterStorageTests extends CatalogContract {
  protected static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  protected static final TableId RETURNS = TableId.of("sales", "sales", "returns");
  protected static final TableId STOCK = TableId.of("product", "product", "inventory");
  protected static final Principal MARKETING = Principal.administrator("marketing");

  private static final DataFilter US_ONLY =
      new DataFilter(ORDERS, "us_only", "country = 'US'", List.of(), List.of("customer_id"));

  @Test
  void aCreatedFilterReadsBackExactly() {
    DataFilter columnsOnly =
        new DataFilter(ORDERS, "amounts", "", List.of("order_id", "amount"), List.of());
    filters().createFilter(US_ONLY);
    filters().createFilter(columnsOnly);

    DataFilter found = filters().findFilter(ORDERS, "us_only").orElseThrow();
    assertThat(found.rowFilter()).isEqualTo("country = 'US'");
    assertThat(found.excludedColumns()).containsExactly("customer_id");
    assertThat(found.includedColumns()).isEmpty();
    assertThat(found).isEqualTo(US_ONLY);
    assertThat(filters().findFilter(ORDERS, "amounts")).contains(columnsOnly);
    assertThat(filters().findFilter(ORDERS, "amounts").orElseThrow().allRows()).isTrue();
    assertThat(filters().findFilter(ORDERS, "other")).isEmpty();
    assertThat(filters().findFilter(RETURNS, "us_only")).isEmpty();
  }

  @Test
  void aPredicateWithQuotesAndNewlinesIsKeptAsWritten() {
    DataFilter quoted =
        new DataFilter(
            ORDERS, "irish", "country = 'IE' AND note <> 'O''Brien'\nOR amount > 10", null, null);
    filters().createFilter(quoted);

    assertThat(filters().findFilter(ORDERS, "irish").orElseThrow().rowFilter())
        .isEqualTo("country = 'IE' AND note <> 'O''Brien'\nOR amount > 10");
  }

  @Test
  void namesAreUniquePerTable() {
    filters().createFilter(US_ONLY);

    assertThatThrownBy(
            () ->
                filters().createFilter(new DataFilter(ORDERS, "us_only", "amount > 0", null, null)))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("us_only");
    DataFilter onReturns = new DataFilter(RETURNS, "us_only", "country = 'US'", null, null);
    filters().createFilter(onReturns);

    assertThat(filters().findFilter(ORDERS, "us_only")).contains(US_ONLY);
    assertThat(filters().findFilter(RETURNS, "us_only")).contains(onReturns);
  }

  @Test
  void listingIsPerCatalogByTableAndName() {
    DataFilter b = new DataFilter(ORDERS, "b_filter", "amount > 0", null, null);
    DataFilter onReturns = new DataFilter(RETURNS, "a_filter", "amount > 0", null, null);
    DataFilter onStock = new DataFilter(STOCK, "in_stock", "quantity > 0", null, null);
    filters().createFilter(US_ONLY);
    filters().createFilter(b);
    filters().createFilter(onReturns);
    filters().createFilter(onStock);

    assertThat(filters().listFilters("sales")).containsExactly(b, US_ONLY, onReturns);
    assertThat(filters().listFilters("product")).containsExactly(onStock);
    assertThat(filters().listFilters("marketing")).isEmpty();
  }

  @Test
  void dropRemovesOneFilterAndSaysWhetherItWasThere() {
    DataFilter other = new DataFilter(ORDERS, "big", "amount > 100", null, null);
    filters().createFilter(US_ONLY);
    filters().createFilter(other);

    assertThat(filters().dropFilter(ORDERS, "us_only")).isTrue();
    assertThat(filters().dropFilter(ORDERS, "us_only")).isFalse();
    assertThat(filters().findFilter(ORDERS, "us_only")).isEmpty();
    assertThat(filters().listFilters("sales")).containsExactly(other);
    filters().createFilter(US_ONLY);
    assertThat(filters().findFilter(ORDERS, "us_only")).contains(US_ONLY);
  }

  @Test
  void aGrantOnAFilterIsAnEntryOfItsOwnAndBearsOnItsTable() {
    SupportsGrants grants = grants();
    Resource usOnly = Resource.filter(ORDERS, "us_only");
    Resource big = Resource.filter(ORDERS, "big");
    Grant onFilter = grants.addGrant(select(usOnly));
    Grant onOther = grants.addGrant(select(big));
    Grant onTable = grants.addGrant(select(Resource.table(ORDERS)));

    assertThat(List.of(onFilter.id(), onOther.id(), onTable.id())).doesNotHaveDuplicates();
    assertThat(grants.findGrant(MARKETING, usOnly).orElseThrow().resource()).isEqualTo(usOnly);
    assertThat(grants.findGrant(onOther.id()).orElseThrow().resource()).isEqualTo(big);
    assertThat(grants.grantsCovering(MARKETING, ORDERS))
        .extracting(Grant::resource)
        .containsExactlyInAnyOrder(usOnly, big, Resource.table(ORDERS));
    assertThat(grants.grantsCovering(MARKETING, RETURNS)).isEmpty();

    assertThat(grants.removeGrant(MARKETING, usOnly, Set.of(Permission.SELECT))).isEmpty();
    assertThat(grants.findGrant(MARKETING, usOnly)).isEmpty();
    assertThat(grants.findGrant(MARKETING, big)).isPresent();
  }

  // ---- helpers

  protected SupportsDataFilters filters() {
    return capability(SupportsDataFilters.class);
  }

  protected SupportsGrants grants() {
    return capability(SupportsGrants.class);
  }

  private static Grant select(Resource resource) {
    return Grant.builder(MARKETING, resource, Set.of(Permission.SELECT))
        .catalog("governance")
        .grantor(Principal.administrator("sales"))
        .grantedAt(T0)
        .build();
  }
}
