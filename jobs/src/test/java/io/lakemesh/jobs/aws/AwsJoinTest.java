package io.lakemesh.jobs.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lakemesh aws join}: a producer joins the mesh once, with the holder's credentials. */
class AwsJoinTest {
  @TempDir Path dir;

  @Test
  void joiningCreatesTheDatabaseInTheHoldersCatalogAndGrantsTheProducerAndAgainChangesNothing()
      throws Exception {
    try (LoopbackMesh mesh = new LoopbackMesh(dir)) {
      LoopbackAws aws = mesh.aws();
      Path config = AwsConfigFiles.write(dir.resolve("aws.conf"), mesh.properties(), "");
      String[] join = {
        "aws", "join", "sales", "--database", "sales", "--config", config.toString(), "--home",
        dir.resolve("home").toString()
      };

      CliRun first = CliRun.of(join);
      CliRun again = CliRun.of(join);

      assertThat(first.code()).as(first.err()).isZero();
      assertThat(first.out()).isEqualTo("joined sales.sales\n");
      assertThat(again.out()).isEqualTo("already joined sales.sales\n");
      assertThat(aws.glue().database(LoopbackMesh.GOVERNANCE, "sales")).isPresent();
      assertThat(aws.lakeFormation().entries())
          .filteredOn(e -> e.principal().equals(LoopbackMesh.SALES))
          .extracting(e -> e.key() + " " + e.permissions())
          .containsExactlyInAnyOrder(
              "database " + LoopbackMesh.GOVERNANCE + ":sales [ALTER, CREATE_TABLE, DESCRIBE]",
              "table " + LoopbackMesh.GOVERNANCE + ":sales.* [ALTER, DESCRIBE]",
              "location "
                  + LoopbackMesh.GOVERNANCE
                  + ":arn:aws:s3:::sales-warehouse/lake [DATA_LOCATION_ACCESS]");
      assertThat(aws.calls("lakeformation", "BatchGrantPermissions"))
          .allSatisfy(c -> assertThat(c.account()).isEqualTo(LoopbackMesh.GOVERNANCE));
    }
  }
}
