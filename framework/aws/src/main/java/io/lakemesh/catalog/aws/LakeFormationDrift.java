package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.ResourceLink;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;
import software.amazon.awssdk.services.lakeformation.model.Resource;

/**
 * Compares the grants lakemesh recorded with what Lake Formation holds, account by account, so that
 * a grant carried out in Lake Formation but not recorded (a run that stopped between the two) or
 * the reverse is found and reported ({@code lakemesh doctor}). Only mesh principals on mesh
 * resources are compared: grants to administrators and to principals outside the mesh are not
 * lakemesh's business.
 */
final class LakeFormationDrift {
  private final AwsNames names;
  private final LakeFormationResources resources;
  private final LakeFormationPermissions permissions;
  private final LinkDescribeGrants linkGrants;
  private final Function<String, List<ResourceLink>> linksOf;

  private record Side(Set<Permission> permissions, Set<Permission> grantable) {
    static Side empty() {
      return new Side(EnumSet.noneOf(Permission.class), EnumSet.noneOf(Permission.class));
    }

    void add(Set<Permission> p, Set<Permission> g) {
      permissions.addAll(p);
      grantable.addAll(g);
    }
  }

  /**
   * @param linksOf a mesh account's resource links, whose DESCRIBE grants {@code linkGrants}
   *     expects
   */
  LakeFormationDrift(
      AwsNames names,
      LakeFormationResources resources,
      LakeFormationPermissions permissions,
      LinkDescribeGrants linkGrants,
      Function<String, List<ResourceLink>> linksOf) {
    this.names = names;
    this.resources = resources;
    this.permissions = permissions;
    this.linkGrants = linkGrants;
    this.linksOf = linksOf;
  }

  /**
   * @param recorded the grants lakemesh recorded
   * @param joined the producers' joined databases, whose holder's grants to the producer (see
   *     {@link ProducerMembership}) Lake Formation holds as well
   */
  List<GrantDrift> compare(
      List<Grant> recorded, List<DatabaseId> joined, ProducerMembership membership) {
    Map<String, Map<String, Side>> expected = new TreeMap<>();
    Set<AwsAccount> callers = new LinkedHashSet<>(names.holders());
    Map<String, List<ResourceLink>> links = new TreeMap<>();
    for (DatabaseId database : joined) {
      String holder = names.holder(database.catalog()).id();
      String producer = names.account(database.catalog()).awsAccountId();
      for (ProducerMembership.JoinGrant g : membership.grants(database)) {
        Set<Permission> granted = LakeFormationResources.mesh(g.permissions());
        if (!granted.isEmpty()) {
          expected
              .computeIfAbsent(holder, k -> new TreeMap<>())
              .computeIfAbsent(
                  producer + " | " + LakeFormationResources.key(g.resource()), k -> Side.empty())
              .add(granted, Set.of());
        }
      }
    }
    for (Grant g : recorded) {
      AwsAccount caller = permissions.caller(g);
      callers.add(caller);
      String principal = names.lakeFormationPrincipal(g.grantee());
      expect(
          expected,
          caller,
          principal,
          resources.entries(g.grantee(), g.resource(), g.permissions(), g.grantable(), true));
      linkGrants
          .expected(g, account -> links.computeIfAbsent(account, linksOf))
          .forEach(
              (account, entries) -> {
                callers.add(account);
                expect(expected, account, principal, entries);
              });
    }
    List<GrantDrift> drift = new ArrayList<>();
    for (AwsAccount caller : callers) {
      Map<String, Side> held = held(caller);
      Map<String, Side> wanted = expected.getOrDefault(caller.id(), Map.of());
      Set<String> keys = new LinkedHashSet<>(wanted.keySet());
      keys.addAll(held.keySet());
      for (String key : keys) {
        Side want = wanted.getOrDefault(key, Side.empty());
        Side have = held.getOrDefault(key, Side.empty());
        if (want.equals(have)) {
          continue;
        }
        GrantDrift.Kind kind =
            have.permissions().isEmpty()
                ? GrantDrift.Kind.MISSING_IN_LAKE_FORMATION
                : want.permissions().isEmpty()
                    ? GrantDrift.Kind.NOT_RECORDED
                    : GrantDrift.Kind.DIFFERENT;
        String[] parts = key.split(" \\| ", 2);
        drift.add(
            new GrantDrift(
                kind,
                caller.id(),
                parts[0],
                parts[1],
                want.permissions(),
                want.grantable(),
                have.permissions(),
                have.grantable()));
      }
    }
    return drift;
  }

  private static void expect(
      Map<String, Map<String, Side>> expected,
      AwsAccount caller,
      String principal,
      List<LakeFormationResources.Entry> entries) {
    for (var entry : entries) {
      expected
          .computeIfAbsent(caller.id(), k -> new TreeMap<>())
          .computeIfAbsent(principal + " | " + entry.key(), k -> Side.empty())
          .add(entry.permissions(), entry.grantable());
    }
  }

  /** What the account's Lake Formation holds for mesh principals on mesh resources. */
  private Map<String, Side> held(AwsAccount caller) {
    Map<String, Side> held = new TreeMap<>();
    for (PrincipalResourcePermissions p : permissions.list(caller, null, null)) {
      String principal = p.principal() == null ? null : p.principal().dataLakePrincipalIdentifier();
      if (principal == null
          || names.meshPrincipal(principal).isEmpty()
          || !isMeshResource(p.resource())) {
        continue;
      }
      Set<Permission> granted = LakeFormationResources.mesh(p.permissions());
      Set<Permission> grantable = LakeFormationResources.mesh(p.permissionsWithGrantOption());
      if (!granted.isEmpty() || !grantable.isEmpty()) {
        held.computeIfAbsent(
                principal + " | " + LakeFormationResources.key(p.resource()), k -> Side.empty())
            .add(granted, grantable);
      }
    }
    return held;
  }

  private boolean isMeshResource(Resource r) {
    if (r == null) {
      return false;
    }
    String database =
        r.table() != null
            ? r.table().databaseName()
            : r.tableWithColumns() != null
                ? r.tableWithColumns().databaseName()
                : r.database() != null
                    ? r.database().name()
                    : r.dataCellsFilter() != null ? r.dataCellsFilter().databaseName() : null;
    if (database != null) {
      return names.meshDatabase(database).isPresent();
    }
    return r.lfTagPolicy() != null
        && r.lfTagPolicy().expression().stream()
            .allMatch(t -> names.meshTagKey(t.tagKey()).isPresent());
  }
}
