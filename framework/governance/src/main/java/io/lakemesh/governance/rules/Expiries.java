package io.lakemesh.governance.rules;

import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Access that ends by itself. Whether an expired grant gives anything is decided by {@link
 * AuthorityChain} on every check; this records the expiry, once, whichever check or sweep meets it
 * first: an EXPIRE audit event by the grantor (whose decision takes effect), ACCESS_EXPIRED, and
 * the end of what rested on the grant (derived grants, the subscription it served), as a revoke
 * ends them. The grant's record stays, shown as expired.
 */
final class Expiries {
  /** How long before its expiry a grant's holder is told (ACCESS_EXPIRING). */
  static final Duration WARNING = Duration.ofDays(7);

  // Bound once, right after the context that holds the entitlement checks which report here: a
  // check meets an expiry with nothing but the grant, and records it through the context's trail.
  private Context ctx;
  private Cascade cascade;

  void attach(Context context) {
    if (ctx != null) {
      throw new IllegalStateException("expiries are recorded for one context");
    }
    this.ctx = context;
    this.cascade = new Cascade(context);
  }

  /** Refuses an expiry that is not after now: such access would end before it began. */
  static Instant requireFuture(Instant expires, Instant now) {
    if (expires != null && !expires.isAfter(now)) {
      throw new InvalidRequestException(
          "an expiry must be in the future: "
              + expires
              + " is not after now ("
              + now
              + "); give a later date or a duration such as 30d");
    }
    return expires;
  }

  /** Records an expired grant (see the class comment); false when it was recorded already. */
  boolean record(Grant grant) {
    return ctx.store()
        .atomically(
            () -> {
              if (!ctx.store()
                  .grants()
                  .noteExpiry(grant.id(), grant.notice(), Grant.ExpiryNotice.EXPIRED)) {
                return false;
              }
              Principal actor = grant.grantor();
              AuditTrail.Scope audit =
                  ctx.trail().of(ctx.subjects().logOf(grant.resource(), actor), actor);
              audit.allowed(
                  AuditAction.EXPIRE,
                  grant.resource(),
                  GrantRules.held(grant),
                  grant.grantee() + " none; expired at " + grant.expires());
              ctx.events().expired(grant);
              List<Authorisation> ended = new ArrayList<>();
              ended.add(Authorisation.grant(grant.id()));
              ended.addAll(
                  cascade.endSubscriptions(
                      actor, audit, grant.grantee(), grant.resource(), Optional.empty()));
              cascade.follow(actor, ended);
              return true;
            });
  }

  /** Tells a grant's coming expiry once; false when it was told already. */
  boolean warn(Grant grant) {
    return ctx.store()
        .atomically(
            () -> {
              boolean moved =
                  ctx.store()
                      .grants()
                      .noteExpiry(grant.id(), Grant.ExpiryNotice.NONE, Grant.ExpiryNotice.EXPIRING);
              if (moved) {
                ctx.events().expiring(grant);
              }
              return moved;
            });
  }
}
