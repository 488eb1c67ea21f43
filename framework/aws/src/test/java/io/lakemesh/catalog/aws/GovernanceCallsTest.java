package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.FINANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.CreateTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;
import software.amazon.awssdk.services.lakeformation.model.BatchGrantPermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsRequestEntry;
import software.amazon.awssdk.services.lakeformation.model.GrantPermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.ListPermissionsRequest;
import software.amazon.awssdk.services.lakeformation.model.RegisterResourceRequest;
import software.amazon.awssdk.services.lakeformation.model.RevokePermissionsRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Each governance action through the AWS backend, with every SDK call it makes captured by an
 * interceptor: the exact sequence of API calls and their key fields (principal, resource, catalog
 * id, permissions, grant option, link target). The loopback services answer, so that every call
 * after the first sees what the ones before it did. Links are {@link ResourceLinkCallsTest}'s and
 * LF-tags {@link LfTagCallsTest}'s.
 */
class GovernanceCallsTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal GOV = Principal.administrator("governance");
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");
  private static final Instant T0 = CatalogFixtures.T0;

  @Test
  void aFirstPublishJoinsTheProducerWritesTheRecordsAndCommitsTheGlueTableLast() {
    catalog.publish(publication("run-1", 11));

    assertThat(recorded.names())
        .containsExactly(
            "S3 PutObject",
            "S3 PutObject",
            "Glue GetDatabase",
            // The producer's database is not there: the holder creates it and grants the producer.
            "Glue GetDatabase",
            "Glue CreateDatabase",
            "LakeFormation RegisterResource",
            "LakeFormation BatchGrantPermissions",
            "Ram GetResourceShareInvitations",
            // Marked as sales's only once sales holds its grants there.
            "Glue GetDatabase",
            "Glue UpdateDatabase",
            "Glue GetTable",
            "Glue CreateTable",
            "S3 PutObject");
    RegisterResourceRequest register =
        recorded.of("LakeFormation", "RegisterResource").get(0).as(RegisterResourceRequest.class);
    assertThat(register.resourceArn()).isEqualTo("arn:aws:s3:::sales-warehouse/lake");
    // The bucket is sales's, the catalog governance's: the holder's own role registers it.
    assertThat(register.roleArn())
        .isEqualTo("arn:aws:iam::" + GOVERNANCE + ":role/lakemesh-lf-locations");
    assertThat(register.useServiceLinkedRole()).isNull();
    assertThat(keysWritten())
        .containsExactly(
            "mesh/quality_runs/sales/sales/orders/run-1.json",
            "mesh/lineage_events/run-1.json",
            "mesh/job_runs/run-1.json");
    CreateDatabaseRequest database =
        recorded.of("Glue", "CreateDatabase").get(0).as(CreateDatabaseRequest.class);
    assertThat(database.catalogId()).isEqualTo(GOVERNANCE);
    assertThat(database.databaseInput().name()).isEqualTo("sales");
    assertThat(database.databaseInput().parameters()).doesNotContainKey("lakemesh.catalog");
    assertThat(
            recorded
                .of("Glue", "UpdateDatabase")
                .get(0)
                .as(UpdateDatabaseRequest.class)
                .databaseInput()
                .parameters())
        .containsEntry("lakemesh.catalog", "sales");
    CreateTableRequest table =
        recorded.of("Glue", "CreateTable").get(0).as(CreateTableRequest.class);
    assertThat(table.catalogId()).isEqualTo(GOVERNANCE);
    assertThat(table.databaseName()).isEqualTo("sales");
    assertThat(table.tableInput().name()).isEqualTo("orders");
    assertThat(table.tableInput().storageDescriptor().location())
        .isEqualTo("s3://sales-warehouse/lake/sales/orders");
    assertThat(table.tableInput().storageDescriptor().columns())
        .extracting(c -> c.name() + " " + c.type() + " " + c.parameters())
        .startsWith("order_id bigint {lakemesh.nullable=false, lakemesh.pii=false}")
        .contains("customer_email string {lakemesh.nullable=true, lakemesh.pii=true}");
    assertThat(table.tableInput().parameters())
        .containsEntry(TableParameters.SNAPSHOT_ID, "11")
        .containsEntry(TableParameters.OWNER_TEAM, "sales-data")
        .containsEntry("lakemesh.catalog.version", "1")
        .containsEntry("lakemesh.catalog.owner", "sales");
    // The holder joins the producer; the producer reads and commits its table itself.
    assertThat(aws.calls())
        .filteredOn(c -> !c.service().equals("s3"))
        .extracting(c -> c.service() + " " + c.operation() + " " + c.account())
        .containsExactly(
            "glue GetDatabase " + SALES,
            "glue GetDatabase " + GOVERNANCE,
            "glue CreateDatabase " + GOVERNANCE,
            "lakeformation RegisterResource " + GOVERNANCE,
            "lakeformation BatchGrantPermissions " + GOVERNANCE,
            "ram getresourceshareinvitations " + SALES,
            "glue GetDatabase " + GOVERNANCE,
            "glue UpdateDatabase " + GOVERNANCE,
            "glue GetTable " + SALES,
            "glue CreateTable " + SALES);
  }

  @Test
  void aNewSnapshotUpdatesTheTableUnderGluesOptimisticLockAndTheSameSnapshotWritesNothing() {
    catalog.publish(publication("run-1", 11));
    recorded.clear();

    catalog.publish(publication("run-2", 12));
    catalog.publish(publication("run-3", 12));

    assertThat(recorded.names())
        .containsExactly(
            "S3 PutObject",
            "S3 PutObject",
            "Glue GetDatabase",
            "Glue GetTable",
            "Glue UpdateTable",
            "S3 PutObject",
            "S3 PutObject",
            "S3 PutObject",
            "Glue GetDatabase",
            "Glue GetTable",
            "S3 PutObject");
    UpdateTableRequest update =
        recorded.of("Glue", "UpdateTable").get(0).as(UpdateTableRequest.class);
    assertThat(update.versionId()).isEqualTo("1");
    assertThat(update.tableInput().parameters())
        .containsEntry("lakemesh.catalog.version", "2")
        .containsEntry(TableParameters.SNAPSHOT_ID, "12");
    assertThat(catalog.loadTable(ORDERS).version()).isEqualTo(2);
  }

  @Test
  void aGrantWithGrantOptionIsMadeInLakeFormationBeforeItIsRecorded() {
    Grant stored =
        catalog.addGrant(
            byGovernance(
                MARKETING_ADMIN,
                Resource.table(ORDERS),
                Set.of(Permission.SELECT, Permission.DESCRIBE),
                Set.of(Permission.SELECT)));

    assertThat(recorded.names())
        .containsExactly("S3 GetObject", "LakeFormation GrantPermissions", "S3 PutObject");
    GrantPermissionsRequest request =
        recorded.of("LakeFormation", "GrantPermissions").get(0).as(GrantPermissionsRequest.class);
    assertThat(request.principal().dataLakePrincipalIdentifier()).isEqualTo(MARKETING);
    assertThat(request.resource().table().catalogId()).isEqualTo(GOVERNANCE);
    assertThat(request.resource().table().databaseName()).isEqualTo("sales");
    assertThat(request.resource().table().name()).isEqualTo("orders");
    assertThat(request.permissionsAsStrings()).containsExactly("SELECT", "DESCRIBE");
    assertThat(request.permissionsWithGrantOptionAsStrings()).containsExactly("SELECT");
    assertThat(aws.calls("lakeformation", "GrantPermissions").get(0).account())
        .isEqualTo(GOVERNANCE);
    PutObjectRequest record = recorded.of("S3", "PutObject").get(0).as(PutObjectRequest.class);
    assertThat(record.key()).isEqualTo("mesh/grants/grants.jsonl");
    assertThat(record.ifNoneMatch()).isEqualTo("*");
    assertThat(stored.id()).isEqualTo(1);
  }

  @Test
  void aRevokeReadsWhatLakeFormationHoldsAndRevokesThatWithItsGrantOption() {
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN,
            Resource.table(ORDERS),
            Set.of(Permission.SELECT, Permission.DESCRIBE),
            Set.of(Permission.SELECT)));
    recorded.clear();

    Grant left =
        catalog
            .removeGrant(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT))
            .orElseThrow();

    assertThat(recorded.names())
        .containsExactly(
            "S3 GetObject",
            "LakeFormation ListPermissions",
            "LakeFormation RevokePermissions",
            "S3 PutObject");
    ListPermissionsRequest list =
        recorded.of("LakeFormation", "ListPermissions").get(0).as(ListPermissionsRequest.class);
    assertThat(list.principal().dataLakePrincipalIdentifier()).isEqualTo(MARKETING);
    assertThat(list.resource().table().name()).isEqualTo("orders");
    RevokePermissionsRequest revoke =
        recorded.of("LakeFormation", "RevokePermissions").get(0).as(RevokePermissionsRequest.class);
    assertThat(revoke.principal().dataLakePrincipalIdentifier()).isEqualTo(MARKETING);
    assertThat(revoke.resource().table().catalogId()).isEqualTo(GOVERNANCE);
    assertThat(revoke.permissionsAsStrings()).containsExactly("SELECT");
    assertThat(revoke.permissionsWithGrantOptionAsStrings()).containsExactly("SELECT");
    PutObjectRequest record = recorded.of("S3", "PutObject").get(0).as(PutObjectRequest.class);
    assertThat(record.ifMatch()).isNotBlank();
    assertThat(left.permissions()).containsExactly(Permission.DESCRIBE);
    assertThat(catalog.permissionsInLakeFormation(MARKETING_ADMIN, Resource.table(ORDERS)))
        .isEqualTo(new HeldPermissions(Set.of(Permission.DESCRIBE), Set.of()));
  }

  @Test
  void columnGrantsNameTheColumnsOrTheColumnsLeftOut() {
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN,
            Resource.columns(ORDERS, List.of("country", "amount")),
            Set.of(Permission.SELECT),
            Set.of()));
    catalog.addGrant(
        byGovernance(
            Principal.administrator("finance"),
            Resource.allColumnsExcept(ORDERS, List.of("customer_email")),
            Set.of(Permission.SELECT),
            Set.of(Permission.SELECT)));

    List<GrantPermissionsRequest> grants =
        recorded.of("LakeFormation", "GrantPermissions").stream()
            .map(r -> r.as(GrantPermissionsRequest.class))
            .toList();
    var included = grants.get(0).resource().tableWithColumns();
    assertThat(included.catalogId()).isEqualTo(GOVERNANCE);
    assertThat(included.databaseName()).isEqualTo("sales");
    assertThat(included.name()).isEqualTo("orders");
    assertThat(included.columnNames()).containsExactly("amount", "country");
    assertThat(included.columnWildcard()).isNull();
    var excluded = grants.get(1).resource().tableWithColumns();
    assertThat(excluded.hasColumnNames()).isFalse();
    assertThat(excluded.columnWildcard().excludedColumnNames()).containsExactly("customer_email");
    assertThat(grants.get(1).principal().dataLakePrincipalIdentifier()).isEqualTo(FINANCE);
    assertThat(grants.get(1).permissionsWithGrantOptionAsStrings()).containsExactly("SELECT");
  }

  @Test
  void aDatabaseGrantIsOneBatchOfEveryTableAndDescribeOnTheDatabase() {
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN,
            Resource.database(ORDERS.databaseId()),
            Set.of(Permission.SELECT),
            Set.of()));

    assertThat(recorded.names())
        .containsExactly("S3 GetObject", "LakeFormation BatchGrantPermissions", "S3 PutObject");
    List<BatchPermissionsRequestEntry> entries =
        recorded
            .of("LakeFormation", "BatchGrantPermissions")
            .get(0)
            .as(BatchGrantPermissionsRequest.class)
            .entries();
    assertThat(entries).hasSize(2);
    assertThat(entries.get(0).resource().table().tableWildcard()).isNotNull();
    assertThat(entries.get(0).resource().table().databaseName()).isEqualTo("sales");
    assertThat(entries.get(0).permissionsAsStrings()).containsExactly("SELECT");
    assertThat(entries.get(1).resource().database().name()).isEqualTo("sales");
    assertThat(entries.get(1).resource().database().catalogId()).isEqualTo(GOVERNANCE);
    assertThat(entries.get(1).permissionsAsStrings()).containsExactly("DESCRIBE");
    assertThat(entries)
        .allSatisfy(
            e -> assertThat(e.principal().dataLakePrincipalIdentifier()).isEqualTo(MARKETING));
  }

  @Test
  void aConsumerAdministratorReGrantsInsideItsOwnAccountWithItsOwnCredentials() {
    // Lake Formation lets the account re-grant only what it holds with the grant option.
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN,
            Resource.table(ORDERS),
            Set.of(Permission.SELECT),
            Set.of(Permission.SELECT)));
    recorded.clear();
    aws.clearCalls();
    catalog.addGrant(
        reGrantByMarketing(Principal.of("marketing", "analyst"), Resource.table(ORDERS), 1));

    GrantPermissionsRequest request =
        recorded.of("LakeFormation", "GrantPermissions").get(0).as(GrantPermissionsRequest.class);
    assertThat(request.principal().dataLakePrincipalIdentifier())
        .isEqualTo("arn:aws:iam::" + MARKETING + ":role/analyst");
    assertThat(request.resource().table().catalogId()).isEqualTo(GOVERNANCE);
    // Marketing's credentials come from its role, assumed through STS with the external id.
    assertThat(recorded.of("Sts", "AssumeRole"))
        .singleElement()
        .satisfies(
            r -> {
              var assume = r.as(AssumeRoleRequest.class);
              assertThat(assume.roleArn())
                  .isEqualTo("arn:aws:iam::" + MARKETING + ":role/lakemesh-marketing");
              assertThat(assume.roleSessionName()).isEqualTo("lakemesh-marketing");
              assertThat(assume.externalId()).isEqualTo("lakemesh-loopback");
            });
    assertThat(aws.calls("lakeformation", "GrantPermissions").get(0).account())
        .isEqualTo(MARKETING);
  }

  @Test
  void readsGoToTheHoldersCatalogAndComeBackAsPublished() {
    Publication p = publication("run-1", 11);
    catalog.publish(p);
    recorded.clear();

    CatalogTable loaded = catalog.loadTable(ORDERS);
    List<CatalogTable> versions = catalog.tableVersions(ORDERS);
    List<CatalogTable> listed = catalog.listTables("sales");

    assertThat(recorded.names())
        .containsExactly(
            "Glue GetTable", "Glue GetTableVersions", "Glue GetDatabases", "Glue GetTables");
    assertThat(loaded.withVersion(0, Instant.EPOCH)).isEqualTo(p.table());
    assertThat(versions).containsExactly(loaded);
    assertThat(listed).containsExactly(loaded);
  }

  private List<String> keysWritten() {
    return recorded.of("S3", "PutObject").stream()
        .map(r -> r.as(PutObjectRequest.class).key())
        .toList();
  }

  private static Publication publication(String runId, long snapshot) {
    return LoopbackMesh.salesPublication(runId, ORDERS, snapshot);
  }
}
