package io.lakemesh.governance.spark;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.connect.ConnectionGuides;
import io.lakemesh.governance.rules.AccessDecision;
import io.lakemesh.governance.rules.GovernanceService;
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
  private final GovernanceService governance;
  private final Warehouse warehouse;
  private String key;

  public GovernedInputs(GovernanceService governance, Warehouse warehouse) {
    this.governance = governance;
    this.warehouse = warehouse;
  }

  @Override
  public Input open(SparkSession spark, ProductSpec reader, String source, TableId product) {
    AccessDecision decision = decide(reader, source, product);
    if (product.catalog().equals(reader.account())) {
      return new Input(
          spark.table(Warehouse.sparkCatalog(product.catalog()) + "." + product.qualifiedName()),
          decision.table());
    }
    if (key
        == null) { // registered on the first read through a link: a run that reads none starts no
      // Spark catalog
      key = GovernedCatalog.register(new GovernanceTableAccess(governance), warehouse);
    }
    String catalog = catalogName(reader.account());
    spark.conf().set("spark.sql.catalog." + catalog, GovernedCatalog.class.getName());
    spark
        .conf()
        .set(
            "spark.sql.catalog." + catalog + "." + GovernedCatalog.PRINCIPAL,
            Principal.administrator(reader.account()).toString());
    spark.conf().set("spark.sql.catalog." + catalog + "." + GovernedCatalog.ACCESS, key);
    TableId link = ResourceLink.defaultTableLink(reader.account(), product).link();
    return new Input(spark.table(catalog + "." + link.qualifiedName()), decision.table());
  }

  @Override
  public CatalogTable entry(ProductSpec reader, String source, TableId product) {
    return decide(reader, source, product).table();
  }

  /** SELECT checked: on its own products directly, on others' through the account's link. */
  private AccessDecision decide(ProductSpec reader, String source, TableId product) {
    Principal principal = Principal.administrator(reader.account());
    if (product.catalog().equals(reader.account())) {
      try {
        return governance.checkSelect(principal, product);
      } catch (NotFoundException e) {
        throw ProductInputs.notPublished(source, product);
      }
    }
    ResourceLink.TableLink link = ResourceLink.defaultTableLink(reader.account(), product);
    try {
      return governance.checkSelect(principal, link.link());
    } catch (NotFoundException noLink) {
      throw withoutLink(reader, source, product, link, principal);
    }
  }

  /**
   * Why the reader has no link: the product is not published, not granted, or granted but not
   * linked yet.
   */
  private RuntimeException withoutLink(
      ProductSpec reader,
      String source,
      TableId product,
      ResourceLink.TableLink link,
      Principal principal) {
    String prefix = "source " + source + " of " + reader.id() + ": ";
    String ask =
        " Ask for access: "
            + ConnectionGuides.requestAccessCommand(
                Principal.administrator(reader.account()), product)
            + "; the link "
            + link.link().qualifiedName()
            + " is created when "
            + product.catalog()
            + " approves.";
    try {
      governance.checkSelect(principal, product);
      return new NotFoundException(
          prefix
              + "account "
              + reader.account()
              + " may read "
              + product
              + " but has no link "
              + link.link().qualifiedName()
              + " to it yet; "
              + product.catalog()
              + " creates it on its next publish when "
              + reader.account()
              + " is among its subscribers.");
    } catch (NotFoundException e) {
      return ProductInputs.notPublished(source, product);
    } catch (AccessDeniedException e) {
      return new NotFoundException(
          prefix
              + "account "
              + reader.account()
              + " has no link "
              + link.link().qualifiedName()
              + " to "
              + product
              + " and no permission on it."
              + ask);
    }
  }

  /** Not the account's own Iceberg catalog, which the job writes to. */
  static String catalogName(String account) {
    return Warehouse.sparkCatalog(account) + "_reads";
  }

  @Override
  public void close() {
    if (key != null) {
      GovernedCatalog.unregister(key);
    }
  }
}
