package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.aws.GlueGovernanceCatalog;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo mesh of the rule suites on AWS accounts, in each topology: sales' table in the Glue
 * catalog of the account that holds sales' entries, and marketing's link to it in marketing's own
 * catalog, pointing there. Nothing anywhere else.
 */
class DemoMeshOnAwsTest {
  @RegisterExtension static final LoopbackBackend AWS = new LoopbackBackend();
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "CENTRAL, " + LoopbackMesh.GOVERNANCE,
    "LOB_FEDERATED, " + LoopbackMesh.RETAIL_GOV,
    "FEDERATED, " + LoopbackMesh.SALES
  })
  void salesEntriesSitWithTheirHolderAndALinkWithItsConsumer(Topology topology, String holder) {
    try (MeshWorld world = new MeshWorld(topology, AWS.open(topology, dir))) {
      Governance g = world.governance;
      world.publish(ORDERS);
      g.approve(
          SALES,
          g.requestAccess(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT)).id());
      String prefix = ((GlueGovernanceCatalog) world.catalog).config().namePrefix();

      Map<String, List<String>> tables = new TreeMap<>();
      for (String account :
          List.of(
              LoopbackMesh.GOVERNANCE,
              LoopbackMesh.SALES,
              LoopbackMesh.PRODUCT,
              LoopbackMesh.MARKETING,
              LoopbackMesh.FINANCE,
              LoopbackMesh.HR,
              LoopbackMesh.RETAIL_GOV,
              LoopbackMesh.FINANCE_GOV)) {
        List<String> names =
            AWS.glue().tableNames(account).stream().filter(n -> n.startsWith(prefix)).toList();
        if (!names.isEmpty()) {
          tables.put(account, names);
        }
      }
      assertThat(tables)
          .isEqualTo(
              Map.of(
                  holder,
                  List.of(prefix + "sales.orders"),
                  LoopbackMesh.MARKETING,
                  List.of(prefix + "sales_link.orders")));
      assertThat(
              AWS.glue()
                  .tableVersions(LoopbackMesh.MARKETING, prefix + "sales_link", "orders")
                  .get(0)
                  .get("TargetTable")
                  .get("CatalogId")
                  .asText())
          .isEqualTo(holder);
    }
  }
}
