package io.lakemesh.aws;

import io.lakemesh.exceptions.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The accounts' Iceberg catalogs when the governance catalog is on AWS ({@code
 * lakemesh.catalog.type = aws}): Iceberg's {@code GlueCatalog} with {@code S3FileIO}, configured
 * per account from the same {@code lakemesh.catalog} section the aws backend reads (its keys are
 * documented, and checked, by {@code AwsCatalogConfig} in {@code framework/aws}).
 *
 * <p>An account's Iceberg tables are registered in the Glue catalog that holds its product entries
 * ({@code glue.id} = the holder's AWS account: the governance account in central, the LOB's in
 * lob-federated, its own in federated), so the Glue table a consumer's resource link points at is
 * the Iceberg table itself, and the governance catalog's publish adds its parameters to it. Data
 * and metadata files live under the account's {@code storage-root}. Calls are made with the
 * account's own credentials (its profile or role, as for the governance calls); with {@code
 * accounts.ID.lakeformation-enabled = true}, Iceberg assumes the account's role and takes its S3
 * credentials from Lake Formation instead.
 */
public final class GlueWarehouse {
  /** The lakemesh credentials provider Iceberg loads by name ({@code framework/aws}). */
  public static final String CREDENTIALS_PROVIDER = "io.lakemesh.catalog.aws.IcebergCredentials";

  /** Per account: let Iceberg get table credentials from Lake Formation (needs a role-arn). */
  public static final String LAKEFORMATION_ENABLED = "lakeformation-enabled";

  /**
   * The session tag Iceberg's LakeFormationAwsClientFactory insists on (its catalog fails at start
   * without it), and that Lake Formation validates before it vends table credentials ("Using Lake
   * Formation application integration"); the role's trust policy must allow sts:TagSession.
   */
  public static final String SESSION_TAG = "client.assume-role.tags.LakeFormationAuthorizedCaller";

  /** The tag's value; Lake Formation's application integration settings must list it. */
  public static final String SESSION_TAG_VALUE = "lakemesh";

  private static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";
  private static final String PROVIDER_PREFIX = "client.credentials-provider.";

  private final Map<String, String> catalog;

  private GlueWarehouse(Map<String, String> catalog) {
    this.catalog = Map.copyOf(catalog);
  }

  /**
   * From the aws catalog's properties, flattened to dotted keys ({@code accounts.sales.profile}).
   */
  public static GlueWarehouse of(Map<String, String> catalogProperties) {
    GlueWarehouse warehouse = new GlueWarehouse(catalogProperties);
    warehouse.required("region");
    return warehouse;
  }

  /** The mesh accounts the aws catalog knows an AWS account for. */
  public SortedSet<String> accounts() {
    SortedSet<String> ids = new TreeSet<>();
    catalog.keySet().stream()
        .filter(k -> k.startsWith("accounts.") && k.endsWith(".aws-account-id"))
        .forEach(
            k ->
                ids.add(
                    k.substring("accounts.".length(), k.length() - ".aws-account-id".length())));
    return ids;
  }

  /** The account's {@code storage-root}, without a trailing slash, when configured. */
  public Optional<String> storageRoot(String account) {
    return account(account, "storage-root")
        .map(r -> r.endsWith("/") ? r.substring(0, r.length() - 1) : r);
  }

  /**
   * Iceberg catalog properties of the account's warehouse ({@code type = glue}).
   *
   * @param location the account's warehouse location
   */
  public Map<String, String> icebergProperties(String account, String location) {
    return icebergProperties(account, location, account);
  }

  /**
   * The same catalog as {@code reader} reaches it: the Glue catalog holding {@code account}'s
   * tables, called with the reader's own credentials, so that a consumer reads a product it was
   * granted with what Lake Formation grants it, never with the producer's credentials.
   */
  public Map<String, String> icebergProperties(String account, String location, String reader) {
    Map<String, String> p = new TreeMap<>();
    p.put("type", "glue");
    p.put("warehouse", location);
    p.put("io-impl", S3_FILE_IO);
    String holderId = awsAccountId(holder(account));
    p.put("glue.id", holderId);
    String region = required("region");
    p.putAll(storage());
    // The job jar carries the SDK's URLConnection client only (Iceberg's default is Apache's).
    p.put("http-client.type", "urlconnection");
    endpoint("glue").ifPresent(e -> p.put("glue.endpoint", e));
    if (account(reader, LAKEFORMATION_ENABLED).map(Boolean::parseBoolean).orElse(false)) {
      lakeFormation(reader, holderId, region, p);
    } else if (account(reader, "profile").isPresent() || account(reader, "role-arn").isPresent()) {
      credentials(reader, region, p);
    }
    return p;
  }

  private void lakeFormation(
      String account, String holderId, String region, Map<String, String> p) {
    String role =
        account(account, "role-arn")
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(account, LAKEFORMATION_ENABLED),
                        "account "
                            + account
                            + ": Iceberg takes Lake Formation's table credentials by assuming a role;"
                            + " set "
                            + key(account, "role-arn")));
    p.put("glue.lakeformation-enabled", "true");
    p.put("glue.account-id", holderId);
    p.put("client.assume-role.arn", role);
    p.put("client.assume-role.region", region);
    p.put("client.assume-role.session-name", "lakemesh-" + account);
    p.put(SESSION_TAG, SESSION_TAG_VALUE);
    account(account, "external-id").ifPresent(e -> p.put("client.assume-role.external-id", e));
  }

  private void credentials(String account, String region, Map<String, String> p) {
    p.put("client.credentials-provider", CREDENTIALS_PROVIDER);
    p.put(PROVIDER_PREFIX + "account", account);
    p.put(PROVIDER_PREFIX + "aws-account-id", awsAccountId(account));
    p.put(PROVIDER_PREFIX + "region", region);
    for (String key : new String[] {"profile", "role-arn", "external-id", "source-profile"}) {
      account(account, key).ifPresent(v -> p.put(PROVIDER_PREFIX + key, v));
    }
    value("profile-file").ifPresent(v -> p.put(PROVIDER_PREFIX + "profile-file", v));
    endpoint("sts").ifPresent(e -> p.put(PROVIDER_PREFIX + "sts-endpoint", e));
  }

  /** The mesh account whose Glue catalog holds the account's entries. */
  public String holder(String account) {
    return account(account, "holder").or(() -> value("governance-account")).orElse(account);
  }

  private String awsAccountId(String account) {
    return account(account, "aws-account-id")
        .orElseThrow(
            () ->
                new InvalidConfigException(
                    key(account, "aws-account-id"),
                    "mesh account '"
                        + account
                        + "' has no AWS account in the aws catalog config (its Iceberg"
                        + " tables live in a Glue catalog)"));
  }

  /** Where S3FileIO finds the accounts' files: the region, and the S3 endpoint when one is set. */
  public Map<String, String> storage() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("client.region", required("region"));
    endpoint("s3")
        .ifPresent(
            e -> {
              p.put("s3.endpoint", e);
              // S3-compatible stores address buckets by path.
              p.put("s3.path-style-access", "true");
            });
    return p;
  }

  /**
   * The endpoint configured for an AWS service ({@code endpoint.SERVICE}, else {@code endpoint}).
   */
  public Optional<String> endpoint(String service) {
    return value("endpoint." + service).or(() -> value("endpoint"));
  }

  private Optional<String> account(String account, String name) {
    return value(key(account, name));
  }

  private static String key(String account, String name) {
    return "accounts." + account + "." + name;
  }

  private String required(String key) {
    return value(key)
        .orElseThrow(
            () ->
                new InvalidConfigException(
                    "lakemesh.catalog." + key, "the aws catalog needs lakemesh.catalog." + key));
  }

  private Optional<String> value(String key) {
    return Optional.ofNullable(catalog.get(key)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
