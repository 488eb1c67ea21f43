package io.lakemesh.governance.rules;

import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;

/** Who a principal is with respect to the data of one account. */
enum Standing {
  /** Not declared in the mesh: may do nothing. */
  UNKNOWN,
  /** The administrator of the account that owns the data (the producer, for product data). */
  OWNER,
  /** The administrator of the governance account whose catalog holds the owner's entries. */
  GOVERNOR,
  /** Anyone else: other producers, consumers, principals inside any account. */
  OTHER;

  static Standing of(Mesh mesh, Principal principal, String owner) {
    if (!mesh.knows(principal)) {
      return UNKNOWN;
    }
    if (principal.isAdministratorOf(owner)) {
      return OWNER;
    }
    if (principal.isAdministrator() && mesh.governs(principal.account(), owner)) {
      return GOVERNOR;
    }
    return OTHER;
  }
}
