package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Glue hands the job its own arguments too; the job takes what it needs and ignores the rest. */
class GlueJobTest {
  @Test
  void glueArgumentsBecomeARunAndTheRestIsIgnored() {
    String[] glue = {
      "--JOB_NAME",
      "lakemesh-sales-orders",
      "--TempDir",
      "s3://tmp/x",
      "--product",
      "sales.orders",
      "--job-bookmark-option",
      "job-bookmark-disable",
      "--home",
      "/mnt/mesh",
      "--enable-metrics"
    };
    assertThat(GlueJob.cliArguments(GlueJob.parse(glue)))
        .containsExactly("--verbose", "run", "sales.orders", "--home", "/mnt/mesh");
  }

  @Test
  void aMissingProductIsAClearError() {
    assertThatThrownBy(() -> GlueJob.cliArguments(GlueJob.parse(new String[] {"--JOB_NAME", "x"})))
        .hasMessageContaining("--product");
  }

  @Test
  void aRejectionIsNamedSoTheStateMachineCanTellItApart() {
    assertThat(GlueJob.failure(3)).startsWith("lakemesh.QualityGateRejected");
    assertThat(GlueJob.failure(1)).doesNotContain("QualityGateRejected").contains("exit code 1");
    assertThat(List.of(GlueJob.failure(2))).allMatch(m -> m.contains("exit code 2"));
  }

  @Test
  void theSpecsTheJarBundlesAreUnpackedWhereTheDefaultConfigLooks(@TempDir Path dir)
      throws Exception {
    Path jar = dir.resolve("lakemesh-jobs.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String[] entry :
          new String[][] {
            {"products/sales/orders.conf", "name = orders"},
            {"io/lakemesh/cli/GlueJob.class", "not a spec"},
            {"products/README.md", "not a spec either"}
          }) {
        out.putNextEntry(new JarEntry(entry[0]));
        out.write(entry[1].getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    Path root = dir.resolve("root");
    Path products = GlueJob.unpackSpecs(jar, root);
    assertThat(products).isEqualTo(root.resolve("jobs/products"));
    assertThat(Files.readString(root.resolve("jobs/products/sales/orders.conf")))
        .isEqualTo("name = orders");
    try (var files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile))
          .containsExactly(root.resolve("jobs/products/sales/orders.conf"));
    }
  }

  @Test
  void orchestrateGlueJobPrintsACreateJobRequestPerProduct(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("glue.conf"), roleOnlyConfig(""));
    CliRun run = CliRun.of(glueJobArgs(config));
    assertThat(run.code()).as(run.all()).isZero();
    JsonNode requests = new ObjectMapper().readTree(run.out());
    assertThat(requests)
        .extracting(r -> r.path("Name").asText())
        .containsExactlyInAnyOrder(
            "lakemesh-sales-orders", "lakemesh-product-inventory", "lakemesh-finance-revenue");
    assertThat(requests.get(0).path("DefaultArguments").path("--config").asText())
        .isEqualTo("glue.conf");
  }

  @Test
  void orchestrateGlueJobRefusesAConfigWithAProfile(@TempDir Path dir) throws Exception {
    Path config =
        Files.writeString(dir.resolve("glue.conf"), roleOnlyConfig("profile = \"lakemesh-sales\""));
    CliRun run = CliRun.of(glueJobArgs(config));
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "lakemesh.catalog.accounts.sales.profile",
            "set lakemesh.catalog.accounts.sales.role-arn");
    assertThat(run.out()).isEmpty();
  }

  private static String[] glueJobArgs(Path config) {
    return new String[] {
      "orchestrate",
      "glue-job",
      "--config",
      config.toString(),
      "--role-arn",
      "arn:aws:iam::444455556666:role/lakemesh-glue-job",
      "--jar",
      "s3://example-artifacts/lakemesh/lakemesh-jobs.jar",
      "--script",
      "s3://example-artifacts/lakemesh/LakemeshGlueJob.scala",
      "--job-config",
      "s3://example-artifacts/lakemesh/glue.conf"
    };
  }

  /** An aws catalog config whose accounts name roles; {@code salesExtra} is added to sales. */
  private static String roleOnlyConfig(String salesExtra) {
    return "include file(\""
        + CliRun.ROOT.resolve("conf/mesh.conf")
        + "\")\n"
        + "lakemesh.products = \""
        + CliRun.ROOT.resolve("jobs/products")
        + "\"\n"
        + "lakemesh.catalog {\n  type = aws\n  region = eu-west-1\n  governance-account = governance\n"
        + "  records { root = \"s3://example-governance-records/lakemesh/\" }\n  accounts {\n"
        + "    governance { aws-account-id = \"111122223333\", role-arn = \"arn:aws:iam::111122223333:role/g\" }\n"
        + "    sales { aws-account-id = \"444455556666\", role-arn = \"arn:aws:iam::444455556666:role/p\","
        + " storage-root = \"s3://example-sales-lake/warehouse/\""
        + (salesExtra.isEmpty() ? "" : ", " + salesExtra)
        + " }\n  }\n}\n";
  }
}
