package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.exceptions.InvalidConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The credentials Iceberg's AWS clients get for an account, from the properties GlueWarehouse
 * writes under {@code client.credentials-provider.}: the account's profile, or its role assumed
 * through STS with a source profile's credentials.
 */
class IcebergCredentialsTest {
  @TempDir Path dir;

  @Test
  void aProfileOrARoleAssumedThroughStsAsTheGovernanceCallsDo() {
    try (LoopbackMesh mesh = new LoopbackMesh(dir)) {
      LoopbackAws aws = mesh.aws();
      try (IcebergCredentials sales =
          IcebergCredentials.create(
              Map.of(
                  "account", "sales",
                  "aws-account-id", LoopbackMesh.SALES,
                  "profile", "lakemesh-sales",
                  "profile-file", mesh.profileFile().toString(),
                  "region", "eu-west-1"))) {
        assertThat(sales.resolveCredentials().accessKeyId()).isEqualTo("LOOPBACK-sales");
      }

      try (IcebergCredentials marketing =
          IcebergCredentials.create(
              Map.of(
                  "account",
                  "marketing",
                  "aws-account-id",
                  LoopbackMesh.MARKETING,
                  "role-arn",
                  "arn:aws:iam::" + LoopbackMesh.MARKETING + ":role/lakemesh-marketing",
                  "external-id",
                  "lakemesh-loopback",
                  "source-profile",
                  "lakemesh-source",
                  "profile-file",
                  mesh.profileFile().toString(),
                  "region",
                  "eu-west-1",
                  "sts-endpoint",
                  aws.endpoint("sts")))) {
        AwsCredentials session = marketing.resolveCredentials();

        assertThat(session.accessKeyId()).isEqualTo("LOOPBACK-SESSION-" + LoopbackMesh.MARKETING);
        assertThat(aws.calls("sts", "AssumeRole"))
            .singleElement()
            .satisfies(
                c -> {
                  assertThat(c.accessKey()).isEqualTo("LOOPBACK-source");
                  assertThat(c.body())
                      .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A" + LoopbackMesh.MARKETING)
                      .contains("ExternalId=lakemesh-loopback")
                      .contains("RoleSessionName=lakemesh-marketing");
                });
      }
    }
  }

  @Test
  void aMissingAccountIsAConfigError() {
    assertThatThrownBy(() -> IcebergCredentials.create(Map.of("region", "eu-west-1")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("client.credentials-provider.account");
  }
}
