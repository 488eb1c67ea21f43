package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.Names;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mesh account as AWS knows it: its AWS account id (the CatalogId of its Glue catalog), where
 * its credentials come from, and which catalog holds its product entries.
 *
 * @param id the mesh account id ({@code sales})
 * @param awsAccountId the 12-digit AWS account id
 * @param profile a named profile with the account's credentials
 * @param roleArn a role to assume through STS instead
 * @param externalId the external id the role's trust policy asks for
 * @param sourceProfile the profile whose credentials assume the role; the SDK's default chain when
 *     absent
 * @param holder the mesh account whose catalog holds this account's product entries
 * @param storageRoot the producer's warehouse root, registered with Lake Formation
 * @param registrationRoleArn the role Lake Formation uses for locations this account registers
 * @param adminPrincipal the Lake Formation principal of the account's administrator
 * @param principals IAM ARNs of named principals, by name
 */
public record AwsAccount(
    String id,
    String awsAccountId,
    Optional<String> profile,
    Optional<String> roleArn,
    Optional<String> externalId,
    Optional<String> sourceProfile,
    String holder,
    Optional<S3Location> storageRoot,
    Optional<String> registrationRoleArn,
    String adminPrincipal,
    Map<String, String> principals) {

  public static final String AWS_ACCOUNT_ID = "aws-account-id";
  public static final String PROFILE = "profile";
  public static final String ROLE_ARN = "role-arn";
  public static final String EXTERNAL_ID = "external-id";
  public static final String SOURCE_PROFILE = "source-profile";
  public static final String HOLDER = "holder";
  public static final String STORAGE_ROOT = "storage-root";
  public static final String REGISTRATION_ROLE_ARN = "registration-role-arn";
  public static final String ADMIN_PRINCIPAL = "admin-principal";
  public static final String PRINCIPALS = "principals";

  /** Read by the accounts' Iceberg catalogs (GlueWarehouse in framework/spark), not here. */
  public static final String LAKEFORMATION_ENABLED = "lakeformation-enabled";

  private static final Pattern AWS_ID = Pattern.compile("\\d{12}");
  private static final Pattern ROLE =
      Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/[\\w+=,.@/-]+");

  public AwsAccount {
    principals = Map.copyOf(principals);
  }

  static AwsAccount from(String id, ConfigReader in, Optional<String> governance) {
    Names.account(id);
    String awsId = in.required(AWS_ACCOUNT_ID, "the 12-digit AWS account id");
    if (!AWS_ID.matcher(awsId).matches()) {
      throw new InvalidConfigException(
          in.key(AWS_ACCOUNT_ID),
          "account " + id + ": an AWS account id has 12 digits, not '" + awsId + "'");
    }
    Optional<String> profile = in.optional(PROFILE);
    Optional<String> role = in.optional(ROLE_ARN);
    if (profile.isPresent() && role.isPresent()) {
      throw new InvalidConfigException(
          in.key(ROLE_ARN),
          "account "
              + id
              + ": give either a profile or a role ARN to assume, not both (use"
              + " source-profile for the credentials that assume the role)");
    }
    role.ifPresent(arn -> checkRole(in.key(ROLE_ARN), id, awsId, arn));
    in.optional(REGISTRATION_ROLE_ARN)
        .ifPresent(arn -> checkRole(in.key(REGISTRATION_ROLE_ARN), id, awsId, arn));
    Map<String, String> principals = new TreeMap<>();
    ConfigReader named = in.under(PRINCIPALS);
    for (String name : in.groups(PRINCIPALS)) {
      Principal.of(id, name);
      principals.put(name, named.required(name, "an IAM ARN"));
    }
    return new AwsAccount(
        id,
        awsId,
        profile,
        role,
        in.optional(EXTERNAL_ID),
        in.optional(SOURCE_PROFILE),
        in.optional(HOLDER).map(Names::account).or(() -> governance).orElse(id),
        in.optional(STORAGE_ROOT).map(uri -> S3Location.parse(in.key(STORAGE_ROOT), uri)),
        in.optional(REGISTRATION_ROLE_ARN),
        in.optional(ADMIN_PRINCIPAL).orElse(awsId),
        principals);
  }

  /** The full property key of one of this account's settings. */
  public String key(String name) {
    return AwsCatalogConfig.ACCOUNTS + "." + id + "." + name;
  }

  /** The Lake Formation principal ({@code DataLakePrincipalIdentifier}) of a mesh principal. */
  public String lakeFormationPrincipal(Principal principal) {
    if (principal.isAdministrator()) {
      return adminPrincipal;
    }
    return principals.getOrDefault(
        principal.name(), "arn:aws:iam::" + awsAccountId + ":role/" + principal.name());
  }

  /** Where the credentials come from, for messages. */
  public String credentialSource() {
    return profile
        .map(p -> "profile '" + p + "'")
        .or(() -> roleArn.map(r -> "role " + r))
        .orElse("the SDK's default credentials");
  }

  private static void checkRole(String key, String id, String awsId, String arn) {
    Matcher m = ROLE.matcher(arn);
    if (!m.matches()) {
      throw new InvalidConfigException(
          key,
          "account " + id + ": '" + arn + "' is not an IAM role ARN (arn:aws:iam::ID:role/NAME)");
    }
    if (!m.group(1).equals(awsId)) {
      throw new InvalidConfigException(
          key,
          "account "
              + id
              + ": role "
              + arn
              + " belongs to AWS account "
              + m.group(1)
              + ", but the account is configured as "
              + awsId);
    }
  }
}
