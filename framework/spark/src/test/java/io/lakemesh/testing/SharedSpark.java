package io.lakemesh.testing;

import io.lakemesh.runtime.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** The one SparkContext of a test JVM: small, local, quiet. Tests take sessions from it. */
public final class SharedSpark {
  private SharedSpark() {}

  public static SparkSession session() {
    return SparkSessions.shared(
        Map.of(
            "spark.master", "local[2]",
            "spark.sql.shuffle.partitions", "2",
            "spark.default.parallelism", "2",
            "spark.driver.host", "127.0.0.1",
            "spark.sql.adaptive.enabled", "false"));
  }
}
