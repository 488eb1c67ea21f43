package io.lakemesh.catalog.aws;

import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.lakeformation.model.DataLakePrincipal;

// The AWS SDK's Resource is spelled out in full where used: lakemesh's
// Resource is imported here.

/**
 * DESCRIBE on a consumer's resource links for the principals of its account that hold a grant on
 * what the links lead to. "After you create a resource link, only you can view and access it ... To
 * permit other principals in your account to access the resource link, grant at least the DESCRIBE
 * permission" (Granting resource link permissions), and reaching a target through a link takes
 * permissions on both ("Resource link handling in AWS Glue APIs"). The account's administrator
 * created its links and needs nothing more. Granted in the link's account, with its credentials,
 * when the grant is made or the link created; revoked when the principal's last grant the link
 * serves ends, or before the link is dropped.
 */
final class LinkDescribeGrants {
  private final AwsNames names;
  private final GlueResourceLinks links;
  private final LakeFormationPermissions permissions;

  LinkDescribeGrants(
      AwsNames names, GlueResourceLinks links, LakeFormationPermissions permissions) {
    this.names = names;
    this.links = links;
    this.permissions = permissions;
  }

  /** After a grant: DESCRIBE on the grantee's links to the granted resource. */
  void granted(Grant grant) {
    if (!grant.grantee().isAdministrator()) {
      List<ResourceLink> own = links.list(grant.grantee().account());
      grant(grant.grantee(), serving(own, grant.resource()));
    }
  }

  /** After a new link: DESCRIBE on it to the principals of its account granted on its target. */
  void linked(ResourceLink link, List<Grant> grants) {
    for (Principal grantee : grantees(link, grants)) {
      grant(grantee, List.of(link));
    }
  }

  /**
   * After a grant ended: DESCRIBE taken back on the grantee's links to its resource that serve none
   * of the grantee's {@code remaining} grants.
   */
  void ended(Principal grantee, Resource resource, List<Grant> remaining) {
    if (grantee.isAdministrator()) {
      return;
    }
    List<ResourceLink> own = links.list(grantee.account());
    List<ResourceLink> unused = new ArrayList<>(serving(own, resource));
    remaining.forEach(g -> unused.removeAll(serving(own, g.resource())));
    revoke(grantee, unused);
  }

  /** Before a link is dropped: DESCRIBE on it taken back from the principals it was granted to. */
  void unlinking(ResourceLink link, List<Grant> grants) {
    for (Principal grantee : grantees(link, grants)) {
      revoke(grantee, List.of(link));
    }
  }

  /**
   * The DESCRIBE entries a recorded grant brings on links, by the account whose Lake Formation
   * holds them (the links' own), for comparing with what Lake Formation lists.
   *
   * @param linksOf the links of a mesh account
   */
  Map<AwsAccount, List<LakeFormationResources.Entry>> expected(
      Grant grant, Function<String, List<ResourceLink>> linksOf) {
    Map<AwsAccount, List<LakeFormationResources.Entry>> entries = new LinkedHashMap<>();
    if (!grant.grantee().isAdministrator()) {
      List<ResourceLink> serving =
          serving(linksOf.apply(grant.grantee().account()), grant.resource());
      if (!serving.isEmpty()) {
        entries.put(
            names.account(grant.grantee().account()),
            serving.stream().map(this::describe).toList());
      }
    }
    return entries;
  }

  private List<Principal> grantees(ResourceLink link, List<Grant> grants) {
    return grants.stream()
        .filter(g -> !g.grantee().isAdministrator())
        .filter(g -> g.grantee().account().equals(link.catalog()))
        .filter(g -> leadsTo(link, g.resource()))
        .map(Grant::grantee)
        .distinct()
        .toList();
  }

  private void grant(Principal grantee, List<ResourceLink> serving) {
    if (!serving.isEmpty()) {
      permissions.apply(
          true,
          names.account(grantee.account()),
          permissions.principal(grantee),
          serving.stream().map(this::describe).toList(),
          grantee + " DESCRIBE on its links");
    }
  }

  private void revoke(Principal grantee, List<ResourceLink> serving) {
    AwsAccount account = names.account(grantee.account());
    DataLakePrincipal principal = permissions.principal(grantee);
    List<LakeFormationResources.Entry> held =
        serving.stream()
            .map(this::describe)
            .filter(e -> !permissions.held(account, principal, e).permissions().isEmpty())
            .toList();
    if (!held.isEmpty()) {
      permissions.apply(false, account, principal, held, grantee + " DESCRIBE on its links");
    }
  }

  private static List<ResourceLink> serving(List<ResourceLink> links, Resource resource) {
    return links.stream().filter(l -> leadsTo(l, resource)).toList();
  }

  /** Whether a reader reaches (part of) the resource through the link. */
  private static boolean leadsTo(ResourceLink link, Resource resource) {
    if (resource instanceof Resource.LfTagPolicy) {
      return link.targetCatalog().equals(resource.catalog());
    }
    if (link instanceof ResourceLink.TableLink t) {
      return resource instanceof Resource.Database
          ? resource.databaseId().orElseThrow().equals(t.target().databaseId())
          : resource.tableId().map(t.target()::equals).orElse(false);
    }
    ResourceLink.DatabaseLink d = (ResourceLink.DatabaseLink) link;
    return resource.databaseId().map(d.target()::equals).orElse(false);
  }

  /** DESCRIBE on the link, in the link's own Glue catalog. */
  private LakeFormationResources.Entry describe(ResourceLink link) {
    String catalogId = names.account(link.catalog()).awsAccountId();
    var resource = software.amazon.awssdk.services.lakeformation.model.Resource.builder();
    if (link instanceof ResourceLink.TableLink t) {
      resource.table(
          r ->
              r.catalogId(catalogId)
                  .databaseName(names.database(t.link().database()))
                  .name(t.link().table()));
    } else {
      resource.database(
          r ->
              r.catalogId(catalogId)
                  .name(names.database(((ResourceLink.DatabaseLink) link).link().database())));
    }
    return new LakeFormationResources.Entry(
        resource.build(), Set.of(Permission.DESCRIBE), Set.of());
  }
}
