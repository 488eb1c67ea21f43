package io.lakemesh.server.iceberg;

import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.GovernanceService;
import org.apache.iceberg.catalog.Catalog;

/**
 * The Iceberg catalog each principal sees through the REST endpoint: its own account's namespaces
 * when the account produces (where its engines create and commit tables), and its link databases
 * (where it reads what it was granted, see {@link LinkCatalog}). A consumer or governance account
 * has no catalog of its own here: governance carries out decisions, it reads no data, so a
 * governance principal sees only the links of its own account (usually none).
 *
 * <p>Built over the rules of one caller (the server binds them to the caller's access token), so
 * that every read and refusal on record names the token it came with.
 */
public final class MeshCatalogs implements PrincipalCatalogs {
  private final GovernanceService rules;
  private final AccountCatalogs accounts;

  public MeshCatalogs(GovernanceService rules, AccountCatalogs accounts) {
    this.rules = rules;
    this.accounts = accounts;
  }

  @Override
  public Catalog catalogFor(Principal principal) {
    Catalog own = rules.mesh().isProducer(principal.account()) ? accounts.of(principal.account()) : null;
    return new MeshCatalog(own, new LinkCatalog(rules, accounts, principal));
  }
}
