package io.lakemesh.governance.rules;

import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.Principal;

/** Access-denied errors in one stable shape: principal, action, resource, what is missing. */
final class Denials {
  private Denials() {}

  /**
   * {@code access denied: marketing:analyst may not SELECT table sales:sales.orders: missing
   * SELECT}.
   */
  static AccessDeniedException of(
      Principal principal, String action, Object resource, String missing) {
    return new AccessDeniedException(
        "access denied: " + principal + " may not " + action + " " + resource + ": " + missing);
  }

  static AccessDeniedException unknown(Principal principal, String action, Object resource) {
    return of(
        principal,
        action,
        resource,
        "unknown principal " + principal + " (not declared in the mesh; nothing acts anonymously)");
  }
}
