package io.lakemesh.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.GovernanceStorageTests;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.SupportsTableSearch;
import io.lakemesh.catalog.TableSearch;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The governance storage contract plus what only a database reached with plain JDBC can show:
 * tampering with the audit tables is detected and located, and tables published before the search
 * index existed are indexed.
 */
abstract class JdbcGovernanceStorageTests extends GovernanceStorageTests {
  private Map<String, String> properties;

  /** Properties of a new, empty catalog database. */
  protected abstract Map<String, String> newDatabase();

  /** A plain connection to where the catalog with these properties keeps its tables. */
  protected abstract Connection connect(Map<String, String> properties) throws SQLException;

  @Override
  protected GovernanceCatalog newCatalog() {
    properties = newDatabase();
    return CatalogLoader.load(JdbcCatalogFactory.TYPE, "test", properties);
  }

  /** The properties of the catalog under test. */
  protected Map<String, String> properties() {
    return properties;
  }

  @Test
  void anEditedEventIsReportedAtItsSequenceNumber() throws SQLException {
    appendFive();

    execute(
        "UPDATE lm_audit_events SET after_value = 'SELECT,DROP' WHERE log_name = 'governance' AND"
            + " seq = 3");

    AuditVerification result = audit().verifyAudit("governance");
    assertThat(result.isIntact()).isFalse();
    assertThat(result.brokenAt()).hasValue(3);
    assertThat(result.verified()).isEqualTo(2);
    assertThat(result.problem()).contains("altered");
    assertThat(result.toString()).contains("governance", "event 3");
    assertThat(audit().verifyAudit("sales").isIntact()).isTrue();
  }

  @Test
  void anEventRewrittenWithAFreshHashBreaksTheNextLink() throws SQLException {
    appendFive();
    // A forger who recomputes the edited row's own hash still breaks event 3's link to it.
    execute(
        "UPDATE lm_audit_events SET hash = '"
            + "f".repeat(64)
            + "' WHERE log_name = 'governance' AND seq = 2");

    AuditVerification result = audit().verifyAudit("governance");
    assertThat(result.brokenAt()).hasValue(2);
  }

  @Test
  void aRemovedEventIsNoticedInTheMiddleAndAtTheEnd() throws SQLException {
    appendFive();
    execute("DELETE FROM lm_audit_events WHERE log_name = 'governance' AND seq = 5");
    assertThat(audit().verifyAudit("governance").brokenAt()).hasValue(5);

    execute("DELETE FROM lm_audit_events WHERE log_name = 'governance' AND seq = 2");
    AuditVerification result = audit().verifyAudit("governance");
    assertThat(result.brokenAt()).hasValue(2);
    assertThat(result.problem()).contains("missing");
  }

  @Test
  void aRowThatNoLongerParsesIsReportedWhereItIs() throws SQLException {
    appendFive();
    execute(
        "UPDATE lm_audit_events SET actor = 'x''; DROP' WHERE log_name = 'governance' AND seq = 4");

    AuditVerification result = audit().verifyAudit("governance");
    assertThat(result.brokenAt()).hasValue(4);
    assertThat(result.verified()).isEqualTo(3);
  }

  @Test
  void aGrantEditedOutsideTheCatalogStillReadsAsWhatItSays() throws SQLException {
    Grant stored =
        grants().addGrant(grant(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT)));
    execute("UPDATE lm_grants SET permissions = 'SELECT,INSERT' WHERE grant_id = " + stored.id());

    assertThat(grants().findGrant(stored.id()).orElseThrow().permissions())
        .containsExactly(Permission.SELECT, Permission.INSERT);
  }

  @Test
  void tablesPublishedBeforeTheSearchIndexAreIndexedWhenTheCatalogOpens() throws SQLException {
    catalog()
        .publish(
            new Publication(
                searchable(
                    ORDERS,
                    1,
                    "Every order",
                    "sales.orders",
                    "sales-data",
                    "PASSED",
                    Map.of("region", "eu"),
                    List.of("order_id")),
                null,
                null,
                null));
    execute("DELETE FROM lm_table_search");
    execute("DELETE FROM lm_table_search_tags");
    TableSearch orders =
        TableSearch.in(Set.of("sales")).withText("order").withTags(Map.of("region", "eu"));
    assertThat(((SupportsTableSearch) catalog()).searchTables(orders)).isEmpty();

    try (GovernanceCatalog reopened =
        CatalogLoader.load(JdbcCatalogFactory.TYPE, "test", properties)) {
      assertThat(((SupportsTableSearch) reopened).searchTables(orders))
          .extracting(m -> m.table())
          .containsExactly(catalog().loadTable(ORDERS));
    }
  }

  private void appendFive() {
    for (int i = 0; i < 5; i++) {
      audit().append(event("governance", AuditAction.GRANT, "table sales:sales.orders", i));
    }
    audit().append(event("sales", AuditAction.PUBLISH, "table sales:sales.orders", 0));
    assertThat(audit().verifyAudit("governance").isIntact()).isTrue();
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = connect(properties);
        PreparedStatement s = c.prepareStatement(sql)) {
      s.executeUpdate();
    }
  }
}
