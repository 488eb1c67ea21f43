package io.lakemesh.runtime;

import io.lakemesh.exceptions.BatchRejectedException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.spec.ProductSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.catalyst.parser.ParseException;

/** Turns Spark's failures in user code into errors that say which product and what broke. */
final class Errors {
  private Errors() {}

  static <T> T transform(ProductSpec spec, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      if (e instanceof LakemeshException l) {
        throw l;
      }
      throw new TransformFailedException(spec.id() + ": the transform failed: " + describe(e), e);
    } catch (Exception e) {
      // Spark declares AnalysisException checked in Java's eyes but throws it through Scala.
      if (e instanceof AnalysisException) {
        throw new InvalidConfigException(
            "transform", spec.id() + ": the transform failed: " + firstLine(e.getMessage()), e);
      }
      throw new TransformFailedException(spec.id() + ": the transform failed: " + describe(e), e);
    }
  }

  /**
   * Runs a SQL transform read from {@code file}. Spark's parse errors start with a newline, so
   * their first line is empty; they are reported with the file, line, column and offending line.
   */
  static <T> T sql(ProductSpec spec, Path file, String code, Supplier<T> work) {
    try {
      return transform(spec, work);
    } catch (InvalidConfigException e) {
      if (e.getCause() instanceof ParseException p) {
        throw new InvalidConfigException(
            "transform.sql", SqlSyntaxError.describe(spec.id(), file, code, p), p);
      }
      throw e;
    }
  }

  /** The innermost useful message of a Spark failure, without its stack or plan. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
    return root == e ? message : root.getClass().getSimpleName() + ": " + message;
  }

  /** The first line with text: some of Spark's messages (ParseException's) start with a newline. */
  static String firstLine(String text) {
    return text == null ? "" : text.strip().lines().findFirst().orElse("");
  }

  private static final List<String> DATA_ERRORS =
      List.of(
          "CSV header does not conform",
          "Number of column in CSV header",
          "FileNotFoundException",
          "Malformed records",
          "malformed",
          "Cannot parse");

  /** Spark's error classes of a conversion that the contract asked for and a value defeated. */
  private static final List<String> CAST_ERRORS =
      List.of("[CAST_INVALID_INPUT]", "[CAST_OVERFLOW", "[NUMERIC_VALUE_OUT_OF_RANGE]");

  /**
   * Runs the write; a failure that comes from unreadable input (a header that does not match the
   * declared columns, a file gone missing mid-run) rejects the batch instead of looking like a bug.
   */
  static void write(List<SourceReader.ReadSource> sources, Runnable write) {
    try {
      write.run();
    } catch (Exception e) {
      // Spark throws SparkException, checked in Java's eyes, through Scala: caught here as well.
      String message = describe(e);
      if (e instanceof LakemeshException l) {
        throw l;
      }
      if (CAST_ERRORS.stream().anyMatch(message::contains)) {
        String reason = message.replaceFirst(" (Use `try_cast`|If necessary set).*$", "");
        throw new BatchRejectedException(
            "a value does not convert to the type the schema contract"
                + " declares for a column with cast = true: "
                + reason
                + " Fix the value in the source, or"
                + " convert it in the transform (try_cast gives null where a value does not convert)",
            e);
      }
      if (DATA_ERRORS.stream().anyMatch(message::contains)) {
        String names =
            String.join(
                ", ",
                sources.stream().map(s -> s.spec().name() + " (" + s.location() + ")").toList());
        throw new BatchRejectedException(
            "cannot read the input of " + names + ": " + message + headerHint(e), e);
      }
      throw Errors.<RuntimeException>rethrow(e);
    }
  }

  private static final Pattern HEADER_LENGTH =
      Pattern.compile("Header length: (\\d+), schema size: (\\d+)");

  /**
   * What a CSV header of the wrong width most often means: a header read as one column is a file
   * separated by something other than a comma, which Spark reports only as a count.
   */
  static String headerHint(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Matcher m = HEADER_LENGTH.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        String counts =
            " (the header has "
                + m.group(1)
                + " column(s), the source's schema "
                + m.group(2)
                + ")";
        return m.group(1).equals("1") && !m.group(2).equals("1")
            ? counts
                + "; the header reads as one column, so the file is probably not separated by commas:"
                + " set its separator in the source spec, e.g. options { sep = \";\" } (or \"\\t\", \"|\")"
            : counts + "; make the source's schema list the file's columns in the file's order";
      }
    }
    return "";
  }

  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Exception e) throws E {
    throw (E) e;
  }
}
