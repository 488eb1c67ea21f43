package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The live runs' own machinery, on loopback: a test's catalog gets a fresh name prefix and records
 * folder, the storage suite's fixtures are created, and clean-up leaves nothing behind.
 */
class LiveAwsHarnessTest extends LoopbackTestBase {
  @Test
  void everythingATestCreatedIsDeletedAfterwards() {
    LiveAws live = new LiveAws();
    GlueGovernanceCatalog storage = LiveAws.prepareStorage(live.newCatalog(mesh.properties()));
    String prefix = storage.config().namePrefix();
    storage.addGrant(
        byGovernance(
            Principal.administrator("marketing"),
            Resource.table(TableId.of("sales", "sales", "orders")),
            Set.of(Permission.SELECT),
            Set.of()));
    storage.createFilter(
        new DataFilter(
            TableId.of("sales", "sales", "orders"), "us_only", "country = 'US'", null, null));
    assertThat(aws.lakeFormation().dataCellsFilters()).hasSize(1);
    assertThat(prefix).matches("it[0-9a-f]{8}_");
    assertThat(aws.glue().database(LoopbackMesh.GOVERNANCE, prefix + "sales")).isPresent();
    assertThat(storage.listTags("governance")).hasSize(2);
    assertThat(aws.s3().keys(LoopbackMesh.RECORDS_BUCKET)).isNotEmpty();
    storage.close();

    live.cleanUp();

    assertThat(aws.glue().database(LoopbackMesh.GOVERNANCE, prefix + "sales")).isEmpty();
    assertThat(aws.glue().database(LoopbackMesh.GOVERNANCE, prefix + "product")).isEmpty();
    assertThat(aws.lakeFormation().entries()).isEmpty();
    assertThat(aws.lakeFormation().dataCellsFilters()).isEmpty();
    assertThat(catalog.listTags("governance")).isEmpty();
    assertThat(aws.s3().keys(LoopbackMesh.RECORDS_BUCKET)).isEmpty();
  }

  @Test
  void theLakeFormationShapeChecksPassOnLoopback() {
    LiveAws live = new LiveAws();
    try (GlueGovernanceCatalog storage =
        LiveAws.prepareStorage(live.newCatalog(mesh.properties()))) {
      LiveLakeFormationShapesTest.selectShapes(storage);
      LiveLakeFormationShapesTest.tagValueLimits(storage);
      LiveLakeFormationShapesTest.tagPolicyCascade(storage);
      LiveDataFiltersTest.lifecycle(storage);
    } finally {
      live.cleanUp();
    }
    assertThat(aws.lakeFormation().entries()).isEmpty();
  }
}
