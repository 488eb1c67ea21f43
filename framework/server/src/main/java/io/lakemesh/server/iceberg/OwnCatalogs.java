package io.lakemesh.server.iceberg;

import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;
import org.apache.iceberg.catalog.Catalog;

/**
 * A producer's own tables: the administrator of a producer account sees its account's Iceberg
 * catalog, the one its jobs write to, and creates, commits, renames and drops tables there (the
 * governance rules keep its published products out of reach; see {@code checkWarehouseChange}).
 * Anyone else sees no tables of their own here.
 */
public final class OwnCatalogs implements PrincipalCatalogs {
  private final AccountCatalogs warehouses;
  private final Mesh mesh;

  public OwnCatalogs(AccountCatalogs warehouses, Mesh mesh) {
    this.warehouses = warehouses;
    this.mesh = mesh;
  }

  @Override
  public Catalog catalogFor(Principal principal) {
    String account = principal.account();
    if (!mesh.knows(principal) || !mesh.isProducer(account) || !principal.isAdministrator()) {
      return new NoTables(
          principal + " keeps no tables here: only a producer's administrator has a warehouse");
    }
    try {
      return warehouses.of(account);
    } catch (NotFoundException e) {
      return new NoTables(
          "account " + account + " has no warehouse on this server: " + e.getMessage());
    }
  }

  /** No account has a warehouse: a server started without the environment's warehouse. */
  public static AccountCatalogs noWarehouses() {
    return new AccountCatalogs() {
      @Override
      public Catalog of(String account) {
        throw new NotFoundException(
            "the catalog server was started without the warehouse settings (start it with"
                + " bin/lakemesh serve)");
      }

      @Override
      public void close() {}
    };
  }
}
