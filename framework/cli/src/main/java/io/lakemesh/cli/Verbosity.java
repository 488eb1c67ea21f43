package io.lakemesh.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * What reaches stderr besides lakemesh's own progress and errors. Spark, Iceberg, Hadoop, Deequ
 * (and ANTLR's notices, see {@code DqdlRules}) log through log4j2; on a normal run their warnings
 * are about their internals, not the user's data, and lakemesh reports every failure itself. So the
 * CLI shows none of their log unless {@code --verbose}, which restores the levels of the logging
 * config ({@code conf/log4j2.properties}).
 */
final class Verbosity {
  private Verbosity() {}

  static void apply(boolean verbose) {
    try {
      if (verbose) {
        LoggerContext.getContext(false).reconfigure();
      } else {
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
      }
    } catch (LinkageError | ClassCastException e) {
      // Another logging backend than log4j-core (a cluster's own): its config decides, as before.
    }
  }
}
