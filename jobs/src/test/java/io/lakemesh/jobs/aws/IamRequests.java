package io.lakemesh.jobs.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.aws.loopback.FakeGlue;
import io.lakemesh.catalog.aws.loopback.LoopbackAws;
import io.lakemesh.jobs.aws.IamPolicy.Request;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What IAM checks for one AWS call the loopback services recorded: the action and resource ARN of
 * the call itself, and those AWS checks on the caller's behalf behind it.
 *
 * <ul>
 *   <li>Glue: the catalog, database and table ARNs each operation needs ("Specifying AWS Glue
 *       resource ARNs"); GetTable and GetDatabase on a resource link need the same on the link's
 *       target ("Resource link handling in AWS Glue APIs").
 *   <li>Lake Formation: {@code lakeformation:OPERATION} on {@code *}; a named-resource grant or
 *       revoke also needs {@code glue:GetTable} or {@code glue:GetDatabase} on the resource ("IAM
 *       permissions required to grant or revoke Lake Formation permissions"); one to another
 *       account is shared through RAM on the grantor's permissions ("Updating cross-account data
 *       sharing version settings": the grantor needs AWSLakeFormationCrossAccountManager's
 *       permissions); RegisterResource passes a role, or creates and uses Lake Formation's
 *       service-linked role ("Requirements for roles used to register locations").
 *   <li>S3: {@code s3:GetObject} (also for HEAD), {@code s3:PutObject}, {@code s3:DeleteObject} on
 *       the object, {@code s3:ListBucket} on the bucket with the {@code s3:prefix} key.
 *   <li>RAM invitations: the action on {@code *}. STS: nothing (GetCallerIdentity needs no
 *       permission; AssumeRole is the source credentials' call, not the role's).
 * </ul>
 */
final class IamRequests {
  private static final String REGION = "eu-west-1";
  private static final Map<String, String> RAM_OPERATIONS =
      Map.of(
          "getresourceshareinvitations", "GetResourceShareInvitations",
          "acceptresourceshareinvitation", "AcceptResourceShareInvitation");

  private final FakeGlue glue;

  IamRequests(FakeGlue glue) {
    this.glue = glue;
  }

  List<Request> of(LoopbackAws.Call call) {
    return switch (call.service()) {
      case "glue" -> glue(call);
      case "lakeformation" -> lakeFormation(call);
      case "ram" -> List.of(new Request("ram:" + RAM_OPERATIONS.get(call.operation()), "*"));
      case "s3" -> s3(call);
      case "sts" -> List.of();
      default -> throw new IllegalArgumentException("no IAM translation for " + call.service());
    };
  }

  private List<Request> glue(LoopbackAws.Call call) {
    JsonNode in = call.json();
    String catalog = in.hasNonNull("CatalogId") ? in.get("CatalogId").asText() : call.account();
    String action = "glue:" + call.operation();
    List<Request> out = new ArrayList<>();
    switch (call.operation()) {
      case "GetDatabases" -> {
        out.add(new Request(action, arn(catalog, "catalog")));
        out.add(new Request(action, arn(catalog, "database/*")));
      }
      case "GetDatabase", "CreateDatabase", "UpdateDatabase", "DeleteDatabase" -> {
        String database =
            in.has("Name") ? in.get("Name").asText() : in.get("DatabaseInput").get("Name").asText();
        out.addAll(database(action, catalog, database));
        if (call.operation().equals("DeleteDatabase")) {
          out.add(new Request(action, arn(catalog, "table/" + database + "/*")));
        }
        if (call.operation().equals("GetDatabase")) {
          glue.database(catalog, database)
              .map(d -> d.path("TargetDatabase"))
              .filter(t -> !t.isMissingNode())
              .ifPresent(
                  t ->
                      out.addAll(
                          database(
                              action,
                              t.get("CatalogId").asText(),
                              t.get("DatabaseName").asText())));
        }
      }
      case "GetResourcePolicy", "PutResourcePolicy" -> {
        // "Specifying AWS Glue resource ARNs": the Data Catalog resource policy is the catalog's.
        String owner =
            in.hasNonNull("ResourceArn") ? in.get("ResourceArn").asText().split(":")[4] : catalog;
        out.add(new Request(action, arn(owner, "catalog")));
      }
      case "GetTables" -> {
        String database = in.get("DatabaseName").asText();
        out.addAll(database(action, catalog, database));
        out.add(new Request(action, arn(catalog, "table/" + database + "/*")));
      }
      default -> {
        String database = in.get("DatabaseName").asText();
        String table =
            in.has("TableInput")
                ? in.get("TableInput").get("Name").asText()
                : in.has("TableName") ? in.get("TableName").asText() : in.get("Name").asText();
        out.addAll(table(action, catalog, database, table));
        if (call.operation().equals("GetTable")) {
          link(catalog, database, table)
              .ifPresent(
                  t ->
                      out.addAll(
                          table(
                              action,
                              t.get("CatalogId").asText(),
                              t.get("DatabaseName").asText(),
                              t.get("Name").asText())));
        }
      }
    }
    return out;
  }

  private Optional<JsonNode> link(String catalog, String database, String table) {
    List<ObjectNode> versions = glue.tableVersions(catalog, database, table);
    return versions.isEmpty()
        ? Optional.empty()
        : Optional.of(versions.get(versions.size() - 1).path("TargetTable"))
            .filter(t -> !t.isMissingNode());
  }

  private List<Request> lakeFormation(LoopbackAws.Call call) {
    JsonNode in = call.json();
    List<Request> out = new ArrayList<>();
    out.add(new Request("lakeformation:" + call.operation(), "*"));
    switch (call.operation()) {
      case "GrantPermissions", "RevokePermissions" -> out.addAll(permission(call, in));
      case "BatchGrantPermissions", "BatchRevokePermissions" ->
          in.get("Entries").forEach(e -> out.addAll(permission(call, e)));
      case "RegisterResource" -> {
        if (in.hasNonNull("RoleArn")) {
          out.add(
              new Request(
                  "iam:PassRole",
                  in.get("RoleArn").asText(),
                  Map.of("iam:PassedToService", "lakeformation.amazonaws.com")));
        } else {
          String linked =
              "arn:aws:iam::"
                  + call.account()
                  + ":role/aws-service-role/lakeformation.amazonaws.com/"
                  + "AWSServiceRoleForLakeFormationDataAccess";
          out.add(
              new Request(
                  "iam:CreateServiceLinkedRole",
                  linked,
                  Map.of("iam:AWSServiceName", "lakeformation.amazonaws.com")));
          out.add(new Request("iam:PutRolePolicy", linked));
        }
      }
      default -> {}
    }
    return out;
  }

  /** The Glue read behind a named-resource grant, and the RAM share behind a cross-account one. */
  private List<Request> permission(LoopbackAws.Call call, JsonNode entry) {
    boolean grant = call.operation().contains("Grant");
    JsonNode resource = entry.get("Resource");
    List<Request> out = new ArrayList<>();
    String shared = null;
    if (resource.has("Table") || resource.has("TableWithColumns")) {
      JsonNode t = resource.has("Table") ? resource.get("Table") : resource.get("TableWithColumns");
      String catalog = t.get("CatalogId").asText();
      String database = t.get("DatabaseName").asText();
      if (t.has("TableWildcard")) {
        out.addAll(database("glue:GetDatabase", catalog, database));
        shared = "glue:Database";
      } else {
        out.addAll(table("glue:GetTable", catalog, database, t.get("Name").asText()));
        shared = "glue:Table";
      }
    } else if (resource.has("DataCellsFilter")) {
      // A grant on a data filter names its table, and goes to another account through a Lake
      // Formation share as a grant on the table does.
      JsonNode f = resource.get("DataCellsFilter");
      out.addAll(
          table(
              "glue:GetTable",
              f.get("TableCatalogId").asText(),
              f.get("DatabaseName").asText(),
              f.get("TableName").asText()));
      shared = "glue:Table";
    } else if (resource.has("Database")) {
      JsonNode d = resource.get("Database");
      out.addAll(database("glue:GetDatabase", d.get("CatalogId").asText(), d.get("Name").asText()));
      shared = "glue:Database";
    } else if (resource.has("LFTagPolicy")) {
      shared = "glue:Table";
    } else if (resource.has("DataLocation")) {
      shared = "glue:Catalog";
    }
    String principal = entry.get("Principal").get("DataLakePrincipalIdentifier").asText();
    if (shared != null && !accountOf(principal).equals(call.account())) {
      Map<String, String> share =
          Map.of("ram:ResourceShareName", "LakeFormation-V4-" + call.account());
      out.add(new Request("ram:GetResourceShares", "*", share));
      if (grant) {
        out.add(
            new Request(
                "ram:CreateResourceShare", "*", Map.of("ram:RequestedResourceType", shared)));
        out.add(new Request("ram:AssociateResourceShare", "*", share));
        out.add(
            new Request(
                "ram:AssociateResourceSharePermission",
                "*",
                Map.of(
                    "ram:PermissionArn",
                    "arn:aws:ram::aws:permission/AWSRAMLFEnabledGlueAllTablesReadWriteForDatabase")));
      } else {
        out.add(new Request("ram:DisassociateResourceShare", "*", share));
      }
    }
    return out;
  }

  private static String accountOf(String principal) {
    return principal.startsWith("arn:") ? principal.split(":")[4] : principal;
  }

  private List<Request> s3(LoopbackAws.Call call) {
    URI uri = URI.create(call.uri());
    String path = URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8).substring(1);
    int slash = path.indexOf('/');
    String bucket = slash < 0 ? path : path.substring(0, slash);
    return switch (call.operation()) {
      case "ListObjectsV2" ->
          List.of(
              new Request(
                  "s3:ListBucket",
                  "arn:aws:s3:::" + bucket,
                  Map.of("s3:prefix", query(uri, "prefix"))));
      case "GetObject", "HeadObject" ->
          List.of(new Request("s3:GetObject", "arn:aws:s3:::" + path));
      case "PutObject" -> List.of(new Request("s3:PutObject", "arn:aws:s3:::" + path));
      case "DeleteObject" -> List.of(new Request("s3:DeleteObject", "arn:aws:s3:::" + path));
      default ->
          throw new IllegalArgumentException("no IAM translation for s3 " + call.operation());
    };
  }

  private static String query(URI uri, String name) {
    String raw = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static List<Request> database(String action, String catalog, String database) {
    return List.of(
        new Request(action, arn(catalog, "catalog")),
        new Request(action, arn(catalog, "database/" + database)));
  }

  private static List<Request> table(String action, String catalog, String database, String table) {
    return List.of(
        new Request(action, arn(catalog, "catalog")),
        new Request(action, arn(catalog, "database/" + database)),
        new Request(action, arn(catalog, "table/" + database + "/" + table)));
  }

  private static String arn(String account, String resource) {
    return "arn:aws:glue:" + REGION + ":" + account + ":" + resource;
  }
}
