package io.lakemesh.runtime;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Option;

/**
 * One SparkContext per JVM; every job gets its own {@link SparkSession#newSession() session} so
 * that its catalogs (one per account, pointing at its mesh home) never leak into another job's.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * The shared session. Uses the master given by {@code spark-submit} or {@code spark.master}; only
   * when none is set does it fall back to {@code local[*]}, so the same jar runs on a cluster.
   */
  public static synchronized SparkSession shared(Map<String, String> settings) {
    SparkConf conf = new SparkConf();
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.app.name", "lakemesh");
    conf.set(
        "spark.sql.extensions",
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.sql.shuffle.partitions", "8");
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    settings.forEach(conf::set);
    // After the settings, which may name a cluster's master: on one JVM no executor would need the
    // class on its own classpath. A file system of the settings' own still wins.
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.hadoop." + LocalFiles.SETTING, LocalFiles.class.getName());
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /**
   * Closes the session's Iceberg catalogs so their database connections (and any read transaction a
   * connection left open) end with the job instead of outliving it.
   */
  public static void closeCatalogs(SparkSession session, Collection<String> accounts) {
    withActive(
        session,
        () -> {
          closeLoaded(session, accounts);
          return null;
        });
  }

  /**
   * Runs {@code work} with {@code session} as the thread's active session: Spark resolves catalog
   * names against the active session's conf, not against the session that asks.
   */
  public static <T> T withActive(SparkSession session, Supplier<T> work) {
    Option<SparkSession> previous = SparkSession.getActiveSession();
    SparkSession.setActiveSession(session);
    try {
      return work.get();
    } finally {
      if (previous.isDefined()) {
        SparkSession.setActiveSession(previous.get());
      } else {
        SparkSession.clearActiveSession();
      }
    }
  }

  private static void closeLoaded(SparkSession session, Collection<String> accounts) {
    for (String account : accounts) {
      var plugin = session.sessionState().catalogManager().catalog(Warehouse.sparkCatalog(account));
      if (plugin instanceof SparkCatalog iceberg
          && iceberg.icebergCatalog() instanceof Closeable closeable) {
        try {
          closeable.close();
        } catch (IOException e) {
          // Closing is best effort; the connection dies with the JVM at the latest.
        }
      }
    }
  }

  /**
   * Applies the config's Spark settings that a session may change at run time. A new session takes
   * its defaults from the context, so settings given after the context was made (by another job in
   * the same driver, or a test) would otherwise be lost to it.
   */
  public static SparkSession withSettings(SparkSession session, Map<String, String> settings) {
    settings.forEach(
        (key, value) -> {
          if (session.conf().isModifiable(key)) {
            session.conf().set(key, value);
          }
        });
    return session;
  }

  /** A fresh session over the shared context, with an Iceberg catalog for each account. */
  public static SparkSession forAccounts(
      SparkSession base, Warehouse warehouse, Collection<String> accounts) {
    SparkSession session = base.newSession();
    for (String account : accounts) {
      warehouse.sparkConf(account).forEach((k, v) -> session.conf().set(k, v));
    }
    return session;
  }
}
