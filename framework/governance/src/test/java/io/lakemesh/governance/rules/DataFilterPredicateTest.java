package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.DataFilterTest.US_ONLY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static io.lakemesh.governance.rules.MeshWorld.RETURNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a data filter may say: a predicate over the table's own columns, with functions, literals
 * and quoted names; a filter that cannot mean what it says is refused on record and nothing is
 * created. Actions go through {@link #service}; the log is read as stored.
 */
class DataFilterPredicateTest extends RuleSuite {
  /** The rules as a caller reaches them: in process here; over HTTP in the server's tests. */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  @Test
  void aFilterThatCannotMeanWhatItSaysIsRefusedOnRecord() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      g.createFilter(SALES, US_ONLY);
      String log = world.mesh.auditLogOf("sales");
      long before = world.lastSeq(log);

      refused(
          g,
          filter("country = 'US'", List.of(), List.of("email")),
          NotFoundException.class,
          "table sales:sales.orders has no column email");
      refused(
          g,
          filter("region = 'EU'", List.of(), List.of()),
          InvalidRequestException.class,
          "it names region, which is not a column of the table (columns: order_id, customer_id,"
              + " amount, country)");
      refused(
          g,
          filter("1 = 1", List.of(), List.of()),
          InvalidRequestException.class,
          "it names no column");
      refused(
          g,
          filter("country = 'US'; DROP TABLE x", List.of(), List.of()),
          InvalidRequestException.class,
          "no ';'");
      refused(
          g,
          filter("amount > (SELECT max(amount) FROM orders)", List.of(), List.of()),
          InvalidRequestException.class,
          "not a query");
      refused(
          g,
          filter("country = 'US", List.of(), List.of()),
          InvalidRequestException.class,
          "is never closed");
      refused(
          g,
          filter("customer_id LIKE 'C-%'", List.of(), List.of("customer_id")),
          InvalidRequestException.class,
          "names customer_id, which the filter hides");
      refused(
          g,
          filter("", List.of(), List.of("order_id", "customer_id", "amount", "country")),
          InvalidRequestException.class,
          "would show no column");
      refused(
          g,
          new DataFilter(ORDERS, "us_only", "amount > 0", null, null),
          AlreadyExistsException.class,
          "has a data filter named us_only already");
      refused(
          g,
          new DataFilter(RETURNS, "us_only", "amount > 0", null, null),
          NotFoundException.class,
          "sales:sales.returns");

      List<AuditEvent> added = world.eventsAfter(log, before);
      assertThat(added)
          .hasSize(10)
          .allSatisfy(
              e -> {
                assertThat(e.refused()).isTrue();
                assertThat(e.action()).isEqualTo(AuditAction.FILTER_CREATE);
              });
      assertThat(g.filters(SALES, ORDERS)).containsExactly(US_ONLY);
    }
  }

  @Test
  void aPredicateOverTheTableColumnsMayUseFunctionsLiteralsAndQuotedNames() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      DataFilter rich =
          filter(
              "lower(\"country\") IN ('us', 'ca') AND amount BETWEEN 1e2 AND 5000.50"
                  + " AND customer_id IS NOT NULL AND NOT (order_id LIKE 'T-%')",
              List.of(), List.of());

      g.createFilter(SALES, rich);

      assertThat(g.filters(SALES, ORDERS)).containsExactly(rich);
    }
  }

  private static DataFilter filter(String rows, List<String> included, List<String> excluded) {
    return new DataFilter(ORDERS, "f" + Math.abs(rows.hashCode()), rows, included, excluded);
  }

  private static void refused(
      GovernanceService g,
      DataFilter filter,
      Class<? extends LakemeshException> type,
      String message) {
    assertThatThrownBy(() -> g.createFilter(SALES, filter))
        .isInstanceOf(type)
        .hasMessageContaining(message);
  }
}
