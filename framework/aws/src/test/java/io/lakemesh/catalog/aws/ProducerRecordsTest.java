package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.RECORDS_BUCKET;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.SALES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.ProductStatus;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Principal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A producer writes the records of its publishes into the governance account's records bucket with
 * its own credentials, on the bucket policy {@code aws setup} prints: its quality runs, lineage
 * events and job runs, and the audit events of its publishes, created and never rewritten; nothing
 * of another producer's or of the governance account's. In its own config ({@code acting-producer})
 * its jobs read the records of its products as itself too.
 */
class ProducerRecordsTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");

  @BeforeEach
  void recordsBucketIsTheGovernanceAccounts() {
    aws.s3().ownedBy(RECORDS_BUCKET, GOVERNANCE);
    catalog.ensureDatabase(DatabaseId.of("sales", "sales"), Map.of());
  }

  @Test
  void aPublishsRecordsAreWrittenByTheProducerUnderTheBucketPolicy() {
    applyPrintedBucketPolicy();
    aws.clearCalls();

    catalog.publish(LoopbackMesh.salesPublication("run-1", ORDERS, 11));

    assertThat(aws.calls("s3", "PutObject"))
        .extracting(c -> c.account() + " " + c.uri())
        .containsExactly(
            SALES + " /lakemesh-records/mesh/quality_runs/sales/sales/orders/run-1.json",
            SALES + " /lakemesh-records/mesh/lineage_events/run-1.json",
            SALES + " /lakemesh-records/mesh/job_runs/run-1.json");
    assertThat(catalog.findJobRun("run-1")).isPresent();
    assertThat(catalog.qualityHistory(ORDERS, 5))
        .extracting(q -> q.runId())
        .containsExactly("run-1");
  }

  @Test
  void aRunsCheckIsStampedByTheProducerAndAnSlaMoveByTheRecordsAccountUnderTheBucketPolicy() {
    applyPrintedBucketPolicy();
    aws.clearCalls();
    Instant checked = Instant.parse("2026-12-05T08:00:00Z");
    Instant breached = Instant.parse("2026-12-06T10:00:00Z");

    catalog.recordCheck(ORDERS, checked, "run-1");
    assertThat(
            catalog.moveSla(ORDERS, ProductStatus.Sla.WITHIN, ProductStatus.Sla.BREACHED, breached))
        .isTrue();

    assertThat(aws.calls("s3", "PutObject"))
        .extracting(c -> c.account() + " " + c.uri())
        .containsExactly(
            SALES + " /lakemesh-records/mesh/product_status/sales.jsonl",
            GOVERNANCE + " /lakemesh-records/mesh/product_status/sales.jsonl");
    assertThat(catalog.productStatuses(List.of(ORDERS)))
        .containsEntry(
            ORDERS,
            new ProductStatus(ORDERS, checked, "run-1", ProductStatus.Sla.BREACHED, breached));
  }

  @Test
  void aProducersJobTellsItsEventsInItsOutboxAndTheStreamNumbersThemOnce() {
    applyPrintedBucketPolicy();
    GlueGovernanceCatalog salesJob = open(Map.of("acting-producer", "sales"));
    aws.clearCalls();

    MeshEvent published =
        salesJob.appendEvent(
            MeshEvent.of(MeshEvent.Kind.PUBLISHED, ORDERS, Instant.EPOCH, Map.of("run", "run-1")));
    MeshEvent rejected =
        salesJob.appendEvent(
            MeshEvent.of(MeshEvent.Kind.REJECTED, ORDERS, Instant.EPOCH, Map.of("run", "run-2")));
    assertThat(aws.calls("s3", "PutObject"))
        .extracting(c -> c.account() + " " + c.uri())
        .containsOnly(SALES + " /lakemesh-records/mesh/_state/event_outbox/sales.jsonl");
    assertThat(salesJob.tableEvents(ORDERS, Set.of(), 10)).containsExactly(rejected, published);
    MeshEvent granted =
        catalog.appendEvent(
            MeshEvent.access(
                MeshEvent.Kind.ACCESS_APPROVED, ORDERS, "marketing", Instant.EPOCH, Map.of()));

    // The governance config reads the stream: the outbox's events moved into it after the event
    // it already held, numbered there, and moved once however often it is read.
    List<MeshEvent> stream = catalog.eventsAfter(0, 10);
    assertThat(stream)
        .extracting(e -> e.kind() + " " + e.seq() + " " + e.data().getOrDefault("run", ""))
        .containsExactly("ACCESS_APPROVED 1 ", "PUBLISHED 2 run-1", "REJECTED 3 run-2");
    assertThat(stream.get(0)).isEqualTo(granted);
    assertThat(catalog.eventsAfter(0, 10)).isEqualTo(stream);
    salesJob.appendEvent(
        MeshEvent.of(MeshEvent.Kind.PUBLISHED, ORDERS, Instant.EPOCH, Map.of("run", "run-3")));
    assertThat(catalog.eventsAfter(3, 10))
        .extracting(e -> e.seq() + " " + e.data().get("run"))
        .containsExactly("4 run-3");
    salesJob.close();
  }

  @Test
  void aProducersJobReadsTheRecordsOfItsProductsAsItselfUnderTheBucketPolicy() {
    applyPrintedBucketPolicy();
    catalog.publish(LoopbackMesh.salesPublication("run-1", ORDERS, 11));
    GlueGovernanceCatalog salesJob = open(Map.of("acting-producer", "sales"));
    aws.clearCalls();

    // What the job reads: its product's runs (closing interrupted ones), the owner of its run id,
    // its published entry (the schema check, the converge check) and its table's quality history
    // for the anomaly rules.
    assertThat(salesJob.listJobRuns("sales.orders", 50))
        .extracting(r -> r.runId())
        .containsExactly("run-1");
    assertThat(salesJob.findJobRun("run-1")).isPresent();
    assertThat(salesJob.findJobRun("run-2")).isEmpty();
    assertThat(salesJob.findTable(ORDERS)).isPresent();
    assertThat(salesJob.qualityHistory(ORDERS, 30))
        .extracting(q -> q.runId())
        .containsExactly("run-1");

    assertThat(aws.calls())
        .extracting(c -> c.operation() + " " + c.account())
        .isNotEmpty()
        .allMatch(c -> c.endsWith(" " + SALES));
    salesJob.close();
  }

  @Test
  void theGovernanceConfigStillReadsTheRecordsAsTheRecordsAccount() {
    applyPrintedBucketPolicy();
    catalog.publish(LoopbackMesh.salesPublication("run-1", ORDERS, 11));
    aws.clearCalls();

    assertThat(catalog.listJobRuns("sales.orders", 50)).hasSize(1);
    assertThat(catalog.findJobRun("run-1")).isPresent();
    assertThat(catalog.findTable(ORDERS)).isPresent();
    assertThat(catalog.qualityHistory(ORDERS, 30)).hasSize(1);

    assertThat(aws.calls())
        .extracting(c -> c.operation() + " " + c.account())
        .isNotEmpty()
        .allMatch(c -> c.endsWith(" " + GOVERNANCE));
  }

  @Test
  void theBucketPolicyLetsAProducerReadOnlyWhatItsJobsRead() {
    applyPrintedBucketPolicy();
    catalog.publish(LoopbackMesh.salesPublication("run-1", ORDERS, 11));

    try (S3Client sales = s3As("LOOPBACK-sales")) {
      assertThat(read(sales, "mesh/quality_runs/sales/sales/orders/run-1.json")).isEqualTo(200);
      assertThat(read(sales, "mesh/job_runs/run-1.json")).isEqualTo(200);
      assertThat(list(sales, "mesh/quality_runs/sales/sales/orders/")).isEqualTo(200);
      assertThat(list(sales, "mesh/job_runs/")).isEqualTo(200);
      // The grants, lineage, another producer's quality runs, the whole bucket: refused.
      assertThat(read(sales, "mesh/grants/grants.jsonl")).isEqualTo(403);
      assertThat(read(sales, "mesh/lineage_events/run-1.json")).isEqualTo(403);
      assertThat(list(sales, "mesh/quality_runs/product/")).isEqualTo(403);
      assertThat(list(sales, "mesh/grants/")).isEqualTo(403);
      assertThat(list(sales, "mesh/")).isEqualTo(403);
    }
  }

  @Test
  void withoutTheBucketPolicyAProducersRecordIsRefusedAndNothingIsPublished() {
    assertThatThrownBy(() -> catalog.publish(LoopbackMesh.salesPublication("run-1", ORDERS, 11)))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("s3:PutObject")
        .hasMessageContaining("account sales");
    assertThat(aws.glue().tableNames(GOVERNANCE)).isEmpty();
  }

  @Test
  void theProducerAppendsItsPublishToTheLogOfItsPublishesAndGovernanceActionsStayGovernances() {
    applyPrintedBucketPolicy();
    aws.clearCalls();

    AuditEvent published =
        catalog.append(draft(Principal.administrator("sales"), AuditAction.PUBLISH));
    AuditEvent granted =
        catalog.append(draft(Principal.administrator("governance"), AuditAction.GRANT));

    assertThat(List.of(published.seq(), granted.seq())).containsExactly(1L, 2L);
    assertThat(aws.calls("s3", "PutObject"))
        .extracting(c -> c.account() + " " + c.uri())
        .containsExactly(
            SALES + " /lakemesh-records/mesh/audit/governance/00000000000000000001.json",
            SALES + " /lakemesh-records/mesh/_state/audit_heads/governance.json",
            GOVERNANCE + " /lakemesh-records/mesh/audit/governance/00000000000000000002.json",
            GOVERNANCE + " /lakemesh-records/mesh/_state/audit_heads/governance.json");
    assertThat(catalog.verifyAudit("governance").isIntact()).isTrue();
  }

  @Test
  void theBucketPolicyLetsAProducerCreateOnlyItsOwnRecords() {
    applyPrintedBucketPolicy();
    catalog.append(draft(Principal.administrator("sales"), AuditAction.PUBLISH));
    String event = "mesh/audit/governance/00000000000000000001.json";

    try (S3Client sales = s3As("LOOPBACK-sales")) {
      // An audit event is created once and never rewritten, not even with a conditional write.
      assertThat(status(sales, event, null, null)).isEqualTo(403);
      assertThat(status(sales, event, "*", null)).isEqualTo(412);
      assertThat(status(sales, "mesh/audit/governance/00000000000000000002.json", "*", null))
          .isEqualTo(200);
      // The head moves only under a conditional write.
      assertThat(status(sales, "mesh/_state/audit_heads/governance.json", null, null))
          .isEqualTo(403);
      // Another producer's quality runs, the grants, another log: refused.
      assertThat(status(sales, "mesh/quality_runs/product/product/items/r.json", null, null))
          .isEqualTo(403);
      assertThat(status(sales, "mesh/grants/grants.jsonl", null, null)).isEqualTo(403);
      assertThat(status(sales, "mesh/audit/retail-gov/00000000000000000001.json", "*", null))
          .isEqualTo(403);
      // Its own run records.
      assertThat(status(sales, "mesh/job_runs/run-9.json", null, null)).isEqualTo(200);
    }
  }

  private void applyPrintedBucketPolicy() {
    Map<String, Object> step =
        catalog.lakeFormationSetup().stream()
            .filter(s -> s.get("check").equals("records bucket policy"))
            .findFirst()
            .orElseThrow();
    assertThat(step.get("account")).isEqualTo("governance");
    String item = ((List<?>) step.get("items")).get(0).toString();
    assertThat(item).startsWith("bucket policy: ");
    aws.s3().bucketPolicy(RECORDS_BUCKET, item.substring("bucket policy: ".length()));
  }

  private static AuditEvent draft(Principal actor, AuditAction action) {
    return AuditEvent.draft(
        "governance",
        actor,
        actor.account(),
        action,
        "table sales.sales.orders",
        "",
        "version 1",
        AuditEvent.Outcome.ALLOWED,
        "",
        CatalogFixtures.T0);
  }

  private S3Client s3As(String accessKey) {
    return S3Client.builder()
        .endpointOverride(URI.create(aws.endpoint("s3")))
        .region(Region.EU_WEST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "not-a-secret")))
        .build();
  }

  /** The HTTP status of a GetObject. */
  private static int read(S3Client s3, String key) {
    return statusOf(
        () ->
            s3.getObjectAsBytes(
                GetObjectRequest.builder().bucket(RECORDS_BUCKET).key(key).build()));
  }

  /** The HTTP status of a ListObjectsV2 under the prefix. */
  private static int list(S3Client s3, String prefix) {
    return statusOf(
        () ->
            s3.listObjectsV2(
                ListObjectsV2Request.builder().bucket(RECORDS_BUCKET).prefix(prefix).build()));
  }

  /** The HTTP status S3 answers the request with. */
  private static int statusOf(Runnable request) {
    try {
      request.run();
      return 200;
    } catch (S3Exception e) {
      return e.statusCode();
    }
  }

  /** The HTTP status of a PutObject with the given conditional headers. */
  private static int status(S3Client s3, String key, String ifNoneMatch, String ifMatch) {
    return statusOf(
        () ->
            s3.putObject(
                PutObjectRequest.builder()
                    .bucket(RECORDS_BUCKET)
                    .key(key)
                    .ifNoneMatch(ifNoneMatch)
                    .ifMatch(ifMatch)
                    .build(),
                RequestBody.fromString("{}")));
  }
}
