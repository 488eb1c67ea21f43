package io.lakemesh.runtime;

import io.lakemesh.exceptions.BatchRejectedException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.ProductSpec;
import java.util.function.Supplier;
import org.apache.spark.sql.AnalysisException;

/** Turns Spark's failures in user code into errors that say which product and what broke. */
final class Errors {
  private Errors() {}

  static <T> T transform(ProductSpec spec, Supplier<T> work) {
    try {
      return work.get();
    } catch (AnalysisException e) {
      throw new InvalidConfigException("transform", spec.id() + ": the transform failed: " + firstLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      if (e instanceof io.lakemesh.exceptions.LakemeshException l) {
        throw l;
      }
      throw new TransformFailedException(spec.id() + ": the transform failed: " + describe(e), e);
    }
  }

  /** The innermost useful message of a Spark failure, without its stack or plan. */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage());
    return root == e ? message : root.getClass().getSimpleName() + ": " + message;
  }

  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** Reading the sources failed in a way that says the data, not the code, is wrong. */
  static BatchRejectedException unreadable(String source, Throwable e) {
    return new BatchRejectedException("source " + source + " cannot be read: " + describe(e), e);
  }
}
