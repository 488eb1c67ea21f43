package io.lakemesh.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.governance.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The IAM policy each account role needs, made of the calls its paths make and nothing else:
 * producers write their own bucket prefix and publish into the catalog that holds their entries (on
 * the Lake Formation permissions its holder granted them when they joined), and grant nothing;
 * consumers manage resource links in their own catalog, read the links' targets through Lake
 * Formation and re-grant inside their account; whoever holds entries (the governance account, a
 * producer in federated) keeps its catalog, grants, tags and registered locations, and manages the
 * RAM shares of cross-account grants as AWS's AWSLakeFormationCrossAccountManager allows. The
 * governance account keeps the records and reads no data. A test checks every call of every path
 * against these policies (framework/aws's loopback, jobs' IamPoliciesCoverCallsTest).
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
   *     records (governance: {@code STORAGE-ROOT/lakemesh/} when absent) or, for a producer, writes
   *     the records of its publishes there (the records bucket's policy narrows what it may write)
   * @param registrationRoleArn the role Lake Formation uses for registered locations; its
   *     service-linked role when absent
   * @param holderAccountIds the AWS accounts whose Glue catalogs hold producers' entries and
   *     Iceberg tables (the governance account in central): for a producer, the one holding its own
   *     (required unless federated); for a consumer, each it reads from
   */
  public record Target(
      String region,
      String accountId,
      String storageRoot,
      Topology topology,
      Optional<String> recordsRoot,
      Optional<String> registrationRoleArn,
      List<String> holderAccountIds) {
    public Target {
      if (!accountId.matches("\\d{12}")) {
        throw new IllegalArgumentException(
            "an AWS account id has 12 digits, got '" + accountId + "'");
      }
      if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
        throw new IllegalArgumentException("not an AWS region: '" + region + "'");
      }
      requireS3("storage root", storageRoot);
      recordsRoot.ifPresent(r -> requireS3("records root", r));
      holderAccountIds = List.copyOf(holderAccountIds);
      holderAccountIds.stream()
          .filter(h -> !h.matches("\\d{12}"))
          .findFirst()
          .ifPresent(
              h -> {
                throw new IllegalArgumentException(
                    "the holder's AWS account id has 12 digits, got '" + h + "'");
              });
      registrationRoleArn
          .filter(r -> !r.startsWith("arn:aws:iam::" + accountId + ":role/"))
          .ifPresent(
              r -> {
                throw new IllegalArgumentException(
                    "the registration role must be a role of account "
                        + accountId
                        + ", got '"
                        + r
                        + "'");
              });
    }

    public Target(String region, String accountId, String storageRoot) {
      this(
          region,
          accountId,
          storageRoot,
          Topology.CENTRAL,
          Optional.empty(),
          Optional.empty(),
          List.of());
    }

    private static void requireS3(String what, String uri) {
      if (!uri.startsWith("s3://")) {
        throw new IllegalArgumentException(
            "the " + what + " must be an s3:// URI, got '" + uri + "'");
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

  /** Glue's read and link actions on a consumer's own catalog (its resource links). */
  private static final List<String> LINK_ACTIONS =
      List.of(
          "glue:GetDatabase",
          "glue:GetDatabases",
          "glue:CreateDatabase",
          "glue:DeleteDatabase",
          "glue:GetTable",
          "glue:GetTables",
          "glue:CreateTable",
          "glue:DeleteTable");

  /** What the account that holds entries does in its own catalog (publishing is the producer's). */
  private static final List<String> HOLDER_GLUE_ACTIONS =
      List.of(
          "glue:GetDatabase",
          "glue:GetDatabases",
          "glue:CreateDatabase",
          "glue:UpdateDatabase",
          "glue:GetTable",
          "glue:GetTables",
          "glue:GetTableVersions");

  /**
   * What a producer's publish and its Iceberg commits call in the catalog that holds its entries.
   */
  private static final List<String> PUBLISH_ACTIONS =
      List.of("glue:GetDatabase", "glue:GetTable", "glue:CreateTable", "glue:UpdateTable");

  static final List<String> GRANT_ACTIONS =
      List.of(
          "lakeformation:GrantPermissions",
          "lakeformation:RevokePermissions",
          "lakeformation:BatchGrantPermissions",
          "lakeformation:BatchRevokePermissions",
          "lakeformation:ListPermissions");
  private static final List<String> ACCEPT_SHARES =
      List.of("ram:GetResourceShareInvitations", "ram:AcceptResourceShareInvitation");

  /**
   * The role's policy, made of the calls its paths make (see framework/aws/README.md, "Which AWS
   * calls each governance action makes"), each statement used by at least one of them.
   */
  public ObjectNode policy(Role role, Target target) {
    ObjectNode policy = json.objectNode();
    policy.put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    boolean federated = target.topology() == Topology.FEDERATED;
    switch (role) {
      case PRODUCER -> {
        // The job's Iceberg writes (S3FileIO) and doctor's probe; nothing lists the warehouse.
        statement(
            statements,
            "WriteOwnWarehouse",
            List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
            List.of("arn:aws:s3:::" + target.bucket() + "/" + target.prefix() + "*"));
        if (federated) {
          // The producer holds its own entries: it publishes into its own catalog and is the one
          // who grants, tags, registers its locations and shares with consumers.
          List<String> glue = new ArrayList<>(HOLDER_GLUE_ACTIONS);
          glue.addAll(List.of("glue:CreateTable", "glue:UpdateTable"));
          statement(statements, "ManageOwnCatalog", glue, ownCatalog(target));
          HolderStatements.addTo(statements, target);
        } else {
          String holder =
              target.holderAccountIds().stream()
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "a producer in "
                                  + target.topology().name().toLowerCase(Locale.ROOT)
                                  + " publishes into the catalog that holds its entries: give the holder's AWS account id with --holder-account-id"));
          // Publishing, and Iceberg's commits, as the producer in the holder's catalog, on the Lake
          // Formation permissions the holder granted it when it joined (the holder's Glue resource
          // policy or Lake Formation's share must allow it too).
          statement(
              statements, "PublishIntoHolderCatalog", PUBLISH_ACTIONS, catalogArns(target, holder));
          // Joining: the holder's grants reach the producer through RAM, outside an organisation.
          statement(statements, "AcceptHolderShares", ACCEPT_SHARES, List.of("*"));
        }
      }
      case CONSUMER -> {
        if (target.holderAccountIds().isEmpty()) {
          throw new IllegalArgumentException(
              "a consumer reads through links into the catalogs that hold the"
                  + " producers' entries: give each holder's AWS account id with --holder-account-id (repeat it for several)");
        }
        statement(statements, "ManageResourceLinks", LINK_ACTIONS, ownCatalog(target));
        // A link and its target both need glue:GetTable / GetDatabase ("Resource link handling in
        // AWS
        // Glue APIs"); Lake Formation's named-resource re-grants need them on the target too ("IAM
        // permissions required to grant or revoke Lake Formation permissions").
        List<String> targets = new ArrayList<>();
        target.holderAccountIds().forEach(h -> targets.addAll(catalogArns(target, h)));
        statement(
            statements, "ReadLinkTargets", List.of("glue:GetDatabase", "glue:GetTable"), targets);
        // Iceberg's Lake Formation client factory takes table credentials from Lake Formation.
        statement(
            statements,
            "ReadThroughLakeFormation",
            List.of("lakeformation:GetDataAccess"),
            List.of("*"));
        // The administrator's re-grants inside the account (database re-grants are batches).
        statement(statements, "ReGrantInsideAccount", GRANT_ACTIONS, List.of("*"));
        statement(statements, "AcceptShares", ACCEPT_SHARES, List.of("*"));
      }
      case GOVERNANCE -> {
        statement(statements, "ManageProductCatalog", HOLDER_GLUE_ACTIONS, ownCatalog(target));
        HolderStatements.addTo(statements, target);
        records(
            statements,
            target
                .recordsRoot()
                .orElse("s3://" + target.bucket() + "/" + target.prefix() + "lakemesh/"));
        return policy;
      }
    }
    target.recordsRoot().ifPresent(records -> records(statements, records));
    return policy;
  }

  private static List<String> ownCatalog(Target target) {
    return catalogArns(target, target.accountId());
  }

  /** A Glue catalog, its databases and tables ("Specifying AWS Glue resource ARNs"). */
  private static List<String> catalogArns(Target target, String account) {
    return List.of(
        target.glue(account, "catalog"),
        target.glue(account, "database/*"),
        target.glue(account, "table/*/*"));
  }

  /**
   * The records lakemesh keeps in S3: read, rewritten under conditional writes, listed (audit
   * events and run records are found by listing the prefix); never deleted.
   */
  private void records(ArrayNode statements, String recordsRoot) {
    String bucket = Target.bucket(recordsRoot);
    String prefix = Target.prefix(recordsRoot);
    statement(
        statements,
        "KeepGovernanceRecords",
        List.of("s3:GetObject", "s3:PutObject"),
        List.of("arn:aws:s3:::" + bucket + "/" + prefix + "*"));
    listBucket(statements, "ListGovernanceRecords", recordsRoot);
  }

  private void listBucket(ArrayNode statements, String sid, String root) {
    ObjectNode list =
        statement(
            statements,
            sid,
            List.of("s3:ListBucket"),
            List.of("arn:aws:s3:::" + Target.bucket(root)));
    list.putObject("Condition")
        .putObject("StringLike")
        .putArray("s3:prefix")
        .add(Target.prefix(root) + "*");
  }

  public static Role role(String name) {
    try {
      return Role.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "role must be producer, consumer or governance, got '" + name + "'");
    }
  }

  static ObjectNode statement(
      ArrayNode statements, String sid, List<String> actions, List<String> resources) {
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
