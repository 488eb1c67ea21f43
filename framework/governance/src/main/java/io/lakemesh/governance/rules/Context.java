package io.lakemesh.governance.rules;

import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;
import java.time.Clock;
import java.time.Instant;

/**
 * What every rule works with: the mesh, the stored state, the audit trail, the event stream and the
 * clock.
 */
record Context(
    Mesh mesh,
    GovernanceStore store,
    AuditTrail trail,
    LinkResolver resolver,
    Subjects subjects,
    TagView tags,
    Entitlements entitlements,
    MeshEvents events,
    Expiries expiries,
    Clock clock) {

  static Context of(Mesh mesh, GovernanceStore store, Clock clock) {
    LinkResolver resolver = new LinkResolver(store);
    TagView tags = new TagView(mesh, store);
    Expiries expiries = new Expiries();
    Context ctx =
        new Context(
            mesh,
            store,
            new AuditTrail(store.audit(), clock),
            resolver,
            new Subjects(mesh, store, resolver),
            tags,
            new Entitlements(mesh, store, tags, clock, expiries::record),
            new MeshEvents(store.events(), clock),
            expiries,
            clock);
    expiries.attach(ctx);
    return ctx;
  }

  /** The same context, its audit trail recording the access token of this id. */
  Context byToken(String tokenId) {
    return new Context(
        mesh,
        store,
        trail.byToken(tokenId),
        resolver,
        subjects,
        tags,
        entitlements,
        events,
        expiries,
        clock);
  }

  Instant now() {
    return clock.instant();
  }

  Standing standing(Principal principal, String owner) {
    return Standing.of(mesh, principal, owner);
  }

  /**
   * Refuses a principal the mesh does not declare, on record in its own account's log: a listing
   * checks nothing else before it answers with what the principal may see.
   */
  void requireKnown(Principal principal, String action, Object subject) {
    trail
        .of(subjects.logOf(principal), principal)
        .check(
            AuditAction.DESCRIBE,
            subject,
            () -> {
              if (!mesh.knows(principal)) {
                throw Denials.unknown(principal, action, subject);
              }
            });
  }
}
