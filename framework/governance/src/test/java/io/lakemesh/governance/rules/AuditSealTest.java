package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditCheckpoint;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditForgery;
import io.lakemesh.governance.AuditSeal;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer of the catalog database rewrites a whole audit log consistently, as a script would:
 * drops events (a governance grant among them), renumbers the rest, recomputes every hash with the
 * unkeyed algorithm and moves the head. The key and the checkpoints outside the database catch it.
 */
class AuditSealTest {
  @TempDir Path dir;

  private String uri() {
    return "jdbc:sqlite:" + dir.resolve("catalog.db");
  }

  private Map<String, String> keyOnly() {
    return Map.of(AuditSeal.KEY_FILE, dir.resolve("audit.key").toString());
  }

  private Map<String, String> keyAndCheckpoints() {
    return Map.of(
        AuditSeal.KEY_FILE,
        dir.resolve("audit.key").toString(),
        AuditSeal.CHECKPOINTS,
        dir.resolve("checkpoints").toString());
  }

  /** Publishes orders, grants marketing SELECT on it (recorded in the governance log), reads. */
  private static void story(MeshWorld world) {
    world.publish(ORDERS);
    world.governance.grant(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT));
    world.governance.checkSelect(MARKETING, ORDERS);
  }

  @Test
  void theKeyFileIsCreatedOnFirstUseForItsOwnerOnly() throws Exception {
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), keyOnly())) {
      story(world);
    }
    Path key = dir.resolve("audit.key");
    assertThat(key).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void aKeyedLogRewrittenWithTheUnkeyedAlgorithmIsCaught() throws SQLException {
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), keyOnly())) {
      story(world);
      List<AuditEvent> events = world.events("governance");
      assertThat(events).allMatch(AuditEvent::keyed);
      AuditVerification before = world.governance.verifyAudit(GOVERNANCE, "governance");
      assertThat(before.isIntact()).isTrue();
      assertThat(before.keyedFrom()).isEqualTo(1);

      rewriteWithout(world, AuditAction.GRANT);

      AuditVerification after = world.governance.verifyAudit(GOVERNANCE, "governance");
      assertThat(after.isIntact()).isFalse();
      // The log was keyed from its first event: a plain SHA-256 there is a forgery.
      assertThat(after.brokenAt()).hasValue(1);
      assertThat(after.problem()).contains("it is not keyed").contains("rewritten");
    }
  }

  @Test
  void aRewriteContradictsTheLastCheckpoint() throws SQLException {
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), keyAndCheckpoints())) {
      story(world);
      long head = world.lastSeq("governance");
      List<AuditCheckpoint> written = ((SupportsAudit) world.catalog).checkpointAudit();
      assertThat(written).extracting(AuditCheckpoint::seq).containsExactly(head);
      Path file =
          dir.resolve("checkpoints/governance/" + String.format("%020d", head) + ".checkpoint");
      assertThat(file).exists();
      AuditVerification anchored = world.governance.verifyAudit(GOVERNANCE, "governance");
      assertThat(anchored.anchoredTo()).isEqualTo(head);
      assertThat(anchored.toString())
          .isEqualTo(
              "audit log governance: intact, "
                  + head
                  + " events; keyed from event 1; anchored by checkpoints up to event "
                  + head);

      rewriteWithout(world, AuditAction.GRANT);

      AuditVerification after = world.governance.verifyAudit(GOVERNANCE, "governance");
      assertThat(after.isIntact()).isFalse();
      assertThat(after.brokenAt()).hasValue(head);
      assertThat(after.problem()).contains("checkpoint " + file);
    }
  }

  @Test
  void aCheckpointIsRefusedWhenTheEventsSinceTheLastDoNotChainFromIt() throws SQLException {
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), keyAndCheckpoints())) {
      SupportsAudit audit = anchoredAtTwo(world);
      world.governance.grant(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.DESCRIBE));

      alter(world, 3);

      assertThat(audit.checkpointAudit()).isEmpty();
      assertThat(dir.resolve("checkpoints/governance").toFile().list())
          .containsExactly(String.format("%020d", 2) + ".checkpoint");
    }
  }

  @Test
  void aCheckpointIsRefusedWhenTheAnchoredEventWasRewritten() throws SQLException {
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), keyAndCheckpoints())) {
      SupportsAudit audit = anchoredAtTwo(world);

      alter(world, 2);
      world.governance.grant(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.DESCRIBE));

      assertThat(audit.checkpointAudit()).isEmpty();
    }
  }

  @Test
  void eventsRewrittenBeforeTheLastCheckpointAreStillCaughtByAFullVerification()
      throws SQLException {
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), keyAndCheckpoints())) {
      SupportsAudit audit = anchoredAtTwo(world);

      alter(world, 1);
      world.governance.grant(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.DESCRIBE));

      // A checkpoint checks only what came since the last one: event 3 chains from event 2.
      assertThat(audit.checkpointAudit()).extracting(AuditCheckpoint::seq).containsExactly(3L);
      AuditVerification v = world.governance.verifyAudit(GOVERNANCE, "governance");
      assertThat(v.isIntact()).isFalse();
      assertThat(v.brokenAt()).hasValue(1);
      assertThat(v.problem())
          .isEqualTo("its content does not match its hash (the row was altered)");
    }
  }

  /** The story, then a checkpoint of its two governance events (the read was allowed). */
  private static SupportsAudit anchoredAtTwo(MeshWorld world) {
    story(world);
    SupportsAudit audit = (SupportsAudit) world.catalog;
    assertThat(audit.checkpointAudit()).extracting(AuditCheckpoint::seq).containsExactly(2L);
    return audit;
  }

  /** Edits one stored event of the governance log in place, its hash left as it was. */
  private static void alter(MeshWorld world, long seq) throws SQLException {
    try (Connection c = DriverManager.getConnection(world.uri());
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE lm_audit_events SET reason = 'edited' WHERE log_name = 'governance'"
                    + " AND seq = ?")) {
      update.setLong(1, seq);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  @Test
  void anEditedCheckpointIsNotTakenForOne() throws Exception {
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), keyAndCheckpoints())) {
      story(world);
      AuditCheckpoint c = ((SupportsAudit) world.catalog).checkpointAudit().get(0);
      Path file =
          dir.resolve("checkpoints/governance/" + String.format("%020d", c.seq()) + ".checkpoint");
      Files.writeString(file, Files.readString(file).replace("seq=" + c.seq(), "seq=1"));

      AuditVerification v = world.governance.verifyAudit(GOVERNANCE, "governance");
      assertThat(v.isIntact()).isFalse();
      assertThat(v.problem()).isEqualTo("checkpoint " + file + " is not signed by the audit key");
    }
  }

  @Test
  void eventsWrittenBeforeTheKeyStillVerifyAndTheKeyedPartStartsAfterThem() {
    long unkeyed;
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), Map.of())) {
      story(world);
      unkeyed = world.lastSeq("governance");
      assertThat(world.events("governance")).noneMatch(AuditEvent::keyed);
    }
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), keyAndCheckpoints())) {
      // Opening with a key anchors the unkeyed log as it stands.
      assertThat(
              dir.resolve(
                  "checkpoints/governance/" + String.format("%020d", unkeyed) + ".checkpoint"))
          .exists();
      assertThatThrownBy(
              () -> world.governance.checkSelect(Principal.parse("marketing:analyst"), ORDERS))
          .isInstanceOf(AccessDeniedException.class);
      AuditVerification v = world.governance.verifyAudit(GOVERNANCE, "governance");
      assertThat(v.isIntact()).isTrue();
      assertThat(v.keyedFrom()).isEqualTo(unkeyed + 1);
      assertThat(v.anchoredTo()).isEqualTo(unkeyed);
      // Publish and grant before the key; the analyst's refusal after it, not anchored yet.
      assertThat(unkeyed).isEqualTo(2);
      assertThat(v.toString())
          .isEqualTo(
              "audit log governance: intact, 3 events; keyed from event 3; anchored by"
                  + " checkpoints up to event 2 (event 3 not yet anchored)");
    }
  }

  @Test
  void aLogWithoutTheKeyAtHandIsNotReportedIntact() {
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), keyOnly())) {
      story(world);
    }
    try (MeshWorld world = MeshWorld.open(Topology.CENTRAL, uri(), Map.of())) {
      AuditVerification v = world.governance.verifyAudit(SALES, "governance");
      assertThat(v.isIntact()).isFalse();
      assertThat(v.problem()).contains("the audit key is not at hand");
    }
  }

  private static void rewriteWithout(MeshWorld world, AuditAction dropped) throws SQLException {
    AuditForgery.rewriteWithout(world.uri(), "governance", world.events("governance"), dropped);
    assertThat(world.events("governance")).noneMatch(e -> e.action() == dropped);
  }
}
