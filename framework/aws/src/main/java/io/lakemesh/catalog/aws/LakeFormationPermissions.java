package io.lakemesh.catalog.aws;

import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsFailureEntry;
import software.amazon.awssdk.services.lakeformation.model.BatchPermissionsRequestEntry;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;
import software.amazon.awssdk.services.lakeformation.model.PrincipalResourcePermissions;

// The AWS SDK's Resource is spelled out in full where used: lakemesh's
// Resource is imported here.

/**
 * Grants and revokes in Lake Formation, made by the account Lake Formation requires: the holder of
 * the data for every grant made on the owner's authority, to whole accounts and to principals of
 * any account (cross-account version 3 shares with IAM principals of external accounts, "Updating
 * cross-account data sharing version settings"); the grantee's account for its administrator's
 * re-grants to principals inside it, which Lake Formation allows only on what that account holds
 * with the grant option.
 */
final class LakeFormationPermissions {
  private final AwsNames names;
  private final AwsClients clients;
  private final LakeFormationResources resources;

  LakeFormationPermissions(AwsNames names, AwsClients clients, LakeFormationResources resources) {
    this.names = names;
    this.clients = clients;
    this.resources = resources;
  }

  /**
   * The account whose Lake Formation records the grant: the grantee's own account when the grant
   * rests on a grant option that account holds (its administrator's re-grant inside it), the holder
   * of the data otherwise (the owner's grants, and those carried out on an approved request).
   */
  AwsAccount caller(Grant grant) {
    AwsAccount holder = resources.keeper(grant.grantee(), grant.resource());
    Principal grantee = grant.grantee();
    AwsAccount own = names.account(grantee.account());
    boolean reGrant =
        !grantee.isAdministrator()
            && grant.authorisationRef().map(a -> a.kind() == Authorisation.Kind.GRANT).orElse(false)
            && !own.awsAccountId().equals(holder.awsAccountId());
    return reGrant ? own : holder;
  }

  /**
   * Every account whose Lake Formation may hold grants to {@code grantee} on {@code resource}: the
   * holder, and the grantee's own account for its administrator's re-grants.
   */
  List<AwsAccount> callers(Principal grantee, Resource resource) {
    AwsAccount holder = resources.keeper(grantee, resource);
    AwsAccount own = names.account(grantee.account());
    return grantee.isAdministrator() || own.awsAccountId().equals(holder.awsAccountId())
        ? List.of(holder)
        : List.of(holder, own);
  }

  /**
   * Grants the permissions and grant options; granting what is held already changes nothing. A tag
   * policy granted to a principal of another account is preceded by DESCRIBE, with grant option,
   * for that account on the policy's LF-tag values ({@link #shareTagValues}).
   */
  void grant(Grant grant) {
    foreignPolicy(grant.grantee(), grant.resource())
        .ifPresent(p -> shareTagValues(p, grant.grantee(), grant));
    apply(
        true,
        caller(grant),
        principal(grant.grantee()),
        resources.entries(
            grant.grantee(), grant.resource(), grant.permissions(), grant.grantable(), true),
        grant);
  }

  /**
   * Revokes what the grantee holds of {@code permissions} in Lake Formation, as Lake Formation
   * lists it in every account that may hold it (so that revoking again after a partial failure
   * revokes only what is left). A revoked tag policy of another account's principal also ends that
   * account's DESCRIBE on the values no tag policy held in or by the account still names.
   *
   * @param recorded the entry as lakemesh recorded it, if any
   */
  void revoke(
      Principal grantee, Resource resource, Set<Permission> permissions, Optional<Grant> recorded) {
    boolean wholeEntry = recorded.map(g -> g.without(permissions).isEmpty()).orElse(true);
    DataLakePrincipal principal = principal(grantee);
    String subject = grantee + " " + Permission.format(permissions) + " on " + resource;
    for (AwsAccount caller : callers(grantee, resource)) {
      List<LakeFormationResources.Entry> toRevoke = new ArrayList<>();
      for (LakeFormationResources.Entry wanted :
          resources.entries(grantee, resource, permissions, permissions, wholeEntry)) {
        HeldPermissions held = held(caller, principal, wanted);
        Set<Permission> revoke = intersect(wanted.permissions(), held.permissions());
        Set<Permission> grantOption = intersect(wanted.grantable(), held.grantable());
        if (!revoke.isEmpty() || !grantOption.isEmpty()) {
          toRevoke.add(new LakeFormationResources.Entry(wanted.resource(), revoke, grantOption));
        }
      }
      if (!toRevoke.isEmpty()) {
        apply(false, caller, principal, toRevoke, subject);
      }
    }
    foreignPolicy(grantee, resource).ifPresent(p -> endUnusedTagValues(p, grantee, subject));
  }

  /** The tag policy, when it is granted to a principal of an account that does not hold it. */
  private Optional<Resource.LfTagPolicy> foreignPolicy(Principal grantee, Resource resource) {
    if (resource instanceof Resource.LfTagPolicy policy
        && !names
            .account(grantee.account())
            .awsAccountId()
            .equals(names.holder(policy.catalog()).awsAccountId())) {
      return Optional.of(policy);
    }
    return Optional.empty();
  }

  /**
   * The holder grants the grantee's account DESCRIBE with grant option on each key of the policy
   * and the values it names. Lake Formation lets an account grant on an LF-tag expression of
   * another catalog to its own principals when it holds that very policy with grant option, or
   * DESCRIBE on every tag-value pair of it ("Permission cascading rules"); LF-tag permissions go to
   * an external account only with grant option ("Managing LF-Tag value permissions").
   */
  private void shareTagValues(Resource.LfTagPolicy policy, Principal grantee, Object subject) {
    apply(
        true,
        names.holder(policy.catalog()),
        principal(Principal.administrator(grantee.account())),
        resources.tagDescribe(policy),
        subject);
  }

  /**
   * Revokes the account's DESCRIBE on the values of the ended policy that no tag policy of the same
   * catalog still names, whether the account holds it (in the holder's Lake Formation) or one of
   * its principals does (in the account's own), one value at a time.
   */
  private void endUnusedTagValues(Resource.LfTagPolicy policy, Principal grantee, Object subject) {
    AwsAccount holder = names.holder(policy.catalog());
    AwsAccount account = names.account(grantee.account());
    DataLakePrincipal shared = principal(Principal.administrator(grantee.account()));
    Set<String> ended = LakeFormationResources.tagPairs(resources.of(policy));
    List<PrincipalResourcePermissions> inHolder =
        list(holder, null, null).stream().filter(p -> shared.equals(p.principal())).toList();
    List<PrincipalResourcePermissions> stillHeld = new ArrayList<>(inHolder);
    stillHeld.addAll(list(account, null, null));
    for (PrincipalResourcePermissions p : stillHeld) {
      var other = p.resource().lfTagPolicy();
      if (other != null
          && holder.awsAccountId().equals(other.catalogId())
          && !(p.permissions().isEmpty() && p.permissionsWithGrantOption().isEmpty())) {
        ended.removeAll(LakeFormationResources.tagPairs(p.resource()));
      }
    }
    List<LakeFormationResources.Entry> unused = new ArrayList<>();
    for (PrincipalResourcePermissions p : inHolder) {
      var tag = p.resource().lfTag();
      if (tag == null
          || !LakeFormationResources.mesh(p.permissions()).contains(Permission.DESCRIBE)) {
        continue;
      }
      boolean grantable =
          LakeFormationResources.mesh(p.permissionsWithGrantOption()).contains(Permission.DESCRIBE);
      for (String value : tag.tagValues()) {
        if (ended.remove(tag.tagKey() + "=" + value)) {
          unused.add(
              LakeFormationResources.tagDescribe(
                  tag.catalogId(), tag.tagKey(), List.of(value), grantable));
        }
      }
    }
    if (!unused.isEmpty()) {
      apply(false, holder, shared, unused, subject);
    }
  }

  /**
   * What Lake Formation holds for the grantee on the resource, in every account that may hold it.
   */
  HeldPermissions held(Principal grantee, Resource resource, LakeFormationResources.Entry wanted) {
    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    Set<Permission> grantable = EnumSet.noneOf(Permission.class);
    for (AwsAccount caller : callers(grantee, resource)) {
      HeldPermissions held = held(caller, principal(grantee), wanted);
      permissions.addAll(held.permissions());
      grantable.addAll(held.grantable());
    }
    return new HeldPermissions(permissions, grantable);
  }

  /**
   * Grants or revokes the entries: one entry in one call, several in one batch call, whose
   * per-entry failures count as failures of the whole.
   */
  void apply(
      boolean grant,
      AwsAccount caller,
      DataLakePrincipal principal,
      List<LakeFormationResources.Entry> entries,
      Object subject) {
    if (entries.size() == 1) {
      LakeFormationResources.Entry e = entries.get(0);
      String api = grant ? "lakeformation:GrantPermissions" : "lakeformation:RevokePermissions";
      clients
          .call(caller, api, subject)
          .run(
              () -> {
                if (grant) {
                  lf(caller)
                      .grantPermissions(
                          r ->
                              r.principal(principal)
                                  .resource(e.resource())
                                  .permissions(e.lfPermissions())
                                  .permissionsWithGrantOption(e.lfGrantable()));
                } else {
                  lf(caller)
                      .revokePermissions(
                          r ->
                              r.principal(principal)
                                  .resource(e.resource())
                                  .permissions(e.lfPermissions())
                                  .permissionsWithGrantOption(e.lfGrantable()));
                }
              });
      return;
    }
    List<BatchPermissionsRequestEntry> batch = batch(principal, entries);
    AwsCall call =
        clients.call(
            caller,
            grant ? "lakeformation:BatchGrantPermissions" : "lakeformation:BatchRevokePermissions",
            subject);
    List<BatchPermissionsFailureEntry> failures =
        call.run(
            () ->
                grant
                    ? lf(caller).batchGrantPermissions(r -> r.entries(batch)).failures()
                    : lf(caller).batchRevokePermissions(r -> r.entries(batch)).failures());
    requireNoFailures(call, failures);
  }

  /** A batch call's per-entry failures, as the failure of the whole call. */
  static void requireNoFailures(AwsCall call, List<BatchPermissionsFailureEntry> failures) {
    if (!failures.isEmpty()) {
      BatchPermissionsFailureEntry first = failures.get(0);
      String code = first.error() == null ? "" : String.valueOf(first.error().errorCode());
      throw call.failure(
          failures.size()
              + " of its entries failed, first on "
              + LakeFormationResources.key(first.requestEntry().resource())
              + ": "
              + code
              + ": "
              + (first.error() == null ? "" : first.error().errorMessage()),
          code.contains("AccessDenied"));
    }
  }

  /**
   * What Lake Formation lists for one principal on one resource, read back through ListPermissions.
   */
  HeldPermissions held(
      AwsAccount caller, DataLakePrincipal principal, LakeFormationResources.Entry wanted) {
    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    Set<Permission> grantable = EnumSet.noneOf(Permission.class);
    for (PrincipalResourcePermissions p : list(caller, principal, filterOf(wanted.resource()))) {
      if (LakeFormationResources.key(p.resource()).equals(wanted.key())) {
        permissions.addAll(LakeFormationResources.mesh(p.permissions()));
        grantable.addAll(LakeFormationResources.mesh(p.permissionsWithGrantOption()));
      }
    }
    return new HeldPermissions(permissions, grantable);
  }

  /**
   * Lists permissions recorded in the caller's Lake Formation; filtered by principal and resource
   * when given.
   */
  List<PrincipalResourcePermissions> list(
      AwsAccount caller,
      DataLakePrincipal principal,
      software.amazon.awssdk.services.lakeformation.model.Resource resource) {
    Object subject =
        resource == null
            ? "catalog " + caller.awsAccountId()
            : LakeFormationResources.key(resource);
    return clients
        .call(caller, "lakeformation:ListPermissions", subject)
        .run(
            () ->
                lf(caller)
                    .listPermissionsPaginator(
                        r -> {
                          if (principal != null) {
                            r.principal(principal);
                          }
                          if (resource != null) {
                            r.resource(resource);
                          }
                        })
                    .stream()
                    .flatMap(page -> page.principalResourcePermissions().stream())
                    .toList());
  }

  DataLakePrincipal principal(Principal grantee) {
    return DataLakePrincipal.builder()
        .dataLakePrincipalIdentifier(names.lakeFormationPrincipal(grantee))
        .build();
  }

  /**
   * ListPermissions does not filter by a column list; it lists a table's column grants when asked
   * for the table.
   */
  private static software.amazon.awssdk.services.lakeformation.model.Resource filterOf(
      software.amazon.awssdk.services.lakeformation.model.Resource resource) {
    var columns = resource.tableWithColumns();
    if (columns == null) {
      return resource;
    }
    return software.amazon.awssdk.services.lakeformation.model.Resource.builder()
        .table(
            t ->
                t.catalogId(columns.catalogId())
                    .databaseName(columns.databaseName())
                    .name(columns.name()))
        .build();
  }

  private static List<BatchPermissionsRequestEntry> batch(
      DataLakePrincipal principal, List<LakeFormationResources.Entry> entries) {
    List<BatchPermissionsRequestEntry> batch = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      LakeFormationResources.Entry e = entries.get(i);
      batch.add(
          BatchPermissionsRequestEntry.builder()
              .id(Integer.toString(i))
              .principal(principal)
              .resource(e.resource())
              .permissions(e.lfPermissions())
              .permissionsWithGrantOption(e.lfGrantable())
              .build());
    }
    return batch;
  }

  private LakeFormationClient lf(AwsAccount account) {
    return clients.lakeFormation(account);
  }

  private static Set<Permission> intersect(Set<Permission> a, Set<Permission> b) {
    Set<Permission> both = EnumSet.noneOf(Permission.class);
    both.addAll(a);
    both.retainAll(b);
    return both;
  }
}
