package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The records bucket's policy: what the producers, who write their own records ({@link
 * RecordAccess}), may do in the records account's bucket. A cross-account write needs both the
 * writer's IAM policy and the bucket policy to allow it ("How Amazon S3 authorizes a request");
 * with S3 Object Ownership's default, bucket owner enforced, the records account owns every object
 * they write ("Controlling ownership of objects and disabling ACLs for your bucket"). Each producer
 * may write its run records (quality runs under its own catalog's folder; lineage events and job
 * runs, whose folders have no producer in their layout, are keyed by run id) and its products'
 * statuses (its own object), create the events of the audit log of its publishes and never rewrite
 * one (S3 refuses a PutObject without {@code If-None-Match} there, "Enforce conditional writes on
 * Amazon S3 buckets", condition key {@code s3:if-none-match}), and move that log's head only under
 * a conditional write. It may read and list what its jobs read ({@link RecordAccess#reader}): that
 * log, its own quality runs and the job runs. Nothing else: grants, access requests, lineage, other
 * producers' quality runs and other logs stay the records account's.
 */
final class RecordsBucketPolicy {
  private RecordsBucketPolicy() {}

  /**
   * The accounts that write into another account's records bucket: each account with a storage root
   * (a producer), unless it is the records account itself.
   */
  static List<AwsAccount> writers(AwsNames names) {
    AwsAccount records = names.config().account(names.config().recordsAccount());
    return names.config().accounts().values().stream()
        .filter(a -> a.storageRoot().isPresent())
        .filter(a -> !a.awsAccountId().equals(records.awsAccountId()))
        .toList();
  }

  /** The policy, when some producer writes across accounts. */
  static Optional<ObjectNode> of(AwsNames names) {
    List<AwsAccount> writers = writers(names);
    if (writers.isEmpty()) {
      return Optional.empty();
    }
    S3Location root = names.config().recordsRoot();
    ObjectNode policy = Json.object().put("Version", "2012-10-17");
    ArrayNode statements = policy.putArray("Statement");
    for (AwsAccount producer : writers) {
      String who = producer.roleArn().orElse("arn:aws:iam::" + producer.awsAccountId() + ":root");
      String sid = producer.id().replaceAll("[^A-Za-z0-9]", "");
      String log = RecordAccess.logOf(names, producer.id());
      statement(statements, sid + "WritesRunRecords", who, "s3:PutObject")
          .putArray("Resource")
          .add(object(root, AthenaTables.QUALITY_RUNS + producer.id() + "/*"))
          .add(object(root, AthenaTables.LINEAGE_EVENTS + "*"))
          .add(object(root, AthenaTables.JOB_RUNS + "*"))
          .add(object(root, S3ProductStatus.keyOf(producer.id())))
          .add(object(root, S3Events.outboxKey(producer.id())));
      statement(statements, sid + "CreatesAuditEvents", who, "s3:PutObject")
          .put("Resource", object(root, S3AuditLogs.eventFolder(log) + "*"))
          .set("Condition", present("s3:if-none-match"));
      statement(statements, sid + "CreatesAuditHead", who, "s3:PutObject")
          .put("Resource", object(root, S3AuditLogs.headKey(log)))
          .set("Condition", present("s3:if-none-match"));
      statement(statements, sid + "MovesAuditHead", who, "s3:PutObject")
          .put("Resource", object(root, S3AuditLogs.headKey(log)))
          .set("Condition", present("s3:if-match"));
      // What its jobs read: its log (to append to it), its tables' quality runs, the job runs
      // (kept by run id: a run id's owner is checked before a run writes under it), and its
      // products' statuses (a run stamps its check there) and its events' outbox.
      String quality = AthenaTables.QUALITY_RUNS + producer.id() + "/";
      statement(statements, sid + "ReadsOwnRecords", who, "s3:GetObject")
          .putArray("Resource")
          .add(object(root, S3AuditLogs.eventFolder(log) + "*"))
          .add(object(root, S3AuditLogs.headKey(log)))
          .add(object(root, quality + "*"))
          .add(object(root, AthenaTables.JOB_RUNS + "*"))
          .add(object(root, S3ProductStatus.keyOf(producer.id())))
          .add(object(root, S3Events.outboxKey(producer.id())));
      ObjectNode list =
          statement(statements, sid + "ListsOwnRecords", who, "s3:ListBucket")
              .put("Resource", "arn:aws:s3:::" + root.bucket());
      list.putObject("Condition")
          .putObject("StringLike")
          .putArray("s3:prefix")
          .add(root.key(S3AuditLogs.eventFolder(log)) + "*")
          .add(root.key(quality) + "*")
          .add(root.key(AthenaTables.JOB_RUNS) + "*")
          .add(root.key(S3ProductStatus.keyOf(producer.id())))
          .add(root.key(S3Events.outboxKey(producer.id())));
    }
    return Optional.of(policy);
  }

  /** The step of {@code aws setup} that prints the policy, in the records account. */
  static Optional<SetupStep> step(AwsNames names) {
    return of(names)
        .map(
            policy -> {
              AwsAccount records = names.config().account(names.config().recordsAccount());
              S3Location root = names.config().recordsRoot();
              List<String> producers = writers(names).stream().map(AwsAccount::id).toList();
              return new SetupStep(
                  records.id(),
                  "records bucket policy",
                  SetupStep.State.MANUAL,
                  "producers "
                      + String.join(", ", producers)
                      + " write their records under "
                      + root
                      + " with their own credentials; the bucket is "
                      + records.id()
                      + "'s ("
                      + records.awsAccountId()
                      + ")",
                  "in "
                      + records.id()
                      + "'s account, let bucket "
                      + root.bucket()
                      + "'s policy hold the statements below (s3:PutBucketPolicy), with Object"
                      + " Ownership left at bucket owner enforced",
                  List.of("bucket policy: " + Json.line(policy).trim()),
                  () -> {});
            });
  }

  private static ObjectNode statement(
      ArrayNode statements, String sid, String principal, String action) {
    ObjectNode s = statements.addObject();
    s.put("Sid", sid).put("Effect", "Allow");
    s.putObject("Principal").put("AWS", principal);
    s.put("Action", action);
    return s;
  }

  private static String object(S3Location root, String relative) {
    return "arn:aws:s3:::" + root.bucket() + "/" + root.key(relative);
  }

  /** The request carries the header: {@code "Null": {key: "false"}}. */
  private static ObjectNode present(String key) {
    ObjectNode condition = Json.object();
    condition.putObject("Null").put(key, "false");
    return condition;
  }
}
