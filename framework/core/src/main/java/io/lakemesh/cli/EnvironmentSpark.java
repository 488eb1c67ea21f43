package io.lakemesh.cli;

import io.lakemesh.runtime.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * Spark for the commands that run it. Not a method of {@link Environment}: picocli reads every
 * method of a mixin when the CLI starts, and a method returning a Spark type would load Spark's
 * classes for every command.
 */
final class EnvironmentSpark {
  private EnvironmentSpark() {}

  /** Spark, over the warehouse; its Iceberg catalogs on SQLite live in the mesh home, created if need be. */
  static SparkSession of(Environment env) {
    Environment.ensureHome(env.config(), env.config().catalogProperties().get("uri"));
    return SparkSessions.shared(env.config().spark());
  }
}
