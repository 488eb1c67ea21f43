package io.lakemesh.jobs.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
      Path config =
          AwsConfigFiles.write(
              dir.resolve("aws.conf"),
              mesh.properties(),
              "include file(\"" + AwsConfigFiles.REPO.resolve("conf/mesh.conf") + "\")");
      String[] join = {
        "aws",
        "join",
        "sales",
        "--database",
        "sales",
        "--config",
        config.toString(),
        "--home",
        dir.resolve("home").toString()
      };

      CliRun refused = CliRun.of(append(join, "--as", "sales"));
      CliRun first = CliRun.of(join);
      CliRun again = CliRun.of(join);

      assertThat(refused.code()).as(refused.err()).isEqualTo(4);
      assertThat(refused.err()).contains("only the administrator of governance");

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
      // Each join is audited in the log of sales' products (the governance account's in central),
      // after the refusal.
      List<String> joins = new ArrayList<>();
      for (String key : aws.s3().keys(LoopbackMesh.RECORDS_BUCKET)) {
        if (key.startsWith("mesh/audit/governance/")) {
          String event = aws.s3().read(LoopbackMesh.RECORDS_BUCKET, key);
          joins.add(
              field(event, "actor")
                  + " "
                  + field(event, "action")
                  + " "
                  + field(event, "outcome")
                  + " "
                  + field(event, "resource"));
        }
      }
      assertThat(joins)
          .containsExactly(
              "sales join REFUSED database sales:sales",
              "governance join ALLOWED database sales:sales",
              "governance join ALLOWED database sales:sales");
    }
  }

  private static String[] append(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String field(String json, String name) throws Exception {
    return new ObjectMapper().readTree(json).path(name).asText();
  }
}
