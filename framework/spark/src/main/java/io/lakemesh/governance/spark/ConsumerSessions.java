package io.lakemesh.governance.spark;

import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.runtime.Warehouse;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session that acts as one principal: its current catalog is the principal's governed
 * catalog, so {@code SELECT ... FROM sales_link.orders} resolves the link and checks SELECT.
 */
public final class ConsumerSessions {
  private ConsumerSessions() {}

  /** An open session; closing it forgets the governance registration. */
  public record Session(SparkSession spark, String key) implements AutoCloseable {
    @Override
    public void close() {
      GovernedCatalog.unregister(key);
      SparkSession.clearActiveSession();
    }
  }

  public static Session open(
      SparkSession base, GovernanceService governance, Warehouse warehouse, Principal principal) {
    return open(base, new GovernanceTableAccess(governance), warehouse, principal);
  }

  /** A session whose reads {@code access} decides (the governance rules, perhaps with hints). */
  public static Session open(
      SparkSession base, TableAccess access, Warehouse warehouse, Principal principal) {
    String key = GovernedCatalog.register(access, warehouse);
    String catalog = Warehouse.sparkCatalog(principal.account());
    SparkSession session = base.newSession();
    session.conf().set("spark.sql.catalog." + catalog, GovernedCatalog.class.getName());
    session
        .conf()
        .set(
            "spark.sql.catalog." + catalog + "." + GovernedCatalog.PRINCIPAL, principal.toString());
    session.conf().set("spark.sql.catalog." + catalog + "." + GovernedCatalog.ACCESS, key);
    // Spark resolves catalogs through the active session's conf on this thread.
    SparkSession.setActiveSession(session);
    session.sessionState().catalogManager().setCurrentCatalog(catalog);
    return new Session(session, key);
  }
}
