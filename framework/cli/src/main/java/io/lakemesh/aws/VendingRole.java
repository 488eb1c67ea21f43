package io.lakemesh.aws;

import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.config.Settings;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import io.lakemesh.runtime.Warehouse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.aws.AwsClientProperties;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The role the catalog server assumes to vend read credentials through its Iceberg REST catalog
 * ({@code lakemesh.iceberg-rest.vending-role-arn}), and how its sessions are named.
 */
public final class VendingRole {
  static final String ROLE_ARN_KEY = Settings.ICEBERG_REST_VENDING_ROLE_ARN.path();
  static final String DURATION_KEY = Settings.ICEBERG_REST_VENDING_DURATION.path();

  private VendingRole() {}

  /**
   * The vendor {@code serve} answers load-table requests with: STS, with the server's own
   * credentials (the AWS SDK's default chain), when a role is configured; empty otherwise.
   */
  public static Optional<StsTableCredentials> open(LakemeshConfig config) {
    LakemeshConfig.IcebergRestSettings rest = config.icebergRest();
    if (rest.vendingRoleArn().isEmpty()) {
      return Optional.empty();
    }
    Warehouse warehouse = config.warehouse();
    Map<String, String> storage = new LinkedHashMap<>();
    warehouse.glue().ifPresent(glue -> storage.putAll(glue.storage()));
    storage.putAll(StsTableCredentials.storageOf(warehouse.properties()));
    String region =
        storage.computeIfAbsent(AwsClientProperties.CLIENT_REGION, k -> defaultRegion());
    // No HTTP client named: the job jar carries the SDK's URLConnection one, core's own
    // classpath Apache's, and the SDK takes the one it finds.
    var sts = StsClient.builder().region(Region.of(region));
    // Beside the aws catalog's endpoints; otherwise the SDK's own AWS_ENDPOINT_URL_STS applies.
    warehouse
        .glue()
        .flatMap(glue -> glue.endpoint("sts"))
        .map(URI::create)
        .ifPresent(sts::endpointOverride);
    return Optional.of(
        new StsTableCredentials(
            sts.build(), rest.vendingRoleArn(), rest.vendingDurationSeconds(), storage));
  }

  /**
   * The role session name and source identity of a reader's session: its principal, as IAM spells
   * such names ({@code [\w+=,.@-]}, 2 to 64 characters), so CloudTrail names who read.
   */
  static String sessionName(Principal reader) {
    String name = reader.toString().replace(':', '.').replaceAll("[^\\w+=,.@-]", "-");
    return name.length() < 2 ? name + "-" : name.length() <= 64 ? name : name.substring(0, 64);
  }

  private static String defaultRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (SdkClientException e) {
      throw new InvalidConfigException(
          ROLE_ARN_KEY,
          "credential vending needs the AWS region of STS and the warehouse: set"
              + " lakemesh.warehouse.properties.client.region (or AWS_REGION)");
    }
  }
}
