package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * On real AWS (see {@link LiveAws} for when it runs): sales, a producer of another AWS account than
 * the records account, writes the records of its publishes into the records bucket with its own
 * credentials, under the bucket policy {@code aws setup} prints (added to the bucket's policy for
 * the test, the bucket's own policy restored afterwards), reads in its own config ({@code
 * acting-producer}) what its jobs read about its products, and S3 refuses it an unconditional
 * rewrite of an audit event of its log and a read of the grants.
 */
class LiveProducerRecordsTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private final LiveAws live = new LiveAws();

  @Test
  void aProducerWritesItsRecordsUnderThePrintedBucketPolicyAndCannotRewriteAnAuditEvent()
      throws Exception {
    try (GlueGovernanceCatalog catalog = live.newCatalog()) {
      AwsCatalogConfig config = catalog.config();
      AwsNames names = new AwsNames(config);
      Optional<ObjectNode> printed = RecordsBucketPolicy.of(names);
      assumeTrue(
          printed.isPresent(),
          "no producer with a storage-root writes into another AWS account's records bucket");
      AwsClients clients = new AwsClients("lakemesh-it", config, List.of());
      S3Client owner = clients.s3(config.account(config.recordsAccount()));
      String bucket = config.recordsRoot().bucket();
      Optional<String> before = policy(owner, bucket);
      String merged = merged(before, printed.get());
      owner.putBucketPolicy(r -> r.bucket(bucket).policy(merged));
      try {
        catalog.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
        catalog.publish(CatalogFixtures.publication("it-run-1", ORDERS, 1, CatalogFixtures.at(1)));
        String log = RecordAccess.logOf(names, "sales");
        AuditEvent event =
            catalog.append(
                AuditEvent.draft(
                    log,
                    Principal.administrator("sales"),
                    "sales",
                    AuditAction.PUBLISH,
                    "table " + ORDERS,
                    "",
                    "version 1",
                    AuditEvent.Outcome.ALLOWED,
                    "",
                    CatalogFixtures.T0));
        assertThat(catalog.findJobRun("it-run-1")).isPresent();
        assertThat(catalog.verifyAudit(log).isIntact()).isTrue();

        // Its jobs, in its own config, read what they read about its products as itself.
        try (GlueGovernanceCatalog salesJob =
            live.sameCatalogWith(Map.of(AwsCatalogConfig.ACTING_PRODUCER, "sales"))) {
          assertThat(salesJob.listJobRuns(CatalogFixtures.PRODUCT, 50)).isNotEmpty();
          assertThat(salesJob.findJobRun("it-run-1")).isPresent();
          assertThat(salesJob.qualityHistory(ORDERS, 30)).isNotEmpty();
          assertThat(salesJob.findTable(ORDERS)).isPresent();
        }

        S3Client sales = clients.s3(config.account("sales"));
        String key =
            config.recordsRoot().key(S3AuditLogs.eventFolder(log))
                + String.format("%020d", event.seq())
                + ".json";
        assertThatThrownBy(
                () -> sales.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("{}")))
            .isInstanceOfSatisfying(
                S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        // Nor may it read the grants.
        String grants = config.recordsRoot().key("grants/grants.jsonl");
        assertThatThrownBy(() -> sales.getObjectAsBytes(r -> r.bucket(bucket).key(grants)))
            .isInstanceOfSatisfying(
                S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
      } finally {
        if (before.isPresent()) {
          owner.putBucketPolicy(r -> r.bucket(bucket).policy(before.get()));
        } else {
          owner.deleteBucketPolicy(r -> r.bucket(bucket));
        }
        clients.close();
      }
    }
  }

  @AfterEach
  void deleteWhatTheTestCreated() {
    live.cleanUp();
  }

  private static Optional<String> policy(S3Client s3, String bucket) {
    try {
      return Optional.of(s3.getBucketPolicy(r -> r.bucket(bucket)).policy());
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String merged(Optional<String> before, ObjectNode printed) throws Exception {
    if (before.isEmpty()) {
      return Json.line(printed).trim();
    }
    ObjectNode policy = (ObjectNode) Json.MAPPER.readTree(before.get());
    ArrayNode statements = policy.withArray("Statement");
    for (JsonNode s : printed.path("Statement")) {
      statements.add(s);
    }
    return Json.line(policy).trim();
  }
}
