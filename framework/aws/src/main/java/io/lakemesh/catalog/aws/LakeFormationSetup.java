package io.lakemesh.catalog.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;
import software.amazon.awssdk.services.lakeformation.model.DataLakeSettings;

/**
 * What each account that holds mesh entries needs so that Lake Formation's permissions, and not its
 * backward-compatible defaults, decide who reads: read from AWS as {@link SetupStep}s ({@code
 * lakemesh doctor}, {@code aws setup}) and applied on request ({@code aws setup --apply}), each
 * step idempotent so that a re-run converges.
 *
 * <ul>
 *   <li>"Changing the default settings for your data lake": the governance role is a data lake
 *       administrator, and new databases and tables get no IAM_ALLOWED_PRINCIPALS grant
 *       (CreateDatabaseDefaultPermissions, CreateTableDefaultPermissions empty; per database too).
 *   <li>"Upgrading AWS Glue data permissions to the AWS Lake Formation model": mesh databases and
 *       tables hold no IAM_ALLOWED_PRINCIPALS grant (it would make every column grant moot).
 *   <li>"Updating cross-account data sharing version settings": CROSS_ACCOUNT_VERSION of at least
 *       3, so cross-account grants share through RAM and to IAM principals of other accounts.
 *   <li>"Managing cross-account permissions using both AWS Glue and Lake Formation": once a Data
 *       Catalog resource policy exists, it allows glue:ShareResource to ram.amazonaws.com, saved
 *       with EnableHybrid TRUE.
 *   <li>"Enabling permissions for a third-party query engine to call application integration API
 *       operations": with {@code lakeformation-enabled} readers, external data filtering on for
 *       their accounts and Iceberg's session tag value.
 *   <li>"Requirements for roles used to register locations": the bucket policy and trust policy a
 *       producer's location registered by another account needs (applied by hand: the bucket is the
 *       producer's).
 * </ul>
 */
final class LakeFormationSetup {
  static final String IAM_ALLOWED_PRINCIPALS = "IAM_ALLOWED_PRINCIPALS";
  static final String CROSS_ACCOUNT_VERSION = "CROSS_ACCOUNT_VERSION";

  /** The newest version; the checks accept 3 and above. */
  static final String CROSS_ACCOUNT_VERSION_SET = "4";

  private final AwsNames names;
  private final AwsClients clients;

  /** The session tag value Iceberg's Lake Formation client sends (GlueWarehouse in core). */
  static final String SESSION_TAG_VALUE = "lakemesh";

  private final CatalogResourcePolicy catalogPolicy;
  private final MeshDatabaseSetup databases;
  private final Set<String> lakeFormationReaders;

  /**
   * @param lakeFormationReaders the accounts whose Iceberg catalogs take their S3 credentials from
   *     Lake Formation ({@code accounts.ID.lakeformation-enabled})
   */
  LakeFormationSetup(
      AwsNames names,
      AwsClients clients,
      LakeFormationPermissions permissions,
      Set<String> lakeFormationReaders) {
    this.names = names;
    this.clients = clients;
    this.catalogPolicy = new CatalogResourcePolicy(names, clients);
    this.databases = new MeshDatabaseSetup(names, clients, permissions);
    this.lakeFormationReaders = Set.copyOf(lakeFormationReaders);
  }

  /** Every step, as AWS is now. */
  List<SetupStep> steps() {
    List<SetupStep> steps = new ArrayList<>();
    for (AwsAccount holder : names.holders()) {
      DataLakeSettings settings = settings(holder);
      steps.add(admins(holder, settings));
      steps.add(defaults(holder, settings));
      steps.add(crossAccountVersion(holder, settings));
      if (!lakeFormationReaders.isEmpty()) {
        steps.add(applicationIntegration(holder, settings));
      }
      steps.add(catalogPolicy.step(holder));
      steps.addAll(databases.steps(holder));
    }
    for (AwsAccount producer : names.config().accounts().values()) {
      registration(producer).ifPresent(steps::add);
    }
    RecordsBucketPolicy.step(names).ifPresent(steps::add);
    return steps;
  }

  /** Applies every step that needs a change, then reads AWS again. */
  List<SetupStep> apply() {
    for (SetupStep step : steps()) {
      if (step.state() == SetupStep.State.CHANGE) {
        step.apply().run();
      }
    }
    return steps();
  }

  // ---- data lake settings

  private SetupStep admins(AwsAccount holder, DataLakeSettings settings) {
    String role = governanceRole(holder);
    String check = "data-lake admins";
    if (settings.dataLakeAdmins().stream()
        .anyMatch(p -> role.equals(p.dataLakePrincipalIdentifier()))) {
      return SetupStep.ok(holder.id(), check, role + " is a data lake administrator");
    }
    return SetupStep.change(
        holder.id(),
        check,
        role + " is not a data lake administrator, so it cannot grant on every mesh resource",
        "add " + role + " to DataLakeAdmins (lakeformation:PutDataLakeSettings)",
        () ->
            putSettings(
                holder,
                s -> {
                  List<DataLakePrincipal> admins = new ArrayList<>(s.dataLakeAdmins());
                  admins.add(DataLakePrincipal.builder().dataLakePrincipalIdentifier(role).build());
                  return s.toBuilder().dataLakeAdmins(admins).build();
                }));
  }

  private SetupStep defaults(AwsAccount holder, DataLakeSettings settings) {
    String check = "default permissions";
    boolean off =
        settings.createDatabaseDefaultPermissions().isEmpty()
            && settings.createTableDefaultPermissions().isEmpty();
    if (off) {
      return SetupStep.ok(
          holder.id(), check, "new databases and tables get no IAM_ALLOWED_PRINCIPALS grant");
    }
    return SetupStep.change(
        holder.id(),
        check,
        "\"Use only IAM access control\" is on for new databases or tables: Lake Formation's grants"
            + " are not in effect on them",
        "empty CreateDatabaseDefaultPermissions and CreateTableDefaultPermissions"
            + " (lakeformation:PutDataLakeSettings)",
        () ->
            putSettings(
                holder,
                s ->
                    s.toBuilder()
                        .createDatabaseDefaultPermissions(List.of())
                        .createTableDefaultPermissions(List.of())
                        .build()));
  }

  private SetupStep crossAccountVersion(AwsAccount holder, DataLakeSettings settings) {
    String check = "cross-account version";
    String version = settings.parameters().getOrDefault(CROSS_ACCOUNT_VERSION, "1");
    if (number(version) >= 3) {
      return SetupStep.ok(holder.id(), check, "CROSS_ACCOUNT_VERSION is " + version);
    }
    return SetupStep.change(
        holder.id(),
        check,
        "CROSS_ACCOUNT_VERSION is "
            + version
            + ": grants to principals of other accounts and tag-policy grants through RAM need 3"
            + " or later",
        "set CROSS_ACCOUNT_VERSION to "
            + CROSS_ACCOUNT_VERSION_SET
            + " (lakeformation:PutDataLakeSettings)",
        () ->
            putSettings(
                holder,
                s -> {
                  Map<String, String> parameters = new LinkedHashMap<>(s.parameters());
                  parameters.put(CROSS_ACCOUNT_VERSION, CROSS_ACCOUNT_VERSION_SET);
                  return s.toBuilder().parameters(parameters).build();
                }));
  }

  /**
   * "Enabling permissions for a third-party query engine to call application integration API
   * operations": Lake Formation vends credentials for the holder's tables to Iceberg only when the
   * holder allows external data filtering, lists the session tag value Iceberg's sessions carry,
   * and lists the AWS accounts of the readers.
   */
  private SetupStep applicationIntegration(AwsAccount holder, DataLakeSettings settings) {
    String check = "application integration";
    List<String> readers =
        lakeFormationReaders.stream()
            .map(id -> names.config().account(id).awsAccountId())
            .distinct()
            .sorted()
            .toList();
    List<String> allowed =
        settings.externalDataFilteringAllowList().stream()
            .map(DataLakePrincipal::dataLakePrincipalIdentifier)
            .toList();
    List<String> missing = readers.stream().filter(r -> !allowed.contains(r)).toList();
    boolean tagged = settings.authorizedSessionTagValueList().contains(SESSION_TAG_VALUE);
    if (Boolean.TRUE.equals(settings.allowExternalDataFiltering()) && tagged && missing.isEmpty()) {
      return SetupStep.ok(
          holder.id(),
          check,
          "Lake Formation vends credentials to sessions tagged "
              + SESSION_TAG_VALUE
              + " from "
              + String.join(", ", readers));
    }
    return SetupStep.change(
        holder.id(),
        check,
        "Lake Formation vends no credentials to Iceberg's sessions of "
            + String.join(", ", readers)
            + ": external data filtering "
            + (Boolean.TRUE.equals(settings.allowExternalDataFiltering()) ? "on" : "off")
            + (tagged ? "" : ", session tag value " + SESSION_TAG_VALUE + " not authorised")
            + (missing.isEmpty() ? "" : ", accounts not allowed: " + String.join(", ", missing)),
        "allow external data filtering for session tag value "
            + SESSION_TAG_VALUE
            + " and accounts "
            + String.join(", ", readers)
            + " (lakeformation:PutDataLakeSettings)",
        () ->
            putSettings(
                holder,
                s -> {
                  List<DataLakePrincipal> accounts =
                      new ArrayList<>(s.externalDataFilteringAllowList());
                  for (String reader : readers) {
                    if (accounts.stream()
                        .noneMatch(a -> reader.equals(a.dataLakePrincipalIdentifier()))) {
                      accounts.add(
                          DataLakePrincipal.builder().dataLakePrincipalIdentifier(reader).build());
                    }
                  }
                  List<String> tags = new ArrayList<>(s.authorizedSessionTagValueList());
                  if (!tags.contains(SESSION_TAG_VALUE)) {
                    tags.add(SESSION_TAG_VALUE);
                  }
                  return s.toBuilder()
                      .allowExternalDataFiltering(true)
                      .externalDataFilteringAllowList(accounts)
                      .authorizedSessionTagValueList(tags)
                      .build();
                }));
  }

  private DataLakeSettings settings(AwsAccount holder) {
    return clients
        .call(holder, "lakeformation:GetDataLakeSettings", "catalog " + holder.awsAccountId())
        .run(
            () ->
                clients
                    .lakeFormation(holder)
                    .getDataLakeSettings(r -> r.catalogId(holder.awsAccountId()))
                    .dataLakeSettings());
  }

  /** Reads the settings again and writes them changed, so each step keeps the others' changes. */
  private void putSettings(AwsAccount holder, UnaryOperator<DataLakeSettings> change) {
    DataLakeSettings changed = change.apply(settings(holder));
    clients
        .call(holder, "lakeformation:PutDataLakeSettings", "catalog " + holder.awsAccountId())
        .run(
            () ->
                clients
                    .lakeFormation(holder)
                    .putDataLakeSettings(
                        r -> r.catalogId(holder.awsAccountId()).dataLakeSettings(changed)));
  }

  /**
   * The role lakemesh acts as in the holder's account: its {@code role-arn}, else the role (or
   * user) its credentials belong to.
   */
  private String governanceRole(AwsAccount holder) {
    if (holder.roleArn().isPresent()) {
      return holder.roleArn().get();
    }
    String arn =
        clients
            .call(holder, "sts:GetCallerIdentity", "account " + holder.id())
            .run(() -> clients.sts(holder).getCallerIdentity())
            .arn();
    // arn:aws:sts::ID:assumed-role/NAME/SESSION is the session of arn:aws:iam::ID:role/NAME.
    String[] parts = arn.split(":", 6);
    if (parts.length == 6 && "sts".equals(parts[2]) && parts[5].startsWith("assumed-role/")) {
      String name = parts[5].split("/")[1];
      return "arn:" + parts[1] + ":iam::" + parts[4] + ":role/" + name;
    }
    return arn;
  }

  // ---- locations registered across accounts

  private Optional<SetupStep> registration(AwsAccount producer) {
    AwsAccount holder = names.config().account(producer.holder());
    if (producer.storageRoot().isEmpty() || holder.awsAccountId().equals(producer.awsAccountId())) {
      return Optional.empty();
    }
    S3Location root = producer.storageRoot().get();
    String role = names.config().registrationRole(producer).orElseThrow();
    return Optional.of(
        new SetupStep(
            producer.id(),
            "location registration",
            SetupStep.State.MANUAL,
            root
                + " is registered by "
                + holder.id()
                + " with "
                + role
                + "; the bucket is in "
                + producer.id()
                + "'s AWS account ("
                + producer.awsAccountId()
                + ")",
            "in "
                + producer.id()
                + "'s account, let bucket "
                + root.bucket()
                + "'s policy hold the statements below (s3:PutBucketPolicy), and give "
                + role
                + " the trust policy below",
            List.of(
                "bucket policy: " + Json.line(RegistrationPolicies.bucketPolicy(root, role)).trim(),
                "trust policy of "
                    + role
                    + ": "
                    + Json.line(RegistrationPolicies.trustPolicy()).trim()),
            () -> {}));
  }

  private static int number(String version) {
    try {
      return Integer.parseInt(version.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
