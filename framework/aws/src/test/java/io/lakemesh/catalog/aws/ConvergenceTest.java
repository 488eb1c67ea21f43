package io.lakemesh.catalog.aws;

import static io.lakemesh.catalog.aws.loopback.LoopbackAws.error;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.GOVERNANCE;
import static io.lakemesh.catalog.aws.loopback.LoopbackMesh.MARKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditChain;
import io.lakemesh.governance.AuditCheckpoint;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditSeal;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Nothing half-done: an action that stopped between its AWS calls is found by comparing the record
 * with Lake Formation, and converges when run again; the audit log shows any edit.
 */
class ConvergenceTest extends LoopbackTestBase {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Principal MARKETING_ADMIN = Principal.administrator("marketing");
  private static final String GRANTS = "mesh/grants/grants.jsonl";

  @Test
  void recordAndLakeFormationAgreeAfterEveryKindOfGrant() {
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN,
            Resource.table(ORDERS),
            Set.of(Permission.SELECT),
            Set.of(Permission.SELECT)));
    catalog.addGrant(
        byGovernance(
            Principal.administrator("finance"),
            Resource.columns(ORDERS, List.of("amount")),
            Set.of(Permission.SELECT),
            Set.of()));
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN,
            Resource.database(ORDERS.databaseId()),
            Set.of(Permission.DESCRIBE),
            Set.of()));
    catalog.addGrant(
        byGovernance(
            MARKETING_ADMIN,
            Resource.tagPolicy("sales", TagExpression.parse("domain=sales")),
            Set.of(Permission.SELECT),
            Set.of()));
    catalog.addGrant(
        reGrantByMarketing(Principal.of("marketing", "analyst"), Resource.table(ORDERS), 1));

    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void aPermissionRemovedFromLakeFormationIsReportedMissing() {
    catalog.addGrant(
        byGovernance(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT), Set.of()));
    aws.lakeFormation().revokeOutOfBand(GOVERNANCE, MARKETING, tableResource());

    assertThat(catalog.grantDrift())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(GrantDrift.Kind.MISSING_IN_LAKE_FORMATION);
              assertThat(d.account()).isEqualTo("governance");
              assertThat(d.principal()).isEqualTo(MARKETING);
              assertThat(d.resource()).isEqualTo("table " + GOVERNANCE + ":sales.orders");
              assertThat(d.recorded()).containsExactly(Permission.SELECT);
              assertThat(d.held()).isEmpty();
            });
  }

  @Test
  void aPermissionGrantedOutsideLakemeshIsReportedNotRecorded() {
    aws.lakeFormation().grantOutOfBand(GOVERNANCE, MARKETING, tableResource(), Set.of("SELECT"));
    aws.lakeFormation()
        .grantOutOfBand(GOVERNANCE, "IAM_ALLOWED_PRINCIPALS", tableResource(), Set.of("ALL"));

    assertThat(catalog.grantDrift())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(GrantDrift.Kind.NOT_RECORDED);
              assertThat(d.held()).containsExactly(Permission.SELECT);
              assertThat(d.toString()).contains("NOT_RECORDED in account governance");
            });
  }

  @Test
  void aGrantThatStoppedBeforeItsRecordIsFoundAndConvergesWhenRunAgain() {
    failEveryAttempt("s3", "PutObject");

    assertThatThrownBy(
            () ->
                catalog.addGrant(
                    byGovernance(
                        MARKETING_ADMIN,
                        Resource.table(ORDERS),
                        Set.of(Permission.SELECT),
                        Set.of())))
        .isInstanceOf(ExternalServiceException.class)
        .hasMessageContaining("s3:PutObject on s3://lakemesh-records/" + GRANTS);
    assertThat(catalog.grantDrift())
        .singleElement()
        .extracting(GrantDrift::kind)
        .isEqualTo(GrantDrift.Kind.NOT_RECORDED);

    Grant stored =
        catalog.addGrant(
            byGovernance(
                MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT), Set.of()));

    assertThat(catalog.grantDrift()).isEmpty();
    assertThat(catalog.findGrant(stored.id())).contains(stored);
    assertThat(aws.lakeFormation().entries()).hasSize(1);
  }

  @Test
  void anExpiryRecordedAsEndedIsRevokedInLakeFormationAndConvergesWhenRunAgain() {
    Grant stored =
        catalog.addGrant(
            byGovernance(
                    MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT), Set.of())
                .expiring(CatalogFixtures.T0.plusSeconds(3600)));
    failEveryAttempt("s3", "PutObject");

    assertThatThrownBy(
            () ->
                catalog.noteExpiry(
                    stored.id(), Grant.ExpiryNotice.NONE, Grant.ExpiryNotice.EXPIRED))
        .isInstanceOf(ExternalServiceException.class);
    // Revoked in Lake Formation before the record: the record still expects it there.
    assertThat(catalog.grantDrift())
        .singleElement()
        .extracting(GrantDrift::kind)
        .isEqualTo(GrantDrift.Kind.MISSING_IN_LAKE_FORMATION);
    aws.clearCalls();

    assertThat(catalog.noteExpiry(stored.id(), Grant.ExpiryNotice.NONE, Grant.ExpiryNotice.EXPIRED))
        .isTrue();

    assertThat(aws.calls("lakeformation", "RevokePermissions")).isEmpty();
    assertThat(aws.lakeFormation().entries()).isEmpty();
    // The record stays, shown as expired, and is no longer expected in Lake Formation.
    assertThat(catalog.findGrant(stored.id()).orElseThrow().notice())
        .isEqualTo(Grant.ExpiryNotice.EXPIRED);
    assertThat(catalog.grantDrift()).isEmpty();
    assertThat(catalog.noteExpiry(stored.id(), Grant.ExpiryNotice.NONE, Grant.ExpiryNotice.EXPIRED))
        .isFalse();
  }

  @Test
  void aRevokeThatStoppedBeforeItsRecordIsFoundAndConvergesWhenRunAgain() {
    catalog.addGrant(
        byGovernance(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT), Set.of()));
    failEveryAttempt("s3", "PutObject");

    assertThatThrownBy(
            () ->
                catalog.removeGrant(
                    MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT)))
        .isInstanceOf(ExternalServiceException.class);
    assertThat(catalog.grantDrift())
        .singleElement()
        .extracting(GrantDrift::kind)
        .isEqualTo(GrantDrift.Kind.MISSING_IN_LAKE_FORMATION);
    aws.clearCalls();

    assertThat(
            catalog.removeGrant(MARKETING_ADMIN, Resource.table(ORDERS), Set.of(Permission.SELECT)))
        .isEmpty();

    // Lake Formation no longer lists it, so the second run only brings the record up to date.
    assertThat(aws.calls("lakeformation", "RevokePermissions")).isEmpty();
    assertThat(catalog.findGrant(MARKETING_ADMIN, Resource.table(ORDERS))).isEmpty();
    assertThat(catalog.grantDrift()).isEmpty();
  }

  @Test
  void aPublishThatStoppedBeforeTheGlueCommitConvergesWhenRunAgain() {
    Publication p = CatalogFixtures.publication("run-1", ORDERS, 11, CatalogFixtures.at(1));
    failEveryAttempt("glue", "CreateTable");

    assertThatThrownBy(() -> catalog.publish(p)).isInstanceOf(ExternalServiceException.class);
    assertThat(catalog.findTable(ORDERS)).isEmpty();
    assertThat(catalog.findJobRun("run-1")).isEmpty();

    catalog.publish(p);

    assertThat(catalog.loadTable(ORDERS).version()).isEqualTo(1);
    assertThat(catalog.qualityHistory(ORDERS, 10)).containsExactly(p.quality());
    assertThat(catalog.lineage("raw.orders", 10)).containsExactly(p.lineage());
    assertThat(catalog.listJobRuns(null, 10)).containsExactly(p.run());
  }

  @Test
  void aJoinThatStoppedBeforeTheProducersGrantsConvergesWhenThePublishRunsAgain() {
    Publication p = CatalogFixtures.publication("run-1", ORDERS, 11, CatalogFixtures.at(1));
    failEveryAttempt("lakeformation", "BatchGrantPermissions");

    assertThatThrownBy(() -> catalog.publish(p)).isInstanceOf(ExternalServiceException.class);
    // The database is there, but not yet marked as sales's: a publisher finding it joins first
    // rather than going to CreateTable on grants sales does not hold.
    assertThat(aws.glue().database(GOVERNANCE, "sales").orElseThrow().path("Parameters").toString())
        .doesNotContain("lakemesh.catalog");
    assertThat(catalog.listDatabases("sales")).isEmpty();

    catalog.publish(p);

    assertThat(catalog.loadTable(ORDERS).version()).isEqualTo(1);
    assertThat(catalog.listDatabases("sales")).containsExactly(ORDERS.databaseId());
    assertThat(aws.glue().database(GOVERNANCE, "sales").orElseThrow().path("Parameters").toString())
        .contains("\"lakemesh.catalog\":\"sales\"");
  }

  @Test
  void aTagCreateThatStoppedBetweenItsValueBatchesIsCompletedWhenRunAgain() {
    List<String> values = new ArrayList<>();
    for (int i = 1; i <= 120; i++) {
      values.add(String.format("v%04d", i));
    }
    failEveryAttempt("lakeformation", "UpdateLFTag");

    assertThatThrownBy(() -> catalog.createTag("governance", LfTag.of("region", values)))
        .isInstanceOf(ExternalServiceException.class)
        .hasMessageContaining("lakeformation:UpdateLFTag");
    assertThat(catalog.findTag("governance", "region").orElseThrow().allowedValues())
        .hasSize(50)
        .endsWith("v0050");
    aws.clearCalls();

    catalog.createTag("governance", LfTag.of("region", values));

    assertThat(aws.calls("lakeformation", "CreateLFTag")).isEmpty();
    assertThat(aws.calls("lakeformation", "UpdateLFTag")).hasSize(2);
    assertThat(catalog.findTag("governance", "region").orElseThrow().allowedValues())
        .containsExactlyElementsOf(values);
    assertThatThrownBy(() -> catalog.createTag("governance", LfTag.of("region", values)))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("LF-tag region already exists in catalog governance");
  }

  @Test
  void aTagDefinedWithOtherValuesIsNotTakenForAnInterruptedCreate() {
    catalog.createTag("governance", LfTag.of("region", "eu", "us"));

    assertThatThrownBy(
            () -> catalog.createTag("governance", LfTag.of("region", "apac", "eu", "us")))
        .isInstanceOf(AlreadyExistsException.class);

    assertThat(catalog.findTag("governance", "region").orElseThrow().allowedValues())
        .containsExactly("eu", "us");
  }

  @Test
  void anEditedOrRemovedAuditEventBreaksTheChainWhereItHappened() {
    for (int i = 0; i < 3; i++) {
      catalog.append(event(i));
    }
    String second = "mesh/audit/governance/00000000000000000002.json";
    String original = aws.s3().read("lakemesh-records", second);

    aws.s3().overwrite("lakemesh-records", second, original.replace("SELECT", "ALL"));
    assertThat(catalog.verifyAudit("governance").brokenAt()).hasValue(2);

    aws.s3().overwrite("lakemesh-records", second, original);
    assertThat(catalog.verifyAudit("governance").isIntact()).isTrue();

    aws.s3().delete("lakemesh-records", "mesh/audit/governance/00000000000000000003.json");
    assertThat(catalog.verifyAudit("governance"))
        .satisfies(v -> assertThat(v.problem()).contains("events were removed"));
  }

  @Test
  void aLogRewrittenInTheBucketWithoutTheAuditKeyContradictsItsCheckpoint() {
    GlueGovernanceCatalog keyed =
        open(
            Map.of(
                AuditSeal.KEY,
                Base64.getEncoder().encodeToString(new byte[32]),
                AuditSeal.CHECKPOINTS,
                dir.resolve("checkpoints").toString()));
    for (int i = 0; i < 3; i++) {
      assertThat(keyed.append(event(i)).hash()).startsWith("hmac:");
    }
    assertThat(keyed.checkpointAudit()).extracting(AuditCheckpoint::seq).containsExactly(3L);
    assertThat(keyed.verifyAudit("governance"))
        .hasToString(
            "audit log governance: intact, 3 events; keyed from event 1; anchored by checkpoints"
                + " up to event 3");

    // Whoever can write the bucket, without the key: event 2 dropped, event 3 renumbered and the
    // chain recomputed with plain SHA-256, the head moved.
    AuditEvent first = event(0).chained(1, AuditChain.GENESIS);
    AuditEvent second = event(2).chained(2, first.hash());
    aws.s3()
        .overwrite(
            "lakemesh-records",
            "mesh/audit/governance/00000000000000000001.json",
            Json.line(RunJson.audit(first)));
    aws.s3()
        .overwrite(
            "lakemesh-records",
            "mesh/audit/governance/00000000000000000002.json",
            Json.line(RunJson.audit(second)));
    aws.s3().delete("lakemesh-records", "mesh/audit/governance/00000000000000000003.json");
    String head = "mesh/_state/audit_heads/governance.json";
    aws.s3()
        .overwrite(
            "lakemesh-records",
            head,
            aws.s3()
                .read("lakemesh-records", head)
                .replaceAll("\"seq\":3", "\"seq\":2")
                .replaceAll("\"hash\":\"[^\"]*\"", "\"hash\":\"" + second.hash() + "\""));

    AuditVerification v = keyed.verifyAudit("governance");
    assertThat(v.brokenAt()).hasValue(3);
    assertThat(v.problem()).contains("no longer in the log (events were removed)");
  }

  @Test
  void anEventAddedBehindTheCatalogsBackIsReported() {
    AuditEvent first = catalog.append(event(0));
    AuditEvent forged = event(1).chained(2, first.hash());
    JsonNode line =
        json(aws.s3().read("lakemesh-records", "mesh/audit/governance/00000000000000000001.json"));
    String forgedLine =
        line.toString()
            .replace("\"seq\":1", "\"seq\":2")
            .replace(first.previousHash(), first.hash())
            .replace("\"hash\":\"" + first.hash() + "\"", "\"hash\":\"" + forged.hash() + "\"");

    aws.s3()
        .overwrite(
            "lakemesh-records", "mesh/audit/governance/00000000000000000002.json", forgedLine);

    assertThat(catalog.verifyAudit("governance").brokenAt()).hasValue(2);
  }

  private void failEveryAttempt(String service, String operation) {
    for (int i = 0; i < AwsCatalogConfig.RETRY_MAX_ATTEMPTS_DEFAULT; i++) {
      aws.answerNext(
          service,
          operation,
          error(service, 500, "InternalError", "We encountered an internal error."));
    }
  }

  private static JsonNode tableResource() {
    return json(
        "{\"Table\":{\"CatalogId\":\""
            + GOVERNANCE
            + "\",\"DatabaseName\":\"sales\",\"Name\":\"orders\"}}");
  }

  private static AuditEvent event(int minutes) {
    return AuditEvent.draft(
        "governance",
        Principal.administrator("sales"),
        "sales",
        AuditAction.GRANT,
        "table sales:sales.orders",
        "none",
        "SELECT",
        AuditEvent.Outcome.ALLOWED,
        "",
        CatalogFixtures.T0.plusSeconds(60L * minutes));
  }
}
