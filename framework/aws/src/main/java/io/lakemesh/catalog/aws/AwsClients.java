package io.lakemesh.catalog.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.ram.RamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients of every account, built on first use with the account's credentials and shared by
 * all calls made as that account. All clients use one HTTP client, the catalog's region and
 * endpoints, and one explicitly configured retry strategy.
 */
final class AwsClients implements AutoCloseable {
  private final String catalog;
  private final AwsCatalogConfig config;
  private final List<ExecutionInterceptor> interceptors;
  private final SdkHttpClient http;
  private final Map<String, AwsCredentialsProvider> credentials = new ConcurrentHashMap<>();
  private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
  private final List<AutoCloseable> owned = new ArrayList<>();
  private volatile ProfileFile profiles;

  AwsClients(String catalog, AwsCatalogConfig config, List<ExecutionInterceptor> interceptors) {
    this.catalog = catalog;
    this.config = config;
    this.interceptors = List.copyOf(interceptors);
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    for (AwsAccount account : config.accounts().values()) {
      AccountCredentials.check(account, config, this::profiles);
    }
  }

  /** The name of the catalog these clients serve, for messages. */
  String catalog() {
    return catalog;
  }

  /** A call made as {@code account}, named in the errors it may raise. */
  AwsCall call(AwsAccount account, String api, Object subject) {
    return AwsCall.of(catalog, account, api, subject);
  }

  GlueClient glue(AwsAccount account) {
    return client("glue", account, GlueClient::builder, b -> {});
  }

  LakeFormationClient lakeFormation(AwsAccount account) {
    return client("lakeformation", account, LakeFormationClient::builder, b -> {});
  }

  RamClient ram(AwsAccount account) {
    return client("ram", account, RamClient::builder, b -> {});
  }

  EventBridgeClient eventBridge(AwsAccount account) {
    return client("events", account, EventBridgeClient::builder, b -> {});
  }

  StsClient sts(AwsAccount account) {
    return client("sts", account, StsClient::builder, b -> {});
  }

  S3Client s3(AwsAccount account) {
    boolean compatibleStore = config.endpoint("s3").isPresent();
    return client(
        "s3",
        account,
        S3Client::builder,
        b -> {
          if (compatibleStore) {
            // S3-compatible stores address buckets by path and reject the aws-chunked uploads with
            // trailing checksums that newer SDKs send unless told to checksum only when required.
            b.forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
          }
        });
  }

  /**
   * Assumes the account's role with one session tag, as Iceberg's Lake Formation client factory
   * does, and returns the session's ARN. Nothing is kept: this only shows whether AWS allows it.
   */
  String assumeTagged(AwsAccount account, String key, String value) {
    StsClient sts = sts(AccountCredentials.source(account, this::profiles));
    return sts.assumeRole(
            r -> {
              r.roleArn(account.roleArn().orElseThrow())
                  .roleSessionName("lakemesh-" + account.id() + "-tag-check")
                  .tags(t -> t.key(key).value(value));
              account.externalId().ifPresent(r::externalId);
            })
        .assumedRoleUser()
        .arn();
  }

  /**
   * Standard retries with exponential backoff and jitter, for throttling and transient failures;
   * configured here rather than left to SDK defaults so that attempts and delays are the ones the
   * config documents.
   */
  static RetryStrategy retryStrategy(AwsCatalogConfig.RetrySettings retry) {
    BackoffStrategy backoff =
        BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxBackoff());
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(retry.maxAttempts())
        .backoffStrategy(backoff)
        .throttlingBackoffStrategy(backoff)
        .build();
  }

  @Override
  public void close() {
    clients.values().forEach(SdkClient::close);
    clients.clear();
    synchronized (owned) {
      for (AutoCloseable c : owned) {
        try {
          c.close();
        } catch (Exception e) {
          // Closing is best effort: a provider that cannot close holds no open work.
        }
      }
      owned.clear();
    }
    http.close();
  }

  private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C extends SdkClient>
      C client(String service, AwsAccount account, Supplier<B> builder, Consumer<B> special) {
    @SuppressWarnings("unchecked")
    C client =
        (C)
            clients.computeIfAbsent(
                service + "/" + account.id(),
                k -> {
                  B b = configured(builder.get(), service, credentials(account));
                  special.accept(b);
                  return b.build();
                });
    return client;
  }

  private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C extends SdkClient>
      B configured(B builder, String service, AwsCredentialsProvider provider) {
    builder
        .region(Region.of(config.region()))
        .credentialsProvider(provider)
        .httpClient(http)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy(config.retry()))
                .executionInterceptors(interceptors)
                .build());
    config.endpoint(service).ifPresent(builder::endpointOverride);
    return builder;
  }

  private AwsCredentialsProvider credentials(AwsAccount account) {
    return credentials.computeIfAbsent(
        account.id(),
        id -> {
          AwsCredentialsProvider provider =
              AccountCredentials.provider(account, this::profiles, this::sts);
          if (provider instanceof AutoCloseable closeable) {
            own(closeable);
          }
          return provider;
        });
  }

  private StsClient sts(AwsCredentialsProvider source) {
    StsClient sts = configured(StsClient.builder(), "sts", source).build();
    own(sts);
    return sts;
  }

  private void own(AutoCloseable closeable) {
    synchronized (owned) {
      owned.add(closeable);
    }
  }

  private ProfileFile profiles() {
    ProfileFile loaded = profiles;
    if (loaded == null) {
      synchronized (this) {
        if (profiles == null) {
          profiles = AccountCredentials.profiles(config);
        }
        loaded = profiles;
      }
    }
    return loaded;
  }
}
