package io.lakemesh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.AccountRole;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mesh is declared once and switches topology with one setting. No Spark. */
class MeshConfigTest {
  private static final String MESH =
      """
      lakemesh.mesh {
        topology = central
        accounts = [
          { id = governance,  roles = [governance], lob = corporate, topologies = [central] }
          { id = retail-gov,  roles = [governance], lob = retail, topologies = [lob-federated] }
          { id = finance-gov, roles = [governance], lob = finance, topologies = [lob-federated] }
          { id = sales,       roles = [producer], lob = retail, storage-root = "s3://lake-sales/warehouse" }
          { id = product,     roles = [producer], lob = retail, storage-root = "warehouse/product" }
          { id = finance,     roles = [producer, consumer], lob = finance }
          { id = marketing,   roles = [consumer], lob = retail, principals = [analyst] }
        ]
      }
      """;

  @TempDir Path dir;

  private LakemeshConfig load(String text) throws IOException {
    return LakemeshConfig.load(
        Files.writeString(dir.resolve("lakemesh.conf"), text), dir.resolve("home"));
  }

  @Test
  void theSameAccountsRunUnderEveryTopology() throws IOException {
    LakemeshConfig config = load(MESH);
    Mesh central = config.mesh(null);
    assertThat(central.topology()).isEqualTo(Topology.CENTRAL);
    assertThat(central.account("finance").roles())
        .containsExactlyInAnyOrder(AccountRole.PRODUCER, AccountRole.CONSUMER);
    assertThat(central.account("sales").storageRoot()).isEqualTo("s3://lake-sales/warehouse");
    assertThat(central.account("product").storageRoot())
        .isEqualTo(dir.resolve("home/warehouse/product").toString());
    assertThat(central.account("finance").storageRoot())
        .isEqualTo(dir.resolve("home/warehouse/finance").toString());
    assertThat(central.holderOf("sales")).isEqualTo("governance");
    assertThat(config.mesh(Topology.LOB_FEDERATED).holderOf("finance")).isEqualTo("finance-gov");
    assertThat(config.mesh(Topology.FEDERATED).holderOf("sales")).isEqualTo("sales");
  }

  @Test
  void sparkSettingsKeepTheirSparkNamesWhetherQuotedOrNested() throws IOException {
    LakemeshConfig config =
        load(
            """
        lakemesh.spark {
          "spark.sql.shuffle.partitions" = 16
          spark.sql.adaptive.enabled = false
        }
        """);
    assertThat(config.spark())
        .containsEntry("spark.sql.shuffle.partitions", "16")
        .containsEntry("spark.sql.adaptive.enabled", "false");
  }

  @Test
  void mistakesNameTheFileLineAndKey() throws IOException {
    InvalidConfigException typo =
        catchThrowableOfType(
            InvalidConfigException.class,
            () -> load(MESH.replace("lob = finance }", "lob = finance, rolez = [x] }")).mesh(null));
    assertThat(typo.getMessage()).contains("lakemesh.conf:", "rolez", "unknown key");
    InvalidConfigException role =
        catchThrowableOfType(
            InvalidConfigException.class,
            () ->
                load(MESH.replace(
                        "roles = [consumer], lob = retail", "roles = [reader], lob = retail"))
                    .mesh(null));
    assertThat(role.getMessage()).contains("marketing", "reader");
    InvalidConfigException topology =
        catchThrowableOfType(
            InvalidConfigException.class,
            () -> load(MESH.replace("topology = central", "topology = star")).mesh(null));
    assertThat(topology.getMessage()).contains("star");
  }

  @Test
  void noMeshIsAClearError() throws IOException {
    InvalidConfigException none =
        catchThrowableOfType(InvalidConfigException.class, () -> load("lakemesh {}").mesh(null));
    assertThat(none.getMessage()).contains("no mesh is configured", "lakemesh.mesh");
  }
}
