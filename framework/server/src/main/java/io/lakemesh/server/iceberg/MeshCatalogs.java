package io.lakemesh.server.iceberg;

import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.GovernanceService;
import org.apache.iceberg.catalog.Catalog;

/**
 * The Iceberg catalog each principal sees through the REST endpoint: its own account's tables when
 * it has them ({@link OwnCatalogs}: a producer's administrator, whose engines create and commit
 * there), and its link databases (where it reads what it was granted, see {@link LinkCatalog}). A
 * governance principal carries out decisions and reads no data: it sees only the links of its own
 * account, usually none.
 *
 * <p>Built over the rules of one request (the server binds them to the caller's access token), so
 * that every read and refusal on record names the token it came with.
 */
public final class MeshCatalogs implements PrincipalCatalogs {
  private final GovernanceService rules;
  private final CurrentTables tables;
  private final OwnCatalogs own;

  public MeshCatalogs(GovernanceService rules, AccountCatalogs accounts) {
    this(rules, accounts, new CurrentTables(accounts));
  }

  /**
   * @param tables the producers' tables as loaded by earlier requests (shared by the server's
   *     requests, so an unchanged table's metadata file is not read again)
   */
  public MeshCatalogs(GovernanceService rules, AccountCatalogs accounts, CurrentTables tables) {
    this.rules = rules;
    this.tables = tables;
    this.own = new OwnCatalogs(accounts, rules.mesh());
  }

  @Override
  public Catalog catalogFor(Principal principal) {
    Catalog mine = own.catalogFor(principal);
    // With no tables of its own, every namespace is the links' to answer for (no lookup first).
    return new MeshCatalog(
        mine instanceof NoTables ? null : mine, new LinkCatalog(rules, tables, principal));
  }
}
