package io.lakemesh.governance.rules;

import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;

/**
 * Permissions on a resource link stay inside the link's account: its administrator may grant on the
 * link to the principals of its own account, so that they can use it, but only the owner of the
 * target shares the target with other accounts. A link's holder therefore can neither grant on its
 * link across accounts nor have others ask it for access to it. Lake Formation draws the same line:
 * permissions on a resource link are granted to principals of the link's own account, and granting
 * on a link grants nothing on its target, which its owner shares separately
 * (https://docs.aws.amazon.com/lake-formation/latest/dg/resource-links-about.html,
 * https://docs.aws.amazon.com/lake-formation/latest/dg/granting-link-permissions.html).
 */
final class LinkBoundary {
  private final LinkResolver resolver;

  LinkBoundary(LinkResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * Refuses {@code action} when the resource is (or lies in) a resource link and {@code grantee} is
   * outside the link's account.
   */
  void requireInside(Principal actor, String action, Resource resource, Principal grantee) {
    String account = resource.catalog();
    if (grantee.account().equals(account)) {
      return;
    }
    Resolved link = resolve(resource);
    if (link == null) {
      return;
    }
    throw Denials.of(
        actor,
        action,
        resource,
        link.first().name()
            + " is a resource link of account "
            + account
            + "; permissions on a link stay inside its account, and only the owner "
            + link.owner()
            + " shares "
            + link.target()
            + " with account "
            + grantee.account()
            + " (ask "
            + link.owner()
            + " for access to "
            + link.target()
            + ")");
  }

  private record Resolved(ResourceLink first, Object target, String owner) {}

  /** The first link the resource's name goes through, and where it leads; null for none. */
  private Resolved resolve(Resource resource) {
    if (resource instanceof Resource.Database d) {
      LinkResolver.DatabaseResolution r = resolver.resolve(d.id());
      return r.throughLink()
          ? new Resolved(r.via().get(0), "database " + r.target(), r.target().catalog())
          : null;
    }
    return resource
        .tableId()
        .map(resolver::resolve)
        .filter(LinkResolver.TableResolution::throughLink)
        .map(r -> new Resolved(r.via().get(0), "table " + r.target(), r.target().catalog()))
        .orElse(null);
  }
}
