package io.lakemesh.bench.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsTags;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Resource;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog benchmark at a tiny size, untimed: what the fill stored, and the report's shape. */
class CatalogBenchTest {
  private static final int PRODUCTS = 200;

  @TempDir Path work;

  @Test
  void fillsTheStatedCatalogAndReportsEveryOperationAtBothSizes() throws Exception {
    CatalogFigures figures = CatalogBench.run(PRODUCTS, 10, work);

    try (GovernanceCatalog catalog = open(PRODUCTS)) {
      assertThat(catalog.listTables(null)).hasSize(PRODUCTS);
      assertThat(catalog.listTables(null)).allMatch(t -> t.columns().size() == 10);
      List<Grant> grants = ((SupportsGrants) catalog).grantsHeldIn(ScaleMesh.GOVERNANCE);
      assertThat(grants).hasSize(10 * PRODUCTS);
      assertThat(grants)
          .filteredOn(g -> g.resource() instanceof Resource.LfTagPolicy)
          .hasSize(PRODUCTS);
      assertThat(grants)
          .filteredOn(g -> g.resource() instanceof Resource.TableWithColumns)
          .hasSize(3 * PRODUCTS);
      // Two LF-tag values per product (its table and its PII column) besides its declared tags.
      assertThat(((SupportsTags) catalog).tagsOf(ScaleMesh.table(7))).hasSize(2);
      assertThat(((SupportsAudit) catalog).verifyAudit(ScaleMesh.GOVERNANCE).isIntact()).isTrue();
    }
    try (GovernanceCatalog catalog = open(PRODUCTS / 100)) {
      assertThat(catalog.listTables(null)).hasSize(PRODUCTS / 100);
      assertThat(((SupportsGrants) catalog).grantsHeldIn(ScaleMesh.GOVERNANCE))
          .hasSize(10 * PRODUCTS / 100);
    }

    assertThat(figures.large().contents().grants()).isEqualTo(10 * PRODUCTS);
    assertThat(figures.table())
        .contains("entitlement check with 2,000 grants in the catalog (200 products): median");

    JsonNode json = new ObjectMapper().readTree(figures.json());
    assertThat(json.get("products").asInt()).isEqualTo(PRODUCTS);
    for (String size : List.of("large", "small")) {
      for (String op :
          List.of(
              "publish",
              "get_table",
              "search",
              "entitlement_check",
              "audit_append",
              "checkpoint",
              "rest_load_table")) {
        JsonNode figure = json.get(size).get(op);
        assertThat(figure.get("median_ms").isNumber()).as(size + " " + op).isTrue();
        assertThat(figure.get("p99_ms").asDouble())
            .as(size + " " + op)
            .isGreaterThanOrEqualTo(figure.get("median_ms").asDouble());
      }
    }
    assertThat(json.get("catalogs").get("large").get("grants").asInt()).isEqualTo(10 * PRODUCTS);
  }

  private GovernanceCatalog open(int products) {
    return CatalogLoader.load("jdbc", "check", CatalogScale.properties(work, products));
  }
}
