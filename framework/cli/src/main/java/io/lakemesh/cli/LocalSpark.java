package io.lakemesh.cli;

import io.lakemesh.runtime.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * Spark over an environment's warehouse, for the commands that run it. Kept out of {@link
 * Environment} and the command classes on purpose: picocli reads every declared field and method of
 * each command and mixin when the command line is built, so a Spark type in one of their signatures
 * would load Spark for every command, and fail those run without Spark on the classpath ({@code
 * CatalogCommandsWithoutSparkTest} holds this).
 */
public final class LocalSpark {
  private LocalSpark() {}

  /**
   * The shared session; its Iceberg catalogs on SQLite live in the mesh home, created if need be.
   */
  public static SparkSession of(Environment env) {
    env.ensureHome();
    return SparkSessions.shared(env.config().spark());
  }
}
