package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.FakeLakeFormation;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A producer publishes into the catalog that holds its entries with its own credentials, on the
 * Lake Formation permissions the holder granted it when it joined the mesh; only the holder grants
 * to consumers, and an account grants on another's data only what it holds with the grant option.
 */
class ProducerPublishingTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final DatabaseId SALES_DB = DatabaseId.of("sales", "sales");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void joiningTheMeshGrantsTheProducerWhatPublishingNeedsAndNoGrantOption() {
    catalog.ensureDatabase(SALES_DB, Map.of());

    assertThat(aws.glue().database(GOVERNANCE, "sales")).isPresent();
    assertThat(aws.lakeFormation().registered())
        .containsExactly("arn:aws:s3:::sales-warehouse/lake");
    assertThat(aws.lakeFormation().entries())
        .filteredOn(e -> e.principal().equals(SALES))
        .extracting(e -> e.caller() + " " + e.key() + " " + e.permissions() + " " + e.grantable())
        .containsExactlyInAnyOrder(
            GOVERNANCE + " database " + GOVERNANCE + ":sales [ALTER, CREATE_TABLE, DESCRIBE] []",
            GOVERNANCE + " table " + GOVERNANCE + ":sales.* [ALTER, DESCRIBE] []",
            GOVERNANCE
                + " location "
                + GOVERNANCE
                + ":arn:aws:s3:::sales-warehouse/lake [DATA_LOCATION_ACCESS] []");
    // Joining again changes nothing.
    catalog.ensureDatabase(SALES_DB, Map.of());
    assertThat(aws.lakeFormation().entries())
        .filteredOn(e -> e.principal().equals(SALES))
        .hasSize(3);
  }

  @Test
  void aProducerPublishesIntoTheHoldersCatalogWithItsOwnCredentials() {
    catalog.ensureDatabase(SALES_DB, Map.of());
    aws.clearCalls();

    catalog.publish(publication("run-1", 11));
    catalog.publish(publication("run-2", 12));

    assertThat(aws.calls())
        .filteredOn(c -> c.service().equals("glue"))
        .extracting(
            c -> c.operation() + " by " + c.account() + " in " + c.json().get("CatalogId").asText())
        .containsExactly(
            "GetDatabase by " + SALES + " in " + GOVERNANCE,
            "GetTable by " + SALES + " in " + GOVERNANCE,
            "CreateTable by " + SALES + " in " + GOVERNANCE,
            "GetDatabase by " + SALES + " in " + GOVERNANCE,
            "GetTable by " + SALES + " in " + GOVERNANCE,
            "UpdateTable by " + SALES + " in " + GOVERNANCE);
    assertThat(aws.calls()).filteredOn(c -> c.service().equals("lakeformation")).isEmpty();
    assertThat(catalog.loadTable(ORDERS).version()).isEqualTo(2);
  }

  @Test
  void withoutTheHoldersGrantAProducerCannotCommitIntoItsCatalog() {
    catalog.ensureDatabase(SALES_DB, Map.of());
    aws.lakeFormation().revokeOutOfBand(GOVERNANCE, SALES, database());

    assertThatThrownBy(() -> catalog.publish(publication("run-1", 11)))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("glue:CreateTable")
        .hasMessageContaining("account sales");
    assertThat(aws.glue().tableNames(GOVERNANCE)).isEmpty();
  }

  @Test
  void anAccountCannotReGrantOnAnotherAccountsDataWhatItHoldsWithoutGrantOption() {
    catalog.addGrant(
        byGovernance(
            Principal.administrator("marketing"),
            Resource.table(ORDERS),
            Set.of(Permission.SELECT),
            Set.of()));

    assertThatThrownBy(
            () ->
                catalog.addGrant(
                    reGrantByMarketing(
                        Principal.of("marketing", "analyst"), Resource.table(ORDERS), 1)))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("lakeformation:GrantPermissions")
        .hasMessageContaining("account marketing");
    assertThat(aws.lakeFormation().entries())
        .extracting(FakeLakeFormation.Entry::caller)
        .doesNotContain(MARKETING);
  }

  @Test
  void withTheGrantOptionTheAccountReGrantsInsideItselfAndTheOwnersGrantsComeFromTheHolder() {
    catalog.addGrant(
        byGovernance(
            Principal.administrator("marketing"),
            Resource.table(ORDERS),
            Set.of(Permission.SELECT),
            Set.of(Permission.SELECT)));
    catalog.addGrant(
        reGrantByMarketing(Principal.of("marketing", "analyst"), Resource.table(ORDERS), 1));
    catalog.addGrant(
        byGovernance(
            Principal.of("marketing", "engineer"),
            Resource.table(ORDERS),
            Set.of(Permission.SELECT),
            Set.of()));

    assertThat(aws.lakeFormation().entries())
        .extracting(e -> e.caller() + " " + e.principal())
        .containsExactly(
            GOVERNANCE + " " + MARKETING,
            MARKETING + " arn:aws:iam::" + MARKETING + ":role/analyst",
            // The owner's grant to a principal of another account: the holder shares it directly.
            GOVERNANCE + " arn:aws:iam::" + MARKETING + ":role/engineer");
  }

  private static JsonNode database() {
    try {
      return JSON.readTree(
          "{\"Database\":{\"CatalogId\":\"" + GOVERNANCE + "\",\"Name\":\"sales\"}}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Publication publication(String runId, long snapshot) {
    return LoopbackMesh.salesPublication(runId, ORDERS, snapshot);
  }
}
