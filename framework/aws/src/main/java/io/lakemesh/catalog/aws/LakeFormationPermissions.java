package io.lakemesh.catalog.aws;

import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.ExternalServiceException;
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

/**
 * Grants and revokes in Lake Formation, made by the account Lake Formation requires: the holder of
 * the data for grants to whole accounts and to principals of its own account, the grantee's account
 * for its administrator's re-grants to principals inside it (Lake Formation grants across accounts
 * only to accounts).
 */
final class LakeFormationPermissions {
  private final String catalog;
  private final AwsNames names;
  private final AwsClients clients;
  private final LakeFormationResources resources;

  LakeFormationPermissions(
      String catalog, AwsNames names, AwsClients clients, LakeFormationResources resources) {
    this.catalog = catalog;
    this.names = names;
    this.clients = clients;
    this.resources = resources;
  }

  /** The account whose Lake Formation records a grant to {@code grantee} on {@code resource}. */
  AwsAccount caller(Principal grantee, Resource resource) {
    AwsAccount holder = names.holder(resource.catalog());
    if (!grantee.isAdministrator()) {
      AwsAccount own = names.account(grantee.account());
      if (!own.awsAccountId().equals(holder.awsAccountId())) {
        return own;
      }
    }
    return holder;
  }

  /** Grants the permissions and grant options; granting what is held already changes nothing. */
  void grant(Grant grant) {
    List<LakeFormationResources.Entry> entries =
        resources.entries(grant.resource(), grant.permissions(), grant.grantable(), true);
    AwsAccount caller = caller(grant.grantee(), grant.resource());
    DataLakePrincipal principal = principal(grant.grantee());
    if (entries.size() == 1) {
      LakeFormationResources.Entry e = entries.get(0);
      call(caller, "lakeformation:GrantPermissions", grant)
          .run(
              () ->
                  lf(caller)
                      .grantPermissions(
                          r ->
                              r.principal(principal)
                                  .resource(e.resource())
                                  .permissions(e.lfPermissions())
                                  .permissionsWithGrantOption(e.lfGrantable())));
      return;
    }
    List<BatchPermissionsFailureEntry> failures =
        call(caller, "lakeformation:BatchGrantPermissions", grant)
            .run(
                () ->
                    lf(caller)
                        .batchGrantPermissions(r -> r.entries(batch(principal, entries)))
                        .failures());
    requireNone(failures, caller, "lakeformation:BatchGrantPermissions", grant);
  }

  /**
   * Revokes what the grantee holds of {@code permissions} in Lake Formation, as Lake Formation
   * lists it (so that revoking again after a partial failure revokes only what is left).
   *
   * @param recorded the entry as lakemesh recorded it, if any
   */
  void revoke(
      Principal grantee, Resource resource, Set<Permission> permissions, Optional<Grant> recorded) {
    boolean wholeEntry = recorded.map(g -> permissions.containsAll(g.permissions())).orElse(true);
    AwsAccount caller = caller(grantee, resource);
    DataLakePrincipal principal = principal(grantee);
    List<LakeFormationResources.Entry> toRevoke = new ArrayList<>();
    for (LakeFormationResources.Entry wanted :
        resources.entries(resource, permissions, permissions, wholeEntry)) {
      HeldPermissions held = held(caller, principal, wanted);
      Set<Permission> revoke = intersect(wanted.permissions(), held.permissions());
      Set<Permission> grantOption = intersect(wanted.grantable(), held.grantable());
      if (!revoke.isEmpty() || !grantOption.isEmpty()) {
        toRevoke.add(new LakeFormationResources.Entry(wanted.resource(), revoke, grantOption));
      }
    }
    String subject = grantee + " " + Permission.format(permissions) + " on " + resource;
    if (toRevoke.size() == 1) {
      LakeFormationResources.Entry e = toRevoke.get(0);
      call(caller, "lakeformation:RevokePermissions", subject)
          .run(
              () ->
                  lf(caller)
                      .revokePermissions(
                          r ->
                              r.principal(principal)
                                  .resource(e.resource())
                                  .permissions(e.lfPermissions())
                                  .permissionsWithGrantOption(e.lfGrantable())));
    } else if (toRevoke.size() > 1) {
      List<BatchPermissionsFailureEntry> failures =
          call(caller, "lakeformation:BatchRevokePermissions", subject)
              .run(
                  () ->
                      lf(caller)
                          .batchRevokePermissions(r -> r.entries(batch(principal, toRevoke)))
                          .failures());
      requireNone(failures, caller, "lakeformation:BatchRevokePermissions", subject);
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
    return call(caller, "lakeformation:ListPermissions", subject)
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

  /** A batch answers 200 with per-entry failures; each is as much a failure as an error reply. */
  private void requireNone(
      List<BatchPermissionsFailureEntry> failures, AwsAccount caller, String api, Object subject) {
    if (failures.isEmpty()) {
      return;
    }
    BatchPermissionsFailureEntry first = failures.get(0);
    String code = first.error() == null ? "" : String.valueOf(first.error().errorCode());
    String message =
        "aws catalog '"
            + catalog
            + "': "
            + api
            + " on "
            + subject
            + " by account "
            + caller.id()
            + " ("
            + caller.awsAccountId()
            + ") failed for "
            + failures.size()
            + " of its entries, first on "
            + LakeFormationResources.key(first.requestEntry().resource())
            + ": "
            + code
            + ": "
            + (first.error() == null ? "" : first.error().errorMessage());
    if (code.contains("AccessDenied")) {
      throw new AccessDeniedException(message);
    }
    throw new ExternalServiceException(message, null);
  }

  private static Set<Permission> intersect(Set<Permission> a, Set<Permission> b) {
    Set<Permission> both = EnumSet.noneOf(Permission.class);
    both.addAll(a);
    both.retainAll(b);
    return both;
  }

  private AwsCall call(AwsAccount account, String api, Object subject) {
    return AwsCall.of(catalog, account, api, subject);
  }

  private LakeFormationClient lf(AwsAccount account) {
    return clients.lakeFormation(account);
  }
}
