package io.lakemesh.governance;

import io.lakemesh.catalog.CatalogFixtures;
import java.util.Set;

/**
 * Grants for tests, built by name rather than by position: {@link #grantOf} gives a builder with
 * the usual parts filled in, and a test sets only what it is about.
 */
public final class GrantFixtures {
  private GrantFixtures() {}

  /**
   * A grant not yet stored, held in the governance account's catalog and made by the governance
   * administrator at {@link CatalogFixtures#T0}, without grant option, authorisation or expiry.
   */
  public static Grant.Builder grantOf(
      Principal grantee, Resource resource, Permission... permissions) {
    return Grant.builder(grantee, resource, Set.of(permissions))
        .catalog("governance")
        .grantor(MeshFixtures.GOVERNANCE)
        .grantedAt(CatalogFixtures.T0);
  }
}
