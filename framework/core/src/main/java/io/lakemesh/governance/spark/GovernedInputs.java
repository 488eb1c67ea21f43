package io.lakemesh.governance.spark;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.rules.AccessDecision;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.runtime.ProductInputs;
import io.lakemesh.runtime.Warehouse;
import io.lakemesh.spec.ProductSpec;
import org.apache.spark.sql.SparkSession;

/**
 * A producer reading another product is a consumer (DESIGN.md, lifecycle step 2): its job reads
 * through the account's link ({@code sales_link.orders} for {@code sales.orders}) in its governed
 * catalog, so SELECT is checked and columns that were not granted are not there. Its own products
 * it reads directly.
 */
public final class GovernedInputs implements ProductInputs, AutoCloseable {
  private final Governance governance;
  private final String key;

  public GovernedInputs(Governance governance, Warehouse warehouse) {
    this.governance = governance;
    this.key = GovernedCatalog.register(new GovernanceTableAccess(governance), warehouse);
  }

  @Override
  public Input open(SparkSession spark, ProductSpec reader, String source, TableId product) {
    CatalogTable published = governance.catalog().findTable(product).orElseThrow(() -> new NotFoundException(
        "source " + source + ": product " + product.database() + "." + product.table() + " is not published yet; run it first"));
    if (product.catalog().equals(reader.account())) {
      return new Input(spark.table(Warehouse.sparkCatalog(product.catalog()) + "." + product.qualifiedName()), published);
    }
    Principal principal = Principal.administrator(reader.account());
    ResourceLink.TableLink link = ResourceLink.defaultTableLink(reader.account(), product);
    AccessDecision decision;
    try {
      decision = governance.checkSelect(principal, link.link());
    } catch (NotFoundException e) {
      throw new NotFoundException("source " + source + " of " + reader.id() + ": account " + reader.account()
          + " has no link " + link.link().qualifiedName() + " to " + product + " (" + e.getMessage() + "). Ask for access:"
          + " bin/lakemesh request-access --as " + reader.account() + " --table " + product.qualifiedName()
          + " --perm SELECT; the link is created when " + product.catalog() + " approves.");
    }
    String catalog = catalogName(reader.account());
    spark.conf().set("spark.sql.catalog." + catalog, GovernedCatalog.class.getName());
    spark.conf().set("spark.sql.catalog." + catalog + "." + GovernedCatalog.PRINCIPAL, principal.toString());
    spark.conf().set("spark.sql.catalog." + catalog + "." + GovernedCatalog.ACCESS, key);
    return new Input(spark.table(catalog + "." + link.link().qualifiedName()), decision.table());
  }

  /** Not the account's own Iceberg catalog, which the job writes to. */
  static String catalogName(String account) {
    return Warehouse.sparkCatalog(account) + "_reads";
  }

  @Override
  public void close() {
    GovernedCatalog.unregister(key);
  }
}
