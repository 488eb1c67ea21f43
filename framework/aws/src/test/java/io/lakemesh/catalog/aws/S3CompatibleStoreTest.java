package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The records in a real S3 protocol server (s3proxy over a local folder, on loopback) rather than
 * the test's own: requests, runs, grants and the audit log written and read back through the
 * catalog, by one writer. (s3proxy 2.4 ignores conditional writes, so concurrent writers are tested
 * against the loopback S3 only.)
 */
class S3CompatibleStoreTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");

  @TempDir Path dir;
  private LoopbackMesh mesh;
  private BlobStoreContext store;
  private S3Proxy s3;
  private GlueGovernanceCatalog catalog;

  @BeforeEach
  void start() throws Exception {
    mesh = new LoopbackMesh(dir);
    Properties blobs = new Properties();
    blobs.setProperty(
        "jclouds.filesystem.basedir", Files.createDirectories(dir.resolve("s3")).toString());
    store = ContextBuilder.newBuilder("filesystem").overrides(blobs).build(BlobStoreContext.class);
    s3 =
        S3Proxy.builder()
            .blobStore(store.getBlobStore())
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(
                AuthenticationType.AWS_V2_OR_V4, "LOOPBACK-governance", "not-a-secret")
            .build();
    s3.start();
    store.getBlobStore().createContainerInLocation(null, LoopbackMesh.RECORDS_BUCKET);
    Map<String, String> properties = new LinkedHashMap<>(mesh.properties());
    properties.put("endpoint.s3", "http://127.0.0.1:" + s3.getPort());
    // s3proxy serves one identity, and sales writes the records of its publishes itself: here its
    // calls are signed with that identity too.
    properties.put("accounts.sales.profile", "lakemesh-governance");
    catalog = mesh.catalog(properties, List.of());
  }

  @AfterEach
  void stop() throws Exception {
    catalog.close();
    s3.stop();
    store.close();
    mesh.close();
  }

  @Test
  void everyRecordKindRoundTrips() {
    Publication p = CatalogFixtures.publication("run-1", ORDERS, 11, CatalogFixtures.at(1));
    catalog.publish(p);
    AccessRequest request =
        catalog.createRequest(
            AccessRequest.pending(
                Principal.administrator("marketing"),
                Resource.table(ORDERS),
                Set.of(Permission.SELECT),
                CatalogFixtures.T0));
    AccessRequest approved =
        catalog.updateRequest(
            request.approved(
                Principal.administrator("sales"),
                Resource.table(ORDERS),
                Set.of(Permission.SELECT),
                CatalogFixtures.at(2)),
            AccessRequest.State.PENDING);
    Grant grant =
        catalog.addGrant(
            Grant.builder(
                    Principal.administrator("marketing"),
                    Resource.table(ORDERS),
                    Set.of(Permission.SELECT))
                .catalog("governance")
                .grantor(Principal.administrator("sales"))
                .grantedAt(CatalogFixtures.T0)
                .build());
    for (int i = 0; i < 3; i++) {
      catalog.append(
          AuditEvent.draft(
              "governance",
              Principal.administrator("sales"),
              "sales",
              AuditAction.GRANT,
              "table sales:sales.orders",
              "",
              "SELECT",
              AuditEvent.Outcome.ALLOWED,
              "",
              CatalogFixtures.at(i)));
    }

    assertThat(catalog.qualityHistory(ORDERS, 10)).containsExactly(p.quality());
    assertThat(catalog.lineage("raw.orders", 10)).containsExactly(p.lineage());
    assertThat(catalog.listJobRuns("sales.orders", 10)).containsExactly(p.run());
    assertThat(catalog.findJobRun("run-1").map(JobRun::status)).contains(JobRun.Status.PUBLISHED);
    assertThat(catalog.requestsFor("sales")).containsExactly(approved);
    assertThat(catalog.findGrant(grant.id())).contains(grant);
    assertThat(catalog.auditEvents(AuditQuery.ofLog("governance"))).hasSize(3);
    assertThat(catalog.auditLogs()).containsExactly("governance");
    assertThat(catalog.verifyAudit("governance").isIntact()).isTrue();
  }
}
