package io.lakemesh.catalog.aws;

import io.lakemesh.exceptions.InvalidConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * An account's credentials for Iceberg's AWS clients (GlueCatalog, S3FileIO), the same way the
 * governance catalog gets them ({@link AccountCredentials}): a named profile, a role assumed
 * through STS (with the default credentials or a source profile), or the default chain.
 *
 * <p>Iceberg loads it by name from {@code client.credentials-provider} and passes the properties
 * under {@code client.credentials-provider.} to {@link #create(Map)}, on the driver and on every
 * executor, so it needs nothing but those properties.
 */
public final class IcebergCredentials implements AwsCredentialsProvider, SdkAutoCloseable {
  public static final String ACCOUNT = "account";
  public static final String AWS_ACCOUNT_ID = AwsAccount.AWS_ACCOUNT_ID;
  public static final String PROFILE = AwsAccount.PROFILE;
  public static final String ROLE_ARN = AwsAccount.ROLE_ARN;
  public static final String EXTERNAL_ID = AwsAccount.EXTERNAL_ID;
  public static final String SOURCE_PROFILE = AwsAccount.SOURCE_PROFILE;
  public static final String PROFILE_FILE = AwsCatalogConfig.PROFILE_FILE;
  public static final String REGION = AwsCatalogConfig.REGION;
  public static final String STS_ENDPOINT = "sts-endpoint";

  private final AwsCredentialsProvider delegate;

  private IcebergCredentials(AwsCredentialsProvider delegate) {
    this.delegate = delegate;
  }

  /** Called by Iceberg's {@code AwsClientProperties} with the provider's properties. */
  public static IcebergCredentials create(Map<String, String> properties) {
    String id = required(properties, ACCOUNT);
    String awsId = required(properties, AWS_ACCOUNT_ID);
    AwsAccount account =
        new AwsAccount(
            id,
            awsId,
            optional(properties, PROFILE),
            optional(properties, ROLE_ARN),
            optional(properties, EXTERNAL_ID),
            optional(properties, SOURCE_PROFILE),
            id,
            Optional.empty(),
            Optional.empty(),
            awsId,
            Map.of());
    Optional<Path> profileFile = optional(properties, PROFILE_FILE).map(Path::of);
    String region = required(properties, REGION);
    Optional<URI> stsEndpoint = optional(properties, STS_ENDPOINT).map(URI::create);
    return new IcebergCredentials(
        AccountCredentials.provider(
            account,
            () -> AccountCredentials.profiles(profileFile),
            source -> sts(region, stsEndpoint, source)));
  }

  /** The STS client that assumes the account's role, with the credentials that may assume it. */
  private static StsClient sts(
      String region, Optional<URI> endpoint, AwsCredentialsProvider source) {
    var sts =
        StsClient.builder()
            .region(Region.of(region))
            .credentialsProvider(source)
            .httpClient(UrlConnectionHttpClient.create());
    endpoint.ifPresent(sts::endpointOverride);
    return sts.build();
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return delegate.resolveCredentials();
  }

  @Override
  public void close() {
    if (delegate instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
  }

  private static Optional<String> optional(Map<String, String> properties, String key) {
    return Optional.ofNullable(properties.get(key)).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static String required(Map<String, String> properties, String key) {
    return optional(properties, key)
        .orElseThrow(
            () ->
                new InvalidConfigException(
                    "client.credentials-provider." + key,
                    "Iceberg's AWS credentials need client.credentials-provider." + key));
  }
}
