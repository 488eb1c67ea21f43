package io.lakemesh.bench.handwritten;

import java.util.List;
import java.util.function.DoublePredicate;
import scala.Function1;
import scala.collection.JavaConverters;

/** The Scala values Deequ's API takes, built from Java: an assertion on a metric and a list. */
public final class ScalaArgs {
  private ScalaArgs() {}

  /** A Deequ assertion: the metric's value passes {@code test}. */
  public static Function1<Object, Object> at(DoublePredicate test) {
    return v -> test.test(((Number) v).doubleValue());
  }

  // Scala's List is spelled out in full: java.util.List, imported, is the one taken.
  public static <T> scala.collection.immutable.List<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }
}
