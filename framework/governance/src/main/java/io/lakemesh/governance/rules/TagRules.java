package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.EffectiveTags;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * LF-tags. Definitions live in the catalog that holds the products they describe: the governance
 * account's (central), each LOB governance account's (lob-federated), each producer's (federated);
 * only that catalog's administrator defines them. Values are assigned by the owning producer, to
 * its databases, tables and columns.
 *
 * <p>A tag change ends no grant: a grant on an LF-tag policy, and every re-grant made on it, is
 * about the policy, which still holds for the tables it matches. Policies are evaluated against the
 * current tags on every check, so a table re-tagged out of a policy is refused on the next check to
 * everyone who reached it through that policy, and the tag change is in the log.
 */
final class TagRules {
  private final Context ctx;

  TagRules(Context ctx) {
    this.ctx = ctx;
  }

  LfTag create(Principal actor, String catalog, LfTag tag) {
    String subject = "LF-tag " + tag.key() + " in catalog " + catalog;
    // Until the catalog is known to keep tags, the name is the caller's: its own account's log.
    ctx.trail()
        .of(ctx.subjects().logOf(actor), actor)
        .check(AuditAction.TAG_CREATE, subject, () -> requireKeepsTags(catalog));
    AuditTrail.Scope audit = ctx.trail().of(catalog, actor);
    audit.check(AuditAction.TAG_CREATE, subject, () -> mayCreate(actor, catalog, tag, subject));
    // The store decides whether the key exists (a create it left half-done, it completes) and what
    // it can keep (a service may limit the values of a tag); its refusals are on record too,
    // appended after the unit of work they ended.
    return audit.decide(
        AuditAction.TAG_CREATE,
        subject,
        () ->
            ctx.store()
                .atomically(
                    () -> {
                      ctx.store().tags().createTag(catalog, tag);
                      audit.allowed(
                          AuditAction.TAG_CREATE,
                          subject,
                          "",
                          String.join(",", tag.allowedValues()));
                      return tag;
                    }));
  }

  private void requireKeepsTags(String catalog) {
    ctx.mesh().account(catalog);
    if (!ctx.mesh().keepsTags(catalog)) {
      throw new InvalidRequestException(
          "in the "
              + ctx.mesh().topology().configName()
              + " topology LF-tags are defined in "
              + (ctx.mesh().topology() == Topology.FEDERATED
                  ? "the producers' catalogs"
                  : "the governance accounts' catalogs")
              + "; "
              + catalog
              + " is not one");
    }
  }

  List<LfTag> list(String catalog) {
    return ctx.store().tags().listTags(ctx.mesh().account(catalog).id());
  }

  void assign(Principal actor, TagTarget target, String key, String value) {
    change(
        actor,
        target,
        key,
        AuditAction.TAG_ASSIGN,
        () -> {
          TagAssignment assignment = new TagAssignment(target, key, value);
          definition(target, key).requireAllowed(value);
          return () -> ctx.store().tags().assignTag(assignment);
        },
        key + "=" + value);
  }

  void remove(Principal actor, TagTarget target, String key) {
    change(
        actor,
        target,
        key,
        AuditAction.TAG_REMOVE,
        () -> {
          if (current(target, key).isEmpty()) {
            throw new NotFoundException(target + " carries no LF-tag " + key);
          }
          return () -> ctx.store().tags().removeTag(target, key);
        },
        "");
  }

  /**
   * A change by the owning producer to one key on one target, audited with before and after. A
   * refusal is recorded in the log of the target's producer once the target is known to exist, and
   * in the actor's own account's log before (a name that is not in the catalog is the caller's, and
   * must not let it fill another's log). The owner is checked before the key and value, so only the
   * producer itself is told which of its tags are defined.
   *
   * @param validated checks the key and value, and gives the change to apply
   */
  private void change(
      Principal actor,
      TagTarget target,
      String key,
      AuditAction action,
      Supplier<Runnable> validated,
      String after) {
    ctx.trail().of(ctx.subjects().logOf(actor), actor).check(action, target, () -> prepare(target));
    AuditTrail.Scope audit = ctx.trail().of(ctx.mesh().auditLogOf(target.catalog()), actor);
    Runnable apply =
        audit.decide(
            action,
            target,
            () -> {
              requireOwner(actor, target);
              return validated.get();
            });
    ctx.store()
        .atomically(
            () -> {
              Optional<String> before = current(target, key);
              apply.run();
              audit.allowed(action, target, before.map(v -> key + "=" + v).orElse(""), after);
              return null;
            });
  }

  private void mayCreate(Principal actor, String catalog, LfTag tag, String subject) {
    if (!ctx.mesh().knows(actor)) {
      throw Denials.unknown(actor, "CREATE", subject);
    }
    if (!actor.isAdministratorOf(catalog)) {
      throw Denials.of(
          actor,
          "CREATE",
          subject,
          "only the administrator of " + catalog + " defines LF-tags in its catalog");
    }
  }

  EffectiveTags effective(CatalogTable table) {
    return ctx.tags().of(table);
  }

  /** Checks the target exists and belongs to a producer. */
  private void prepare(TagTarget target) {
    String producer = target.catalog();
    ctx.mesh().account(producer);
    if (!ctx.mesh().isProducer(producer)) {
      throw new InvalidRequestException(
          "LF-tags are assigned to products; account " + producer + " is not a producer");
    }
    if (target.level() == TagTarget.Level.DATABASE) {
      if (!ctx.resolver().exists(target.database())) {
        throw new NotFoundException("database not found: " + target.database());
      }
    } else {
      CatalogTable table = ctx.subjects().table(target.tableId());
      if (target.level() == TagTarget.Level.COLUMN) {
        Subjects.requireColumns(table, List.of(target.column()));
      }
    }
  }

  private LfTag definition(TagTarget target, String key) {
    String holder = ctx.mesh().holderOf(target.catalog());
    return ctx.store()
        .tags()
        .findTag(holder, key)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "LF-tag "
                        + key
                        + " is not defined in catalog "
                        + holder
                        + " (the catalog holding "
                        + target.catalog()
                        + "'s products)"));
  }

  private void requireOwner(Principal actor, TagTarget target) {
    switch (ctx.standing(actor, target.catalog())) {
      case UNKNOWN -> throw Denials.unknown(actor, "TAG", target);
      case OWNER -> {}
      default ->
          throw Denials.of(
              actor,
              "TAG",
              target,
              "only the producer " + target.catalog() + " assigns LF-tags to its data");
    }
  }

  private Optional<String> current(TagTarget target, String key) {
    List<TagAssignment> assignments =
        target.level() == TagTarget.Level.DATABASE
            ? ctx.store().tags().tagsOf(target.database())
            : ctx.store().tags().tagsOf(target.tableId());
    return assignments.stream()
        .filter(a -> a.target().equals(target) && a.key().equals(key))
        .map(TagAssignment::value)
        .findFirst();
  }
}
