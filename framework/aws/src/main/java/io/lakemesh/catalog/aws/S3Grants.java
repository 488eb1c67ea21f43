package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The grants lakemesh has carried out, as it records them: ids, grantor, the authorisation each
 * rests on and when. Lake Formation holds the permissions themselves but none of this, so the
 * record is kept beside it (one JSON-lines object) and compared with it by {@link
 * LakeFormationDrift}. Lookups go through an index by grantee, rebuilt when the object changes.
 */
final class S3Grants {
  private final JsonLinesFile<Grant> file;
  private volatile Index index = new Index(List.of());

  /** Grants by grantee, each list in id order; built from one read of the file. */
  private record Index(List<Grant> source, Map<String, List<Grant>> byGrantee) {
    Index(List<Grant> source) {
      this(source, group(source));
    }

    private static Map<String, List<Grant>> group(List<Grant> grants) {
      Map<String, List<Grant>> byGrantee = new TreeMap<>();
      grants.stream()
          .sorted(Comparator.comparingLong(Grant::id))
          .forEach(
              g ->
                  byGrantee.computeIfAbsent(g.grantee().toString(), k -> new ArrayList<>()).add(g));
      return byGrantee;
    }
  }

  S3Grants(S3Objects objects) {
    file =
        new JsonLinesFile<>(
            objects,
            AthenaTables.GRANTS + "grants.jsonl",
            GovernanceJson::grant,
            GovernanceJson::grant);
  }

  /**
   * Adds to the (grantee, resource) entry. {@code carryOut} makes the grant effective in AWS; it
   * runs before the record is written, so the record never claims more than AWS holds.
   */
  Grant add(Grant grant, Consumer<Grant> carryOut) {
    boolean[] carried = {false};
    return file.update(
        grants -> {
          if (!carried[0]) {
            carryOut.accept(grant);
            carried[0] = true;
          }
          Optional<Grant> existing = entry(grants, grant.grantee(), grant.resource());
          Grant stored;
          if (existing.isEmpty()) {
            long next = grants.stream().mapToLong(Grant::id).max().orElse(0) + 1;
            stored = grant.withId(next);
            grants.add(stored);
          } else {
            Grant old = existing.get();
            stored = old.mergedWith(grant);
            grants.set(grants.indexOf(old), stored);
          }
          return new JsonLinesFile.Change<>(grants, stored);
        });
  }

  /**
   * Takes permissions away. {@code carryOut} receives the entry as recorded (empty when there is
   * none) and revokes in AWS before the record changes.
   */
  Optional<Grant> remove(
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Consumer<Optional<Grant>> carryOut) {
    boolean[] carried = {false};
    return file.update(
        grants -> {
          Optional<Grant> existing = entry(grants, grantee, resource);
          if (!carried[0]) {
            carryOut.accept(existing);
            carried[0] = true;
          }
          if (existing.isEmpty()) {
            return JsonLinesFile.Change.unchanged(Optional.<Grant>empty());
          }
          Grant g = existing.get();
          Optional<Grant> left = g.without(permissions);
          int at = grants.indexOf(g);
          if (left.isEmpty()) {
            grants.remove(at);
          } else {
            grants.set(at, left.get());
          }
          return new JsonLinesFile.Change<>(grants, left);
        });
  }

  /**
   * Moves the entry's expiry notice from {@code from} to {@code to}; true when it moved. {@code
   * carryOut} receives the entry as recorded before the record changes (for EXPIRED: the revoke in
   * AWS, so that a failure leaves the notice unrecorded and the next check or sweep tries again).
   */
  boolean noteExpiry(
      long id, Grant.ExpiryNotice from, Grant.ExpiryNotice to, Consumer<Grant> carryOut) {
    boolean[] carried = {false};
    return file.update(
        grants -> {
          Optional<Grant> existing =
              grants.stream().filter(g -> g.id() == id && g.notice() == from).findFirst();
          if (existing.isEmpty()) {
            return JsonLinesFile.Change.unchanged(false);
          }
          if (!carried[0]) {
            carryOut.accept(existing.get());
            carried[0] = true;
          }
          grants.set(grants.indexOf(existing.get()), existing.get().noticed(to));
          return new JsonLinesFile.Change<>(grants, true);
        });
  }

  Optional<Grant> find(Principal grantee, Resource resource) {
    return entry(ofGrantee(grantee), grantee, resource);
  }

  Optional<Grant> find(long id) {
    return all().stream().filter(g -> g.id() == id).findFirst();
  }

  /** The grantee's grants on the table, its columns, its database and its catalog's policies. */
  List<Grant> covering(Principal grantee, TableId table) {
    return ofGrantee(grantee).stream()
        .filter(g -> g.resource().catalog().equals(table.catalog()) && bears(g.resource(), table))
        .toList();
  }

  /** The grantee's grants on the database and its catalog's policies. */
  List<Grant> covering(Principal grantee, DatabaseId database) {
    return ofGrantee(grantee).stream()
        .filter(
            g ->
                g.resource().catalog().equals(database.catalog())
                    && (g.resource() instanceof Resource.LfTagPolicy
                        || g.resource() instanceof Resource.Database d && d.id().equals(database)))
        .toList();
  }

  List<Grant> where(Predicate<Grant> filter) {
    return all().stream().filter(filter).sorted(Comparator.comparingLong(Grant::id)).toList();
  }

  List<Grant> all() {
    return file.read();
  }

  private List<Grant> ofGrantee(Principal grantee) {
    List<Grant> current = file.read();
    Index known = index;
    if (known.source() != current) {
      known = new Index(current);
      index = known;
    }
    return known.byGrantee().getOrDefault(grantee.toString(), List.of());
  }

  private static boolean bears(Resource resource, TableId table) {
    return resource instanceof Resource.LfTagPolicy
        || resource.databaseId().equals(Optional.of(table.databaseId()))
            && (resource instanceof Resource.Database
                || resource.tableId().equals(Optional.of(table)));
  }

  private static Optional<Grant> entry(List<Grant> grants, Principal grantee, Resource resource) {
    return grants.stream()
        .filter(g -> g.grantee().equals(grantee) && g.resource().equals(resource))
        .findFirst();
  }
}
