package io.lakemesh.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vending role as the environment config gives it to {@code serve}. */
class VendingRoleTest {
  private static final String ROLE = "arn:aws:iam::222233334444:role/lakemesh-iceberg-vending";

  @TempDir Path dir;

  private LakemeshConfig load(String text) throws IOException {
    return LakemeshConfig.load(
        Files.writeString(dir.resolve("lakemesh.conf"), text), dir.resolve("home"));
  }

  @Test
  void withoutARoleNothingIsVended() throws IOException {
    LakemeshConfig config = load("lakemesh.warehouse.root = \"s3://sales-lake/warehouse\"\n");

    assertThat(config.icebergRest()).isEqualTo(new LakemeshConfig.IcebergRestSettings("", 900));
    assertThat(VendingRole.open(config)).isEmpty();
  }

  @Test
  void aConfiguredRoleVendsForS3TablesOnly() throws IOException {
    LakemeshConfig config =
        load(
            """
            lakemesh.warehouse {
              root = "s3://sales-lake/warehouse"
              properties { client.region = eu-west-1 }
            }
            lakemesh.iceberg-rest { vending-role-arn = "%s", vending-duration-seconds = 1800 }
            """
                .formatted(ROLE));

    assertThat(config.icebergRest()).isEqualTo(new LakemeshConfig.IcebergRestSettings(ROLE, 1800));
    Optional<StsTableCredentials> vending = VendingRole.open(config);
    assertThat(vending).isPresent();
    try (StsTableCredentials credentials = vending.get()) {
      // A local table needs nothing, and STS is not asked.
      assertThat(
              credentials.forReading(
                  Principal.of("marketing", "analyst"),
                  TableIdentifier.of("sales_link", "orders"),
                  dir.resolve("warehouse/sales/orders").toString()))
          .isEmpty();
    }
  }

  @Test
  void aRoleThatIsNoRoleArnOrAnUnknownKeyIsAConfigError() throws IOException {
    LakemeshConfig notARole =
        load(
            """
            lakemesh.warehouse.properties { client.region = eu-west-1 }
            lakemesh.iceberg-rest.vending-role-arn = "lakemesh-iceberg-vending"
            """);

    assertThatThrownBy(() -> VendingRole.open(notARole))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("not an IAM role ARN: 'lakemesh-iceberg-vending'")
        .satisfies(
            e ->
                assertThat(((InvalidConfigException) e).key())
                    .isEqualTo("lakemesh.iceberg-rest.vending-role-arn"));
    assertThatThrownBy(() -> load("lakemesh.iceberg-rest.role = \"" + ROLE + "\"\n"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("role");
  }

  @Test
  void aSessionIsNamedAfterItsReaderAsIamSpellsNames() {
    assertThat(VendingRole.sessionName(Principal.of("marketing", "analyst")))
        .isEqualTo("marketing.analyst");
    assertThat(VendingRole.sessionName(Principal.administrator("marketing")))
        .isEqualTo("marketing");
    assertThat(VendingRole.sessionName(Principal.administrator("m"))).isEqualTo("m-");
    assertThat(VendingRole.sessionName(Principal.of("a".repeat(40), "b".repeat(40))))
        .isEqualTo("a".repeat(40) + "." + "b".repeat(23));
  }
}
