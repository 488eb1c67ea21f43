package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.Names;
import io.lakemesh.exceptions.InvalidConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The properties {@link GlueGovernanceCatalog#initialize} reads, declared once with their defaults
 * and descriptions ({@link #KEYS}), and their parsed values. In HOCON they sit under {@code
 * lakemesh.catalog} and reach the backend flattened to dotted keys ({@code
 * accounts.sales.profile}).
 */
public record AwsCatalogConfig(
    String region,
    Map<String, URI> endpoints,
    Optional<String> governanceAccount,
    String namePrefix,
    S3Location recordsRoot,
    String recordsAccount,
    Optional<String> actingProducer,
    Optional<Path> profileFile,
    RetrySettings retry,
    SortedMap<String, AwsAccount> accounts) {

  public static final String REGION = "region";
  public static final String ENDPOINT = "endpoint";
  public static final String GOVERNANCE_ACCOUNT = "governance-account";
  public static final String NAME_PREFIX = "name-prefix";
  public static final String RECORDS_ROOT = "records.root";
  public static final String RECORDS_ACCOUNT = "records.account";
  public static final String ACTING_PRODUCER = "acting-producer";
  public static final String PROFILE_FILE = "profile-file";
  public static final String RETRY_MAX_ATTEMPTS = "retry.max-attempts";
  public static final int RETRY_MAX_ATTEMPTS_DEFAULT = 8;
  public static final String RETRY_BASE_DELAY_MS = "retry.base-delay-ms";
  public static final long RETRY_BASE_DELAY_MS_DEFAULT = 200;
  public static final String RETRY_MAX_BACKOFF_MS = "retry.max-backoff-ms";
  public static final long RETRY_MAX_BACKOFF_MS_DEFAULT = 20_000;
  public static final String ACCOUNTS = "accounts";

  /** The services whose endpoint can be overridden one by one ({@code endpoint.glue}). */
  public static final List<String> SERVICES =
      List.of("glue", "lakeformation", "ram", "sts", "s3", "events");

  /** Every key with its default and meaning, for {@code --help} and the README. */
  public static final List<ConfigKey> KEYS =
      List.of(
          new ConfigKey(
              REGION, "", "AWS region of every account's Glue catalog and Lake Formation."),
          new ConfigKey(
              ENDPOINT,
              "",
              "Endpoint for every service instead of AWS's (an S3-compatible store, a test server);"
                  + " endpoint.glue, endpoint.lakeformation, endpoint.ram, endpoint.sts,"
                  + " endpoint.s3 and endpoint.events (EventBridge) override it per service."),
          new ConfigKey(
              GOVERNANCE_ACCOUNT,
              "",
              "The mesh account whose Glue catalog holds the producers' entries (central"
                  + " topology); empty in federated, where each producer holds its own."),
          new ConfigKey(
              NAME_PREFIX,
              "",
              "Prefix of every Glue database and LF-tag key lakemesh creates, so that several"
                  + " meshes (or test runs) share one AWS account."),
          new ConfigKey(
              RECORDS_ROOT,
              "",
              "s3:// prefix for what AWS keeps no API for: grants as recorded, access requests,"
                  + " quality runs, lineage events, job runs and the audit logs (JSON lines)."),
          new ConfigKey(
              RECORDS_ACCOUNT,
              "the governance account",
              "The account that owns the records bucket (a producer in federated)."),
          new ConfigKey(
              ACTING_PRODUCER,
              "",
              "In a producer's own config (the one its jobs run with), that producer: what its"
                  + " jobs read about its products (their Glue entries, its job runs, its tables'"
                  + " quality runs) is read with its own credentials, the records under the records"
                  + " bucket's policy; empty (the governance config): read as the holder and"
                  + " records.account."),
          new ConfigKey(
              PROFILE_FILE,
              "the SDK's (~/.aws/config and ~/.aws/credentials)",
              "AWS config file in which named profiles are looked up."),
          new ConfigKey(
              RETRY_MAX_ATTEMPTS,
              Integer.toString(RETRY_MAX_ATTEMPTS_DEFAULT),
              "Attempts per AWS call, the first included, when AWS throttles or fails"
                  + " transiently."),
          new ConfigKey(
              RETRY_BASE_DELAY_MS,
              Long.toString(RETRY_BASE_DELAY_MS_DEFAULT),
              "First backoff between attempts; it doubles on every retry (with jitter)."),
          new ConfigKey(
              RETRY_MAX_BACKOFF_MS,
              Long.toString(RETRY_MAX_BACKOFF_MS_DEFAULT),
              "Longest backoff between two attempts."),
          new ConfigKey(
              AwsAccount.AWS_ACCOUNT_ID,
              "",
              "accounts.ID.aws-account-id: the 12-digit AWS account of mesh account ID (its Glue"
                  + " CatalogId)."),
          new ConfigKey(
              AwsAccount.PROFILE,
              "",
              "accounts.ID.profile: named AWS profile with the account's credentials."),
          new ConfigKey(
              AwsAccount.ROLE_ARN,
              "",
              "accounts.ID.role-arn: IAM role assumed through STS for the account (instead of a"
                  + " profile); accounts.ID.external-id and accounts.ID.source-profile go with"
                  + " it."),
          new ConfigKey(
              AwsAccount.HOLDER,
              "governance-account, else the account itself",
              "accounts.ID.holder: the mesh account whose Glue catalog holds this producer's"
                  + " entries (one governance account per LOB in lob-federated)."),
          new ConfigKey(
              AwsAccount.STORAGE_ROOT,
              "",
              "accounts.ID.storage-root: the producer's s3:// warehouse root, registered with Lake"
                  + " Formation on its first publish."),
          new ConfigKey(
              AwsAccount.REGISTRATION_ROLE_ARN,
              "the Lake Formation service-linked role",
              "accounts.ID.registration-role-arn: role Lake Formation uses for the locations this"
                  + " holder registers; required when it holds the entries of a producer in another"
                  + " AWS account (the bucket policy must allow the role)."),
          new ConfigKey(
              AwsAccount.ADMIN_PRINCIPAL,
              "the AWS account id",
              "accounts.ID.admin-principal: Lake Formation principal standing for the account's"
                  + " administrator."),
          new ConfigKey(
              AwsAccount.LAKEFORMATION_ENABLED,
              "false",
              "accounts.ID.lakeformation-enabled: the account's Iceberg catalog (Glue, S3FileIO) takes"
                  + " its S3 credentials from Lake Formation, assuming accounts.ID.role-arn."),
          new ConfigKey(
              AwsAccount.PRINCIPALS,
              "arn:aws:iam::AWS-ID:role/NAME",
              "accounts.ID.principals.NAME: IAM ARN of principal ID:NAME."));

  /** A documented key. */
  public record ConfigKey(String name, String defaultValue, String description) {}

  /** How AWS calls are retried. */
  public record RetrySettings(int maxAttempts, Duration baseDelay, Duration maxBackoff) {}

  private static final Pattern REGION_SHAPE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern PREFIX_SHAPE = Pattern.compile("[a-z0-9_]{0,32}");

  public AwsCatalogConfig {
    endpoints = Map.copyOf(endpoints);
    accounts = Collections.unmodifiableSortedMap(new TreeMap<>(accounts));
  }

  public static AwsCatalogConfig from(Map<String, String> properties) {
    ConfigReader in = new ConfigReader(properties);
    String region = in.required(REGION, "an AWS region such as eu-west-1");
    if (!REGION_SHAPE.matcher(region).matches()) {
      throw new InvalidConfigException(REGION, "'" + region + "' is not an AWS region");
    }
    String prefix = in.optional(NAME_PREFIX).orElse("");
    if (!PREFIX_SHAPE.matcher(prefix).matches()) {
      throw new InvalidConfigException(
          NAME_PREFIX, "name prefix '" + prefix + "' must match " + PREFIX_SHAPE.pattern());
    }
    Optional<String> governance = in.optional(GOVERNANCE_ACCOUNT).map(Names::account);
    SortedMap<String, AwsAccount> accounts = new TreeMap<>();
    for (String id : in.groups(ACCOUNTS)) {
      accounts.put(id, AwsAccount.from(id, in.under(ACCOUNTS + "." + id), governance));
    }
    if (accounts.isEmpty()) {
      throw new InvalidConfigException(
          ACCOUNTS, "the aws catalog needs its accounts (accounts.ID.aws-account-id = ...)");
    }
    governance.ifPresent(g -> requireAccount(accounts, g, GOVERNANCE_ACCOUNT));
    accounts.values().forEach(a -> requireAccount(accounts, a.holder(), a.key(AwsAccount.HOLDER)));
    String recordsAccount =
        in.optional(RECORDS_ACCOUNT)
            .or(() -> governance)
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        RECORDS_ACCOUNT,
                        "without a governance account, name the account that owns the records"
                            + " bucket (records.account = a producer)"));
    requireAccount(accounts, recordsAccount, RECORDS_ACCOUNT);
    Optional<String> actingProducer = in.optional(ACTING_PRODUCER).map(Names::account);
    actingProducer.ifPresent(p -> requireAccount(accounts, p, ACTING_PRODUCER));
    AwsCatalogConfig config =
        new AwsCatalogConfig(
            region,
            endpoints(in),
            governance,
            prefix,
            S3Location.parse(RECORDS_ROOT, in.required(RECORDS_ROOT, "an s3:// prefix")),
            recordsAccount,
            actingProducer,
            in.optional(PROFILE_FILE).map(Path::of),
            new RetrySettings(
                (int) in.whole(RETRY_MAX_ATTEMPTS, RETRY_MAX_ATTEMPTS_DEFAULT, 1),
                Duration.ofMillis(in.whole(RETRY_BASE_DELAY_MS, RETRY_BASE_DELAY_MS_DEFAULT, 0)),
                Duration.ofMillis(in.whole(RETRY_MAX_BACKOFF_MS, RETRY_MAX_BACKOFF_MS_DEFAULT, 0))),
            accounts);
    accounts.values().stream()
        .filter(a -> a.storageRoot().isPresent())
        .forEach(config::registrationRole);
    return config;
  }

  /**
   * The role the producer's holder registers the producer's storage with; empty for Lake
   * Formation's service-linked role. A producer's data stays in its own storage, so when its
   * entries are held in another AWS account the location is in another account's bucket, and
   * "Requirements for roles used to register locations" allows only a user-defined role there: then
   * the holder's {@code registration-role-arn} is required.
   */
  public Optional<String> registrationRole(AwsAccount producer) {
    AwsAccount holder = account(producer.holder());
    if (holder.registrationRoleArn().isEmpty()
        && !holder.awsAccountId().equals(producer.awsAccountId())) {
      throw new InvalidConfigException(
          holder.key(AwsAccount.REGISTRATION_ROLE_ARN),
          "account "
              + holder.id()
              + " holds the entries of "
              + producer.id()
              + ", whose storage"
              + producer.storageRoot().map(r -> " " + r).orElse("")
              + " is in another AWS account ("
              + producer.awsAccountId()
              + "); Lake Formation registers a location in another account's bucket only with a"
              + " user-defined role, not its service-linked role: set "
              + holder.key(AwsAccount.REGISTRATION_ROLE_ARN)
              + " to a role of AWS account "
              + holder.awsAccountId()
              + " that trusts lakeformation.amazonaws.com, and let the bucket policy allow it"
              + " (`bin/lakemesh aws setup` prints both)");
    }
    return holder.registrationRoleArn();
  }

  /** The account, or a config error naming the key to add. */
  public AwsAccount account(String id) {
    AwsAccount account = accounts.get(id);
    if (account == null) {
      throw new InvalidConfigException(
          ACCOUNTS + "." + id + "." + AwsAccount.AWS_ACCOUNT_ID,
          "mesh account '"
              + id
              + "' has no AWS account in the aws catalog config (configured: "
              + String.join(", ", accounts.keySet())
              + ")");
    }
    return account;
  }

  /** The endpoint of one service, when overridden. */
  public Optional<URI> endpoint(String service) {
    return Optional.ofNullable(endpoints.get(service));
  }

  @Override
  public String toString() {
    return "AwsCatalogConfig[region="
        + region
        + ", governance="
        + governanceAccount.orElse("")
        + ", records="
        + recordsRoot
        + ", accounts="
        + accounts.keySet()
        + "]";
  }

  private static Map<String, URI> endpoints(ConfigReader in) {
    Map<String, URI> endpoints = new TreeMap<>();
    Optional<URI> all = in.optional(ENDPOINT).map(e -> uri(ENDPOINT, e));
    for (String service : SERVICES) {
      String key = ENDPOINT + "." + service;
      in.optional(key)
          .map(e -> uri(key, e))
          .or(() -> all)
          .ifPresent(u -> endpoints.put(service, u));
    }
    return endpoints;
  }

  private static URI uri(String key, String value) {
    try {
      URI uri = URI.create(value.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          key,
          "endpoint '" + value + "' is not a URL such as https://glue.eu-west-1.amazonaws.com",
          e);
    }
  }

  private static void requireAccount(Map<String, AwsAccount> accounts, String id, String key) {
    if (!accounts.containsKey(id)) {
      throw new InvalidConfigException(
          key, key + " names account '" + id + "', which is not among the configured accounts");
    }
  }
}
