package io.lakemesh.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CreateJob request of a product's Glue job, and the configs a Glue job can be given. */
class GlueJobDefinitionTest {
  private static final GlueJobDefinition JOB =
      new GlueJobDefinition(
          "lakemesh-",
          "arn:aws:iam::444455556666:role/lakemesh-glue-job",
          "s3://example-artifacts/lakemesh/lakemesh-jobs.jar",
          "s3://example-artifacts/lakemesh/LakemeshGlueJob.scala",
          "s3://example-artifacts/lakemesh/glue.conf",
          List.of("s3://example-artifacts/lakemesh/mesh.conf"),
          2,
          120);

  @Test
  void aProductsJobIsAScalaJobOnGlue51WithTheJarFirst() throws Exception {
    String expected =
        """
        {
          "Name": "lakemesh-sales-orders",
          "Description": "lakemesh: runs product sales.orders",
          "Role": "arn:aws:iam::444455556666:role/lakemesh-glue-job",
          "GlueVersion": "5.1",
          "Command": {"Name": "glueetl", "ScriptLocation": "s3://example-artifacts/lakemesh/LakemeshGlueJob.scala"},
          "DefaultArguments": {
            "--job-language": "scala",
            "--class": "LakemeshGlueJob",
            "--extra-jars": "s3://example-artifacts/lakemesh/lakemesh-jobs.jar",
            "--user-jars-first": "true",
            "--extra-files": "s3://example-artifacts/lakemesh/glue.conf,s3://example-artifacts/lakemesh/mesh.conf",
            "--config": "glue.conf",
            "--product": "sales.orders"
          },
          "WorkerType": "G.1X",
          "NumberOfWorkers": 2,
          "Timeout": 120,
          "MaxRetries": 0,
          "ExecutionProperty": {"MaxConcurrentRuns": 1},
          "Tags": {"lakemesh:product": "sales.orders"}
        }
        """;
    assertThat(JOB.createJob("sales.orders")).isEqualTo(new ObjectMapper().readTree(expected));
    assertThat(JOB.createJob("sales.orders").path("DefaultArguments").has("--datalake-formats"))
        .isFalse();
  }

  @Test
  void aConfigWhoseAccountsUseProfilesIsRefusedWithTheFix() {
    Map<String, String> catalog =
        Map.of(
            "region", "eu-west-1",
            "accounts.governance.role-arn", "arn:aws:iam::111122223333:role/lakemesh-governance",
            "accounts.sales.profile", "lakemesh-sales");
    assertThatThrownBy(() -> GlueJobDefinition.checkShippable("aws", catalog))
        .hasMessageContaining("lakemesh.catalog.accounts.sales.profile")
        .hasMessageContaining("cannot resolve")
        .hasMessageContaining("set lakemesh.catalog.accounts.sales.role-arn");
    assertThatThrownBy(
            () ->
                GlueJobDefinition.checkShippable(
                    "aws",
                    Map.of(
                        "accounts.finance.source-profile",
                        "base",
                        "accounts.finance.role-arn",
                        "arn:aws:iam::1:role/x")))
        .hasMessageContaining("accounts.finance.source-profile");
    assertThatThrownBy(() -> GlueJobDefinition.checkShippable("jdbc", Map.of()))
        .hasMessageContaining("pass --config with the aws catalog");
    GlueJobDefinition.checkShippable(
        "aws", Map.of("accounts.sales.role-arn", "arn:aws:iam::444455556666:role/p"));
  }

  @Test
  void locationsAndRolesAreChecked() {
    assertThatThrownBy(
            () ->
                new GlueJobDefinition(
                    "lakemesh-",
                    "lakemesh-glue-job",
                    "s3://a-bucket/x.jar",
                    "s3://a-bucket/x.scala",
                    "s3://a-bucket/x.conf",
                    List.of(),
                    2,
                    60))
        .hasMessageContaining("is not an IAM role ARN");
    assertThatThrownBy(
            () ->
                new GlueJobDefinition(
                    "lakemesh-",
                    "arn:aws:iam::444455556666:role/r",
                    "jobs/target/lakemesh-jobs.jar",
                    "s3://a-bucket/x.scala",
                    "s3://a-bucket/x.conf",
                    List.of(),
                    2,
                    60))
        .hasMessageContaining("--jar")
        .hasMessageContaining("not an S3 object location ending in .jar");
  }
}
