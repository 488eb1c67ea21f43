package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.glue.model.GetTableRequest;
import software.amazon.awssdk.services.glue.model.UpdateDatabaseRequest;
import software.amazon.awssdk.services.glue.model.UpdateTableRequest;

/**
 * The read paths against response documents shaped like the ones AWS returns (the fields AWS adds
 * that lakemesh never writes included), and a table that Iceberg's Glue catalog commits to as well.
 */
class ReadPathsTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");

  @Test
  void aTableIsReadFromGluesAnswerWithoutIcebergsKeysOrTheBookkeeping() {
    aws.answerNext("glue", "GetTable", canned("glue-get-table.json"));

    CatalogTable table = catalog.loadTable(ORDERS);

    assertThat(table.id()).isEqualTo(ORDERS);
    assertThat(table.version()).isEqualTo(3);
    assertThat(table.updatedAt()).isEqualTo(Instant.parse("2024-05-01T12:00:00.512Z"));
    assertThat(table.location()).isEqualTo("s3://sales-warehouse/lake/sales/orders");
    assertThat(table.format()).isEqualTo("iceberg");
    assertThat(table.partitioning()).containsExactly("day(ordered_at)", "region");
    assertThat(table.columns())
        .containsExactly(
            new Column("order_id", "bigint", false, "primary key", false),
            new Column("customer_email", "string", true, "contact address", true),
            new Column("amount", "decimal(12,2)", false, "", false));
    assertThat(table.parameters())
        .containsOnlyKeys(
            TableParameters.DESCRIPTION,
            TableParameters.OWNER_TEAM,
            TableParameters.PRODUCT,
            TableParameters.SNAPSHOT_ID)
        .containsEntry(TableParameters.SNAPSHOT_ID, "4711");
    assertThat(recorded.of("Glue", "GetTable"))
        .singleElement()
        .satisfies(r -> assertThat(r.as(GetTableRequest.class).catalogId()).isEqualTo(GOVERNANCE));
  }

  @Test
  void aPublishOntoATableIcebergAlsoCommitsToKeepsIcebergsPointersAndLocksOnGluesVersion() {
    aws.answerNext("glue", "GetDatabase", canned("glue-get-database.json"));
    aws.answerNext("glue", "GetTable", canned("glue-get-table.json"));
    aws.answerNext("glue", "UpdateTable", LoopbackAws.document("{}"));
    Publication p = CatalogFixtures.publication("run-9", ORDERS, 4712, CatalogFixtures.at(9));

    catalog.publish(p);

    UpdateTableRequest update =
        recorded.of("Glue", "UpdateTable").get(0).as(UpdateTableRequest.class);
    assertThat(update.versionId()).isEqualTo("7");
    assertThat(update.tableInput().parameters())
        .containsEntry(
            "metadata_location",
            "s3://sales-warehouse/lake/sales/orders/metadata/00007-5e9c1f0a.metadata.json")
        .containsEntry("table_type", "ICEBERG")
        .containsEntry("lakemesh.catalog.version", "4")
        .containsEntry(TableParameters.SNAPSHOT_ID, "4712")
        .doesNotContainKey(TableParameters.DESCRIPTION);
  }

  @Test
  void aGlueTableLakemeshNeverPublishedIsNotAnEntryAndIsNotOverwritten() {
    aws.answerNext("glue", "GetTable", canned("glue-get-table-iceberg-only.json"));
    assertThat(catalog.findTable(ORDERS)).isEmpty();

    aws.answerNext("glue", "GetDatabase", canned("glue-get-database.json"));
    aws.answerNext("glue", "GetTable", canned("glue-get-table-iceberg-only.json"));
    assertThatThrownBy(
            () ->
                catalog.publish(
                    CatalogFixtures.publication("run-1", ORDERS, 1, CatalogFixtures.at(1))))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessageContaining("is not lakemesh's entry for sales:sales.orders");
    assertThat(recorded.of("Glue", "UpdateTable")).isEmpty();
  }

  @Test
  void theFirstPublishAdoptsTheDatabaseAndTableIcebergCreatedForTheProduct() {
    // As Iceberg's GlueCatalog leaves them after the job's first write: a database with no mesh
    // owner, and the Iceberg table at the location the publish names.
    LoopbackAws.Answer icebergs =
        LoopbackAws.document(
            "{\"Database\":{\"Name\":\"sales\",\"CatalogId\":\""
                + GOVERNANCE
                + "\",\"Parameters\":{\"owner\":\"spark\"},\"CreateTime\":1714557600.0}}");
    // Read by the producer, which finds it not yet joined, then twice by the holder: as it joins
    // the producer, and as it marks the database as sales's once sales holds its grants.
    aws.answerNext("glue", "GetDatabase", icebergs, icebergs, icebergs);
    aws.answerNext("glue", "UpdateDatabase", LoopbackAws.document("{}"));
    aws.answerNext("glue", "GetTable", canned("glue-get-table-iceberg-only.json"));
    aws.answerNext("glue", "UpdateTable", LoopbackAws.document("{}"));
    Publication p = CatalogFixtures.publication("run-1", ORDERS, 1, CatalogFixtures.at(1));
    CatalogTable atIcebergsLocation =
        new CatalogTable(
            ORDERS,
            p.table().columns(),
            "s3://sales-warehouse/lake/sales/orders",
            "iceberg",
            p.table().partitioning(),
            p.table().parameters(),
            0,
            Instant.EPOCH);

    catalog.publish(new Publication(atIcebergsLocation, p.quality(), p.lineage(), p.run()));

    var adopted = recorded.of("Glue", "UpdateDatabase").get(0).as(UpdateDatabaseRequest.class);
    assertThat(adopted.catalogId()).isEqualTo(GOVERNANCE);
    assertThat(adopted.databaseInput().parameters())
        .containsEntry("lakemesh.catalog", "sales")
        .containsEntry("owner", "spark");
    UpdateTableRequest update =
        recorded.of("Glue", "UpdateTable").get(0).as(UpdateTableRequest.class);
    assertThat(update.versionId()).isEqualTo("0");
    assertThat(update.tableInput().parameters())
        .containsEntry(
            "metadata_location",
            "s3://sales-warehouse/lake/sales/orders/metadata/00000-3c7a.metadata.json")
        .containsEntry("table_type", "ICEBERG")
        .containsEntry("lakemesh.catalog.version", "1");
    assertThat(recorded.of("Glue", "CreateTable")).isEmpty();
  }

  @Test
  void versionsAreTheFirstGlueVersionOfEachLakemeshVersionOldestFirst() {
    aws.answerNext("glue", "GetTableVersions", canned("glue-get-table-versions.json"));

    List<CatalogTable> versions = catalog.tableVersions(ORDERS);

    assertThat(versions).extracting(CatalogTable::version).containsExactly(1L, 2L);
    assertThat(versions)
        .extracting(t -> t.parameter(TableParameters.SNAPSHOT_ID).orElseThrow())
        .containsExactly("11", "12");
    assertThat(versions.get(0).parameters()).doesNotContainKeys("metadata_location", "table_type");
  }

  @Test
  void databasesAreThoseTheProducerOwnsAndNotLinksOrOtherProducers() {
    aws.answerNext("glue", "GetDatabases", canned("glue-get-databases.json"));

    assertThat(catalog.listDatabases("sales")).containsExactly(DatabaseId.of("sales", "sales"));
  }

  @Test
  void permissionsAreReadBackFromListPermissionsForTheExactResource() {
    aws.answerNext(
        "lakeformation", "ListPermissions", canned("lakeformation-list-permissions.json"));
    aws.answerNext(
        "lakeformation", "ListPermissions", canned("lakeformation-list-permissions.json"));
    Principal marketing = Principal.administrator("marketing");

    assertThat(catalog.permissionsInLakeFormation(marketing, Resource.table(ORDERS)))
        .isEqualTo(
            new HeldPermissions(
                Set.of(Permission.SELECT, Permission.DESCRIBE), Set.of(Permission.SELECT)));
    assertThat(
            catalog.permissionsInLakeFormation(
                marketing, Resource.columns(ORDERS, List.of("country", "amount"))))
        .isEqualTo(new HeldPermissions(Set.of(Permission.SELECT), Set.of()));
  }

  @Test
  void tagsOfATableComeFromItsDatabaseItselfAndItsColumns() {
    aws.answerNext(
        "lakeformation",
        "GetResourceLFTags",
        canned("lakeformation-get-resource-lftags-database.json"));
    aws.answerNext(
        "lakeformation",
        "GetResourceLFTags",
        canned("lakeformation-get-resource-lftags-table.json"));

    assertThat(catalog.tagsOf(ORDERS))
        .containsExactly(
            new TagAssignment(TagTarget.database(ORDERS.databaseId()), "domain", "sales"),
            new TagAssignment(TagTarget.table(ORDERS), "classification", "internal"),
            new TagAssignment(
                TagTarget.column(ORDERS, "customer_email"), "classification", "confidential"));
  }

  @Test
  void onlyPendingInvitationsAreAccepted() {
    aws.answerNext(
        "ram", "getresourceshareinvitations", canned("ram-get-resource-share-invitations.json"));
    aws.answerNext(
        "ram",
        "acceptresourceshareinvitation",
        canned("ram-accept-resource-share-invitation.json"));

    assertThat(catalog.acceptShares("marketing")).containsExactly("LakeFormation-V4-1a2b3c4d");
    assertThat(aws.calls("ram", "acceptresourceshareinvitation"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.json().get("resourceShareInvitationArn").asText())
                    .endsWith("2b4e8f1a-7c3d-4e5f-8a9b-0c1d2e3f4a5b"));
  }

  @Test
  void aDataFilterIsReadFromLakeFormationsAnswer() {
    aws.answerNext(
        "lakeformation", "GetDataCellsFilter", canned("lakeformation-get-data-cells-filter.json"));

    assertThat(catalog.findFilter(ORDERS, "us_only"))
        .contains(
            new DataFilter(ORDERS, "us_only", "country = 'US'", List.of(), List.of("customer_id")));
  }

  @Test
  void aCatalogsDataFiltersAreThoseOfItsOwnDatabasesUnderMeshNames() {
    catalog.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
    aws.answerNext(
        "lakeformation",
        "ListDataCellsFilter",
        canned("lakeformation-list-data-cells-filter.json"));

    assertThat(catalog.listFilters("sales"))
        .containsExactly(
            new DataFilter(ORDERS, "amounts", "", List.of("amount", "order_id"), List.of()));
  }

  static LoopbackAws.Answer canned(String name) {
    try (InputStream in = ReadPathsTest.class.getResourceAsStream("/aws/" + name)) {
      return LoopbackAws.document(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
