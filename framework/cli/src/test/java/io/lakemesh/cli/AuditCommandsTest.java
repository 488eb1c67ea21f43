package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditForgery;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify} against a writer of the catalog database, with the key and checkpoints the
 * mesh home holds, and the token commands in the audit log.
 */
class AuditCommandsTest {
  @TempDir Path dir;

  private CliRun cli(Path config, String command) {
    return CliRun.in(dir, config, command);
  }

  private Path checkpoint(long seq) {
    return dir.resolve(
        "audit-checkpoints/governance/" + String.format("%020d", seq) + ".checkpoint");
  }

  @Test
  void aWholeLogRewrittenInTheDatabaseFailsAuditVerifyWithExitOne() throws Exception {
    String uri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    Path config = CliRun.config(dir, uri, null, null);
    LakemeshConfig c = LakemeshConfig.load(config, dir);
    try (GovernanceCatalog catalog = CatalogLoader.load("jdbc", "test", c.catalogProperties())) {
      GovernanceCommandsTest.publishOrders(Governance.over(c.mesh(Topology.CENTRAL), catalog));
    }
    CliRun grant =
        cli(config, "grant --as sales --to marketing --table sales.orders --perm SELECT");
    assertThat(grant.code()).as(grant.all()).isZero();
    assertThat(dir.resolve("audit.key")).exists();
    // Publish and tag definition, anchored when the seeding catalog closed; the grant, anchored at
    // the end of the grant command.
    assertThat(checkpoint(2)).exists();
    assertThat(checkpoint(3)).exists();

    CliRun intact = cli(config, "audit verify --as governance");
    assertThat(intact.code()).as(intact.all()).isZero();
    assertThat(intact.out())
        .contains(
            "audit log governance: intact, 3 events; keyed from event 1; anchored by checkpoints up"
                + " to event 3");

    List<AuditEvent> stored;
    try (GovernanceCatalog catalog = CatalogLoader.load("jdbc", "test", Map.of("uri", uri))) {
      stored = ((SupportsAudit) catalog).auditEvents(AuditQuery.ofLog("governance"));
    }
    AuditForgery.rewriteWithout(uri, "governance", stored, AuditAction.GRANT);

    CliRun broken = cli(config, "audit verify --as governance");
    assertThat(broken.code()).as(broken.all()).isEqualTo(1);
    assertThat(broken.out())
        .contains(
            "audit log governance: broken at event 2: the event contradicts checkpoint "
                + checkpoint(2));
  }

  @Test
  void tokenCreateAndRevokeAreInTheAuditLogByIdAndTheSecretIsNot() throws Exception {
    Path config = CliRun.config(dir, "jdbc:sqlite:" + dir.resolve("catalog.db"), null, null);
    CliRun created = cli(config, "token create --as marketing --json");
    assertThat(created.code()).as(created.all()).isZero();
    String id = created.out().replaceAll("(?s).*\"id\"\\s*:\\s*\"([0-9a-f]+)\".*", "$1");
    String secret = created.out().replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    assertThat(cli(config, "token revoke " + id).code()).isZero();

    CliRun audit = cli(config, "audit --as governance --log governance");
    assertThat(audit.code()).as(audit.all()).isZero();
    assertThat(audit.out())
        .contains("TOKEN_CREATE", "TOKEN_REVOKE", "token " + id + " of marketing")
        .doesNotContain(secret);
    assertThat(Files.readString(dir.resolve("audit.key"))).isNotBlank();
    assertThat(cli(config, "config").out())
        .contains("lakemesh.audit.key")
        .doesNotContain(Files.readString(dir.resolve("audit.key")).strip());
  }
}
