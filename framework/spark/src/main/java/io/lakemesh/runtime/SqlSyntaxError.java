package io.lakemesh.runtime;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * A SQL transform that does not parse, told as the author needs it: the file, the line and column,
 * Spark's reason and the offending line with a caret under the position.
 */
final class SqlSyntaxError {
  private SqlSyntaxError() {}

  static String describe(String product, Path file, String code, ParseException e) {
    // message() is Spark's reason alone; getMessage() adds a leading newline and the whole query.
    String reason =
        e.message() == null || e.message().isBlank()
            ? Errors.firstLine(e.getMessage())
            : e.message().strip();
    if (!e.line().isDefined()) {
      return product + ": the SQL transform in " + file + " does not parse: " + reason;
    }
    int line = (Integer) e.line().get();
    // Spark's position is the 0-based character offset within the line.
    int pos = e.startPosition().isDefined() ? (Integer) e.startPosition().get() : 0;
    StringBuilder text =
        new StringBuilder()
            .append(product)
            .append(": the SQL transform does not parse: ")
            .append(file)
            .append(':')
            .append(line)
            .append(':')
            .append(pos + 1)
            .append(" (line ")
            .append(line)
            .append(", column ")
            .append(pos + 1)
            .append("): ")
            .append(reason);
    List<String> lines = code.lines().toList();
    if (line >= 1 && line <= lines.size()) {
      String offending = lines.get(line - 1);
      text.append("\n  ")
          .append(offending)
          .append("\n  ")
          .append(" ".repeat(Math.min(pos, offending.length())))
          .append('^');
    }
    return text.append("\nfix the SQL at that position in ")
        .append(file.getFileName())
        .append(" and run again")
        .toString();
  }
}
