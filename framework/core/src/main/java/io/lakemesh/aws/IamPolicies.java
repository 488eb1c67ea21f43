package io.lakemesh.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The IAM policy each account role needs, least privilege: producers write their own bucket
 * prefix and their own catalog; consumers read through Lake Formation and manage only resource
 * links in their catalog; governance accounts manage permissions and tags but read no data.
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
   */
  public record Target(String region, String accountId, String storageRoot) {
    public Target {
      if (!accountId.matches("\\d{12}")) {
        throw new IllegalArgumentException("an AWS account id has 12 digits, got '" + accountId + "'");
      }
      if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
        throw new IllegalArgumentException("not an AWS region: '" + region + "'");
      }
      if (!storageRoot.startsWith("s3://")) {
        throw new IllegalArgumentException("the storage root must be an s3:// URI, got '" + storageRoot + "'");
      }
    }

    String bucket() {
      String rest = storageRoot.substring("s3://".length());
      int slash = rest.indexOf('/');
      return slash < 0 ? rest : rest.substring(0, slash);
    }

    String prefix() {
      String rest = storageRoot.substring("s3://".length());
      int slash = rest.indexOf('/');
      String prefix = slash < 0 ? "" : rest.substring(slash + 1);
      return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    String glue(String resource) {
      return "arn:aws:glue:" + region + ":" + accountId + ":" + resource;
    }
  }

  private final JsonNodeFactory json = JsonNodeFactory.instance;

  public ObjectNode policy(Role role, Target target) {
    ObjectNode policy = json.objectNode();
    policy.put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    List<String> ownCatalog = List.of(target.glue("catalog"), target.glue("database/*"), target.glue("table/*/*"));
    switch (role) {
      case PRODUCER -> {
        statement(statements, "ReadWriteOwnWarehouse",
            List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
            List.of("arn:aws:s3:::" + target.bucket() + "/" + target.prefix() + "*"));
        ObjectNode list = statement(statements, "ListOwnWarehouse", List.of("s3:ListBucket"),
            List.of("arn:aws:s3:::" + target.bucket()));
        list.putObject("Condition").putObject("StringLike").putArray("s3:prefix").add(target.prefix() + "*");
        statement(statements, "ManageOwnCatalog",
            List.of("glue:GetDatabase", "glue:GetDatabases", "glue:CreateDatabase", "glue:GetTable", "glue:GetTables",
                "glue:CreateTable", "glue:UpdateTable", "glue:GetTableVersions", "glue:GetPartitions"),
            ownCatalog);
        statement(statements, "GrantOnOwnData",
            List.of("lakeformation:GetDataAccess", "lakeformation:GrantPermissions", "lakeformation:RevokePermissions",
                "lakeformation:BatchGrantPermissions", "lakeformation:BatchRevokePermissions",
                "lakeformation:ListPermissions", "lakeformation:RegisterResource", "lakeformation:AddLFTagsToResource",
                "lakeformation:GetResourceLFTags"),
            List.of("*"));
        statement(statements, "ShareWithConsumers",
            List.of("ram:CreateResourceShare", "ram:AssociateResourceShare", "ram:GetResourceShares"), List.of("*"));
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
            List.of("glue:GetDatabase", "glue:GetDatabases", "glue:CreateDatabase", "glue:GetTable", "glue:GetTables",
                "glue:CreateTable", "glue:UpdateTable", "glue:GetTableVersions", "glue:SearchTables"),
            ownCatalog);
        statement(statements, "ManagePermissionsAndTags",
            List.of("lakeformation:GrantPermissions", "lakeformation:RevokePermissions",
                "lakeformation:BatchGrantPermissions", "lakeformation:BatchRevokePermissions",
                "lakeformation:ListPermissions", "lakeformation:CreateLFTag", "lakeformation:GetLFTag",
                "lakeformation:ListLFTags", "lakeformation:AddLFTagsToResource", "lakeformation:GetResourceLFTags",
                "lakeformation:SearchTablesByLFTags"),
            List.of("*"));
        statement(statements, "ShareCatalogResources",
            List.of("ram:CreateResourceShare", "ram:AssociateResourceShare", "ram:GetResourceShares"), List.of("*"));
        statement(statements, "KeepGovernanceRecords",
            List.of("s3:GetObject", "s3:PutObject"),
            List.of("arn:aws:s3:::" + target.bucket() + "/" + target.prefix() + "lakemesh/*"));
      }
    }
    return policy;
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
