package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.MeshEvent.Kind;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the mesh's events: what a change means for the product's subscribers, appended by the rule
 * that makes the change, in its unit of work, so that an event is kept exactly when its change is.
 * Events name columns and rules, never a value of the data (a run's message and a rule's examples
 * may quote values, so they are never copied here). A backend that keeps no event stream stores
 * none; every other rule works as before.
 */
final class MeshEvents {
  private final SupportsEvents events;
  private final Clock clock;

  MeshEvents(SupportsEvents events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  /** Appends the event; returns it numbered, or as given where the backend keeps no events. */
  MeshEvent append(MeshEvent event) {
    return events == null ? event : events.appendEvent(event);
  }

  /**
   * The events of a publish that made a new version: published, and when it applies schema changed
   * (against the version before) and new major version (a first publish of a major above 1, told
   * also on the table of the major before, whose subscribers are the ones to move).
   */
  void published(Optional<CatalogTable> before, CatalogTable after, QualityRun quality) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("version", Long.toString(after.version()));
    data.put("major", Integer.toString(major(after)));
    after.parameter(TableParameters.SNAPSHOT_ID).ifPresent(s -> data.put("snapshot", s));
    after.parameter(TableParameters.ROW_COUNT).ifPresent(r -> data.put("rows", r));
    after.parameter(TableParameters.RUN_ID).ifPresent(r -> data.put("run", r));
    after.parameter(TableParameters.QUALITY_STATUS).ifPresent(s -> data.put("quality", s));
    after.parameter(TableParameters.QUALITY_SUMMARY).ifPresent(s -> data.put("quality_summary", s));
    if (quality != null) {
      data.put("rules_passed", passed(quality) + "/" + quality.constraints().size());
    }
    append(MeshEvent.of(Kind.PUBLISHED, after.id(), clock.instant(), data));
    before.ifPresent(b -> schemaChange(b, after));
    if (before.isEmpty() && major(after) > 1) {
      Map<String, String> major =
          Map.of("major", Integer.toString(major(after)), "table", after.id().qualifiedName());
      append(MeshEvent.of(Kind.MAJOR_VERSION, after.id(), clock.instant(), major));
      previousMajor(after.id(), major(after))
          .ifPresent(old -> append(MeshEvent.of(Kind.MAJOR_VERSION, old, clock.instant(), major)));
    }
  }

  /**
   * A published batch whose quarantine rules set aside more of it than the product's warning level
   * ({@code quality.quarantine-warning}): the run, the rows, the fraction and the rows per rule, as
   * the job recorded them on the entry; counts only, never a value of a row.
   */
  void quarantined(CatalogTable after) {
    Optional<Double> fraction = number(after, TableParameters.QUARANTINE_FRACTION);
    Optional<Double> warning = number(after, TableParameters.QUARANTINE_WARNING);
    if (fraction.isEmpty() || warning.isEmpty() || fraction.get() <= warning.get()) {
      return;
    }
    Map<String, String> data = new LinkedHashMap<>();
    after.parameter(TableParameters.RUN_ID).ifPresent(r -> data.put("run", r));
    after.parameter(TableParameters.QUARANTINE_ROWS).ifPresent(r -> data.put("quarantined", r));
    data.put("fraction", Double.toString(fraction.get()));
    data.put("warning", Double.toString(warning.get()));
    after.parameter(TableParameters.QUARANTINE_RULES).ifPresent(r -> data.put("rules", r));
    append(MeshEvent.of(Kind.QUARANTINE_WARNING, after.id(), clock.instant(), data));
  }

  private static Optional<Double> number(CatalogTable t, String key) {
    try {
      return t.parameter(key).map(Double::parseDouble);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A quality gate that failed: the batch was rejected and nothing was published. */
  void gateRecorded(QualityRun run) {
    if (run.outcome() != QualityRun.Outcome.FAILED) {
      return;
    }
    List<String> failed = new ArrayList<>();
    for (ConstraintResult c : run.constraints()) {
      if (c.status() == ConstraintResult.Status.FAILURE
          && c.severity() == ConstraintResult.Severity.ERROR) {
        failed.add(c.rule());
      }
    }
    append(
        MeshEvent.of(
            Kind.REJECTED,
            run.table(),
            clock.instant(),
            Map.of("run", run.runId(), "failed", String.join(", ", failed))));
  }

  /** A request that moved to {@code stored}'s state: requested, approved, denied or revoked. */
  void requestMoved(AccessRequest stored) {
    Kind kind =
        switch (stored.state()) {
          case PENDING -> Kind.ACCESS_REQUESTED;
          case ACTIVE -> Kind.ACCESS_APPROVED;
          case DENIED -> Kind.ACCESS_DENIED;
          case REVOKED -> Kind.ACCESS_REVOKED;
        };
    Resource resource = stored.granted() == null ? stored.resource() : stored.granted();
    Set<Permission> permissions =
        stored.state() == AccessRequest.State.ACTIVE
            ? stored.grantedPermissions()
            : stored.permissions();
    Map<String, String> data = new LinkedHashMap<>();
    data.put("request", Long.toString(stored.id()));
    data.put("resource", resource.toString());
    data.put("permissions", Permission.format(permissions));
    data.put("requester", stored.requester().toString());
    if (stored.reason() != null && !stored.reason().isEmpty()) {
      data.put("reason", stored.reason());
    }
    append(
        MeshEvent.access(
            kind,
            resource.tableId().orElse(null),
            stored.requester().account(),
            clock.instant(),
            data));
  }

  /** Permissions taken from a grantee by a revoke. */
  void revoked(Principal grantee, Resource resource, Set<Permission> permissions) {
    append(
        MeshEvent.access(
            Kind.ACCESS_REVOKED,
            resource.tableId().orElse(null),
            grantee.account(),
            clock.instant(),
            Map.of(
                "resource",
                resource.toString(),
                "permissions",
                Permission.format(permissions),
                "grantee",
                grantee.toString())));
  }

  /** A product found past its freshness SLA; told once, until it recovers. */
  void slaBreached(TableId table, String sla, Instant lastChecked, Duration overdueBy) {
    append(
        MeshEvent.of(
            Kind.SLA_BREACHED,
            table,
            clock.instant(),
            Map.of(
                "sla", sla,
                "last_checked", lastChecked.toString(),
                "overdue_by", overdueBy.toString())));
  }

  /** A product in breach found within its freshness SLA again. */
  void slaRecovered(TableId table, String sla, Instant lastChecked, Instant breachedSince) {
    append(
        MeshEvent.of(
            Kind.SLA_RECOVERED,
            table,
            clock.instant(),
            Map.of(
                "sla", sla,
                "last_checked", lastChecked.toString(),
                "breached_since", breachedSince.toString())));
  }

  /** A grant that expires within seven days: told once, before it ends. */
  void expiring(Grant grant) {
    grantExpiry(Kind.ACCESS_EXPIRING, grant);
  }

  /** A grant whose expiry has come: it gives nothing from now on. */
  void expired(Grant grant) {
    grantExpiry(Kind.ACCESS_EXPIRED, grant);
  }

  private void grantExpiry(Kind kind, Grant grant) {
    append(
        MeshEvent.access(
            kind,
            grant.resource().tableId().orElse(null),
            grant.grantee().account(),
            clock.instant(),
            Map.of(
                "resource",
                grant.resource().toString(),
                "permissions",
                Permission.format(grant.permissions()),
                "grantee",
                grant.grantee().toString(),
                "expires",
                grant.expires().toString())));
  }

  private void schemaChange(CatalogTable before, CatalogTable after) {
    Map<String, String> was = types(before);
    Map<String, String> now = types(after);
    List<String> added = new ArrayList<>();
    List<String> retyped = new ArrayList<>();
    now.forEach(
        (name, type) -> {
          if (!was.containsKey(name)) {
            added.add(name);
          } else if (!was.get(name).equals(type)) {
            retyped.add(name + " " + was.get(name) + " -> " + type);
          }
        });
    List<String> removed = was.keySet().stream().filter(n -> !now.containsKey(n)).toList();
    if (added.isEmpty() && removed.isEmpty() && retyped.isEmpty()) {
      return;
    }
    Map<String, String> data = new LinkedHashMap<>();
    List<String> kinds = new ArrayList<>();
    put(data, kinds, "added", added);
    put(data, kinds, "removed", removed);
    put(data, kinds, "retyped", retyped);
    data.put("change", String.join(", ", kinds));
    data.put("version", Long.toString(after.version()));
    append(MeshEvent.of(Kind.SCHEMA_CHANGED, after.id(), clock.instant(), data));
  }

  private static void put(
      Map<String, String> data, List<String> kinds, String kind, List<String> columns) {
    if (!columns.isEmpty()) {
      kinds.add(kind);
      data.put(kind, String.join(", ", columns));
    }
  }

  private static Map<String, String> types(CatalogTable t) {
    Map<String, String> types = new LinkedHashMap<>();
    for (Column c : t.columns()) {
      types.put(c.name(), c.type());
    }
    return types;
  }

  private static long passed(QualityRun run) {
    return run.constraints().stream()
        .filter(c -> c.status() == ConstraintResult.Status.SUCCESS)
        .count();
  }

  private static int major(CatalogTable t) {
    return ProductListing.majorVersion(t);
  }

  /**
   * The table of the major before: {@code orders} for {@code orders_v2}, {@code orders_v2} for v3.
   */
  private static Optional<TableId> previousMajor(TableId id, int major) {
    String base = id.table().replaceAll("_v\\d+$", "");
    String name = major == 2 ? base : base + "_v" + (major - 1);
    return name.equals(id.table())
        ? Optional.empty()
        : Optional.of(TableId.of(id.catalog(), id.database(), name));
  }
}
