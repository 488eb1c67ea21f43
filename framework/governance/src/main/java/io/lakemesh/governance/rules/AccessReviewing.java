package io.lakemesh.governance.rules;

import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Account;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The periodic review of grants and the sweep of their expiries, over the data an administrator
 * owns (a producer) or governs (a governance account): both read the same grants, so both are
 * refused, on record, to anyone else.
 */
final class AccessReviewing {
  private static final int LAST_USE_READS = 200;

  private final Context ctx;

  AccessReviewing(Context ctx) {
    this.ctx = ctx;
  }

  ExpirySweep sweep(Principal actor) {
    List<String> producers = producersInReach(actor, AuditAction.EXPIRE, "SWEEP expiries of");
    Instant now = ctx.now();
    List<Long> expiring = new ArrayList<>();
    List<Long> expired = new ArrayList<>();
    for (Grant grant : ctx.store().grants().grantsExpiringBy(now.plus(Expiries.WARNING))) {
      if (!producers.contains(grant.resource().catalog())) {
        continue;
      }
      if (grant.expiredAt(now)) {
        if (ctx.expiries().record(grant)) {
          expired.add(grant.id());
        }
      } else if (grant.notice() == Grant.ExpiryNotice.NONE && ctx.expiries().warn(grant)) {
        expiring.add(grant.id());
      }
    }
    return new ExpirySweep(expiring, expired);
  }

  AccessReview review(Principal actor, AccessReview.Scope scope) {
    List<String> producers = producersInReach(actor, AuditAction.AUDIT_READ, "REVIEW grants of");
    Instant now = ctx.now();
    List<AccessReview.Entry> entries = new ArrayList<>();
    for (String producer : producers) {
      if (scope.owner() != null && !scope.owner().equals(producer)) {
        continue;
      }
      for (Grant grant : ctx.store().grants().grantsOn(producer)) {
        String product = product(grant.resource());
        if (scope.product() == null || covers(product, scope.product())) {
          entries.add(entry(grant, product, now));
        }
      }
    }
    entries.sort(
        Comparator.comparing(AccessReview.Entry::product)
            .thenComparing(e -> e.holder().toString())
            .thenComparingLong(AccessReview.Entry::grant));
    return new AccessReview(now, entries);
  }

  /**
   * The producers whose data the actor owns or governs; refused, on record, when there are none
   * (the actor is neither a producer's nor a governance account's administrator).
   */
  private List<String> producersInReach(Principal actor, AuditAction action, String what) {
    return ctx.trail()
        .of(ctx.subjects().logOf(actor), actor)
        .decide(
            action,
            "grants",
            () -> {
              if (!ctx.mesh().knows(actor)) {
                throw Denials.unknown(actor, what, "grants");
              }
              List<String> producers =
                  ctx.mesh().producers().stream()
                      .map(Account::id)
                      .filter(p -> reaches(actor, p))
                      .toList();
              if (producers.isEmpty()) {
                throw Denials.of(
                    actor,
                    what,
                    "grants",
                    "only the administrator of a producer (its own data) or of a governance"
                        + " account (the data it governs) reviews grants");
              }
              return producers;
            });
  }

  private boolean reaches(Principal actor, String producer) {
    Standing standing = ctx.standing(actor, producer);
    return standing == Standing.OWNER || standing == Standing.GOVERNOR;
  }

  private AccessReview.Entry entry(Grant grant, String product, Instant now) {
    AccessReview.Status status =
        grant.expiredAt(now)
            ? AccessReview.Status.EXPIRED
            : grant.expiredAt(now.plus(Expiries.WARNING))
                ? AccessReview.Status.EXPIRING
                : AccessReview.Status.ACTIVE;
    return new AccessReview.Entry(
        grant.id(),
        product,
        grant.grantee(),
        grant.resource().toString(),
        grant.permissions(),
        authority(grant),
        grant.grantedAt(),
        Duration.between(grant.grantedAt(), now).toDays(),
        grant.expires(),
        status,
        grant.resource().tableId().flatMap(t -> lastRead(grant.grantee(), t)).orElse(null));
  }

  /** The newest allowed read of the holder on the table that the audit log records. */
  private Optional<Instant> lastRead(Principal holder, TableId table) {
    AuditQuery reads = new AuditQuery(null, "table " + table, holder, null, LAST_USE_READS);
    return ctx.store().audit().auditEvents(reads).stream()
        .filter(e -> e.outcome() == AuditEvent.Outcome.ALLOWED)
        .filter(e -> Set.of(AuditAction.READ, AuditAction.SELECT).contains(e.action()))
        .map(AuditEvent::at)
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder());
  }

  private static String authority(Grant grant) {
    String rests = grant.authorisationRef().map(Object::toString).orElse("owner");
    return grant.resource() instanceof Resource.LfTagPolicy ? "tag policy " + rests : rests;
  }

  private static String product(Resource resource) {
    if (resource instanceof Resource.LfTagPolicy policy) {
      return policy.toString();
    }
    return resource
        .tableId()
        .map(TableId::qualifiedName)
        .orElseGet(() -> resource.databaseId().orElseThrow().database() + ".*");
  }

  /** True when a grant on {@code product} bears on the product asked for ({@code D.N}). */
  private static boolean covers(String product, String asked) {
    return product.equals(asked)
        || (product.endsWith(".*") && asked.startsWith(product.substring(0, product.length() - 1)));
  }
}
