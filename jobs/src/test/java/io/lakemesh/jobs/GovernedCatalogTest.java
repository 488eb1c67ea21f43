package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.spark.GovernedCatalog;
import io.lakemesh.governance.spark.TableAccess;
import io.lakemesh.runtime.Json;
import io.lakemesh.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark side of consumer reads: names resolve to the producer's table, only granted columns
 * exist, and each query asks again, so a revoke bites on the next one. Governance decisions here
 * come from a fixed table of answers; the decisions themselves are tested with the governance.
 */
class GovernedCatalogTest {
  @TempDir Path home;

  @Test
  void consumersReadGrantedColumnsThroughTheLinkAndLoseThemOnRevoke() {
    try (TestMesh mesh = TestMesh.in(home)) {
      mesh.run("sales.orders", Map.of());
      AtomicReference<List<String>> granted =
          new AtomicReference<>(List.of("order_id", "country", "amount"));
      TableAccess access =
          new TableAccess() {
            @Override
            public Resolved resolveForRead(String principal, String database, String table) {
              if (!database.equals("sales_link") || !table.equals("orders")) {
                throw new NotFoundException(
                    "no table " + database + "." + table + " in " + principal + "'s catalog");
              }
              if (granted.get().isEmpty()) {
                throw new AccessDeniedException(principal + " lacks SELECT on sales:sales.orders");
              }
              return new Resolved(TableId.of("sales", "sales", "orders"), granted.get());
            }

            @Override
            public List<String> databases(String principal) {
              return List.of("sales_link");
            }

            @Override
            public List<String> tables(String principal, String database) {
              return List.of("orders");
            }
          };
      String key = GovernedCatalog.register(access, mesh.config.warehouse());
      SparkSession consumer = SharedSpark.session().newSession();
      consumer.conf().set("spark.sql.catalog.marketing", GovernedCatalog.class.getName());
      consumer.conf().set("spark.sql.catalog.marketing.principal", "marketing");
      consumer.conf().set("spark.sql.catalog.marketing.access", key);
      try {
        List<Row> byCountry =
            consumer
                .sql(
                    "SELECT country, sum(amount) FROM marketing.sales_link.orders GROUP BY country")
                .collectAsList();
        assertThat(byCountry).hasSize(8);
        assertThat(consumer.table("marketing.sales_link.orders").columns())
            .containsExactly("order_id", "country", "amount");
        assertThat(consumer.sql("SHOW TABLES IN marketing.sales_link").count()).isEqualTo(1);
        assertThatThrownBy(
                () -> consumer.sql("SELECT customer_id FROM marketing.sales_link.orders"))
            .isInstanceOf(AnalysisException.class)
            .hasMessageContaining("customer_id");
        assertThatThrownBy(
                () ->
                    consumer.sql(
                        "INSERT INTO marketing.sales_link.orders SELECT * FROM marketing.sales_link.orders"))
            .hasMessageContaining("orders");

        granted.set(List.of());

        assertThatThrownBy(
                () -> consumer.sql("SELECT count(*) FROM marketing.sales_link.orders").collect())
            .isInstanceOf(AccessDeniedException.class)
            .hasMessageContaining("SELECT on sales:sales.orders");
      } finally {
        GovernedCatalog.unregister(key);
      }
    }
  }

  /**
   * A consumer's own Spark job: the catalog configured by Spark properties alone, naming the mesh
   * config.
   */
  @Test
  void aConsumersOwnSparkJobConfiguresTheCatalogFromTheMeshConfig() throws Exception {
    MeshCli cli = new MeshCli(home, TestMesh.PRODUCTS, "federated");
    assertThat(cli.run("run", "sales.orders").code()).isZero();
    String id =
        Json.MAPPER
            .readTree(
                cli.run(
                        "request-access",
                        "--as",
                        "marketing",
                        "--table",
                        "sales.orders",
                        "--perm",
                        "SELECT",
                        "--columns",
                        "order_id,country,amount",
                        "--json")
                    .out())
            .path("id")
            .asText();
    assertThat(cli.run("approve", id, "--as", "sales").code()).isZero();

    SparkSession consumer = SharedSpark.session().newSession();
    consumer.conf().set("spark.sql.catalog.mkt", GovernedCatalog.class.getName());
    consumer.conf().set("spark.sql.catalog.mkt.principal", "marketing");
    consumer.conf().set("spark.sql.catalog.mkt.config", cli.config().toString());
    consumer.conf().set("spark.sql.catalog.mkt.home", cli.home().toString());
    consumer.conf().set("spark.sql.catalog.mkt.topology", "federated");

    assertThat(consumer.table("mkt.sales_link.orders").columns())
        .containsExactly("order_id", "country", "amount");
    assertThat(consumer.sql("SELECT count(*) FROM mkt.sales_link.orders").first().getLong(0))
        .isEqualTo(500);

    assertThat(
            cli.run(
                    "revoke",
                    "--as",
                    "sales",
                    "--from",
                    "marketing",
                    "--table",
                    "sales.orders",
                    "--columns",
                    "order_id,country,amount",
                    "--perm",
                    "SELECT")
                .code())
        .isZero();
    assertThatThrownBy(() -> consumer.sql("SELECT count(*) FROM mkt.sales_link.orders").collect())
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("marketing may not SELECT");
  }
}
