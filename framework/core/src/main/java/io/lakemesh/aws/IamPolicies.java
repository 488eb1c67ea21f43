package io.lakemesh.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import io.lakemesh.governance.Topology;
import java.util.Locale;
import java.util.Optional;

/**
 * The IAM policy each account role needs, least privilege: producers write their own bucket
 * prefix and their own catalog (and their Iceberg tables in the catalog that holds their entries);
 * consumers read through Lake Formation and manage only resource links in their catalog; governance
 * accounts manage permissions, tags and registered locations, keep the records, and read no data.
 * Whoever holds entries (the governance account, a producer in federated) registers producer
 * locations with Lake Formation and removes LF-tags as well as adding them.
 */
public final class IamPolicies {
  public enum Role {
    PRODUCER,
    CONSUMER,
    GOVERNANCE
  }

  /**
   * @param region AWS region, e.g. {@code eu-west-1}
   * @param accountId the 12-digit AWS account id of the account the role lives in
   * @param storageRoot the account's warehouse root, {@code s3://bucket/prefix}
   * @param topology the mesh's topology: in {@code federated} a producer holds its own entries,
   *     grants and LF-tags, and registers its own locations
   * @param recordsRoot the {@code records.root} of the aws catalog, when this account owns the
   *     records (governance: {@code STORAGE-ROOT/lakemesh/} when absent)
   * @param registrationRoleArn the role Lake Formation uses for registered locations; its
   *     service-linked role when absent
   * @param holderAccountId for a producer: the AWS account whose Glue catalog holds its entries
   *     and Iceberg tables (the governance account in central), when it is another account
   */
  public record Target(
      String region,
      String accountId,
      String storageRoot,
      Topology topology,
      Optional<String> recordsRoot,
      Optional<String> registrationRoleArn,
      Optional<String> holderAccountId) {
    public Target {
      if (!accountId.matches("\\d{12}")) {
        throw new IllegalArgumentException("an AWS account id has 12 digits, got '" + accountId + "'");
      }
      if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
        throw new IllegalArgumentException("not an AWS region: '" + region + "'");
      }
      requireS3("storage root", storageRoot);
      recordsRoot.ifPresent(r -> requireS3("records root", r));
      holderAccountId.filter(h -> !h.matches("\\d{12}")).ifPresent(h -> {
        throw new IllegalArgumentException("the holder's AWS account id has 12 digits, got '" + h + "'");
      });
      registrationRoleArn.filter(r -> !r.startsWith("arn:aws:iam::" + accountId + ":role/")).ifPresent(r -> {
        throw new IllegalArgumentException("the registration role must be a role of account " + accountId + ", got '" + r + "'");
      });
    }

    public Target(String region, String accountId, String storageRoot) {
      this(region, accountId, storageRoot, Topology.CENTRAL, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static void requireS3(String what, String uri) {
      if (!uri.startsWith("s3://")) {
        throw new IllegalArgumentException("the " + what + " must be an s3:// URI, got '" + uri + "'");
      }
    }

    String bucket() {
      return bucket(storageRoot);
    }

    String prefix() {
      return prefix(storageRoot);
    }

    static String bucket(String uri) {
      String rest = uri.substring("s3://".length());
      int slash = rest.indexOf('/');
      return slash < 0 ? rest : rest.substring(0, slash);
    }

    static String prefix(String uri) {
      String rest = uri.substring("s3://".length());
      int slash = rest.indexOf('/');
      String prefix = slash < 0 ? "" : rest.substring(slash + 1);
      return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    String glue(String resource) {
      return glue(accountId, resource);
    }

    String glue(String account, String resource) {
      return "arn:aws:glue:" + region + ":" + account + ":" + resource;
    }
  }

  private final JsonNodeFactory json = JsonNodeFactory.instance;

  public ObjectNode policy(Role role, Target target) {
    ObjectNode policy = json.objectNode();
    policy.put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    List<String> ownCatalog = List.of(target.glue("catalog"), target.glue("database/*"), target.glue("table/*/*"));
    boolean federated = target.topology() == Topology.FEDERATED;
    switch (role) {
      case PRODUCER -> {
        statement(statements, "ReadWriteOwnWarehouse",
            List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
            List.of("arn:aws:s3:::" + target.bucket() + "/" + target.prefix() + "*"));
        listBucket(statements, "ListOwnWarehouse", target.storageRoot());
        statement(statements, "ManageOwnCatalog",
            List.of("glue:GetDatabase", "glue:GetDatabases", "glue:CreateDatabase", "glue:UpdateDatabase", "glue:GetTable",
                "glue:GetTables", "glue:CreateTable", "glue:UpdateTable", "glue:GetTableVersions", "glue:GetPartitions"),
            ownCatalog);
        target.holderAccountId().filter(h -> !h.equals(target.accountId())).ifPresent(holder ->
            // The job's Iceberg commits go to the holder's catalog (its Glue resource policy must allow them too).
            statement(statements, "WriteIcebergTablesInHolderCatalog",
                List.of("glue:GetDatabase", "glue:CreateDatabase", "glue:GetTable", "glue:CreateTable", "glue:UpdateTable"),
                List.of(target.glue(holder, "catalog"), target.glue(holder, "database/*"), target.glue(holder, "table/*/*"))));
        List<String> lakeFormation = new java.util.ArrayList<>(List.of("lakeformation:GetDataAccess",
            "lakeformation:GrantPermissions", "lakeformation:RevokePermissions", "lakeformation:BatchGrantPermissions",
            "lakeformation:BatchRevokePermissions", "lakeformation:ListPermissions", "lakeformation:AddLFTagsToResource",
            "lakeformation:RemoveLFTagsFromResource", "lakeformation:GetResourceLFTags"));
        if (federated) {
          // The producer holds its entries: it registers its locations and keeps its own LF-tags.
          lakeFormation.addAll(List.of("lakeformation:RegisterResource", "lakeformation:CreateLFTag",
              "lakeformation:UpdateLFTag", "lakeformation:GetLFTag", "lakeformation:ListLFTags",
              "lakeformation:SearchTablesByLFTags"));
        }
        statement(statements, "GrantOnOwnData", lakeFormation, List.of("*"));
        if (federated) {
          locationRegistration(statements, target);
        }
        statement(statements, "ShareWithConsumers",
            List.of("ram:CreateResourceShare", "ram:AssociateResourceShare", "ram:GetResourceShares"), List.of("*"));
        target.recordsRoot().ifPresent(records -> records(statements, records));
      }
      case CONSUMER -> {
        statement(statements, "ManageResourceLinks",
            List.of("glue:GetDatabase", "glue:GetDatabases", "glue:CreateDatabase", "glue:DeleteDatabase",
                "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:DeleteTable", "glue:GetPartitions"),
            ownCatalog);
        statement(statements, "ReadGrantedData",
            List.of("lakeformation:GetDataAccess", "lakeformation:ListPermissions", "lakeformation:GrantPermissions",
                "lakeformation:RevokePermissions"),
            List.of("*"));
        statement(statements, "AcceptShares",
            List.of("ram:GetResourceShareInvitations", "ram:AcceptResourceShareInvitation"), List.of("*"));
      }
      case GOVERNANCE -> {
        statement(statements, "ManageProductCatalog",
            List.of("glue:GetDatabase", "glue:GetDatabases", "glue:CreateDatabase", "glue:UpdateDatabase", "glue:GetTable",
                "glue:GetTables", "glue:CreateTable", "glue:UpdateTable", "glue:GetTableVersions", "glue:SearchTables"),
            ownCatalog);
        statement(statements, "ManagePermissionsAndTags",
            List.of("lakeformation:GrantPermissions", "lakeformation:RevokePermissions",
                "lakeformation:BatchGrantPermissions", "lakeformation:BatchRevokePermissions",
                "lakeformation:ListPermissions", "lakeformation:RegisterResource", "lakeformation:CreateLFTag",
                "lakeformation:UpdateLFTag", "lakeformation:GetLFTag", "lakeformation:ListLFTags",
                "lakeformation:AddLFTagsToResource", "lakeformation:RemoveLFTagsFromResource",
                "lakeformation:GetResourceLFTags",
                "lakeformation:SearchTablesByLFTags"),
            List.of("*"));
        locationRegistration(statements, target);
        statement(statements, "ShareCatalogResources",
            List.of("ram:CreateResourceShare", "ram:AssociateResourceShare", "ram:GetResourceShares"), List.of("*"));
        records(statements, target.recordsRoot().orElse(
            "s3://" + target.bucket() + "/" + target.prefix() + "lakemesh/"));
      }
    }
    return policy;
  }

  /**
   * The records lakemesh keeps in S3: read, rewritten under conditional writes, listed (audit
   * events and run records are found by listing the prefix); never deleted.
   */
  private void records(ArrayNode statements, String recordsRoot) {
    String bucket = Target.bucket(recordsRoot);
    String prefix = Target.prefix(recordsRoot);
    statement(statements, "KeepGovernanceRecords", List.of("s3:GetObject", "s3:PutObject"),
        List.of("arn:aws:s3:::" + bucket + "/" + prefix + "*"));
    listBucket(statements, "ListGovernanceRecords", recordsRoot);
  }

  private void listBucket(ArrayNode statements, String sid, String root) {
    ObjectNode list = statement(statements, sid, List.of("s3:ListBucket"), List.of("arn:aws:s3:::" + Target.bucket(root)));
    list.putObject("Condition").putObject("StringLike").putArray("s3:prefix").add(Target.prefix(root) + "*");
  }

  /**
   * Registering a producer's location with Lake Formation hands Lake Formation a role: the
   * configured one (passed to Lake Formation only), or its service-linked role (created once).
   */
  private void locationRegistration(ArrayNode statements, Target target) {
    if (target.registrationRoleArn().isPresent()) {
      ObjectNode pass = statement(statements, "PassLocationRoleToLakeFormation", List.of("iam:PassRole"),
          List.of(target.registrationRoleArn().get()));
      pass.putObject("Condition").putObject("StringEquals").put("iam:PassedToService", "lakeformation.amazonaws.com");
      return;
    }
    String linked = "arn:aws:iam::" + target.accountId()
        + ":role/aws-service-role/lakeformation.amazonaws.com/AWSServiceRoleForLakeFormationDataAccess";
    ObjectNode create = statement(statements, "UseLakeFormationServiceLinkedRole",
        List.of("iam:CreateServiceLinkedRole", "iam:GetRole", "iam:PutRolePolicy"), List.of(linked));
    create.putObject("Condition").putObject("StringEqualsIfExists").put("iam:AWSServiceName", "lakeformation.amazonaws.com");
  }

  public static Role role(String name) {
    try {
      return Role.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("role must be producer, consumer or governance, got '" + name + "'");
    }
  }

  private ObjectNode statement(ArrayNode statements, String sid, List<String> actions, List<String> resources) {
    ObjectNode s = statements.addObject();
    s.put("Sid", sid);
    s.put("Effect", "Allow");
    ArrayNode a = s.putArray("Action");
    actions.forEach(a::add);
    ArrayNode r = s.putArray("Resource");
    resources.forEach(r::add);
    return s;
  }
}
