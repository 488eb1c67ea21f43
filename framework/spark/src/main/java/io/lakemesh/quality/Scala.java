package io.lakemesh.quality;

import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import scala.Function1;
import scala.Option;
import scala.Predef;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The few conversions Deequ's Scala signatures need from Java. */
final class Scala {
  private Scala() {}

  /** An immutable Scala list, which is what a Deequ {@code Seq} or {@code List} parameter takes. */
  static <T> scala.collection.immutable.List<T> seq(List<T> list) {
    return JavaConverters.asScalaBuffer(list).toList();
  }

  static <T> List<T> java(Seq<T> seq) {
    return JavaConverters.seqAsJavaList(seq);
  }

  static <K, V> Map<K, V> java(scala.collection.Map<K, V> map) {
    return JavaConverters.mapAsJavaMap(map);
  }

  static <K, V> scala.collection.immutable.Map<K, V> map(Map<K, V> map) {
    return JavaConverters.mapAsScalaMap(map).toMap(Predef.$conforms());
  }

  /** A Deequ assertion on a metric value, which Scala hands over boxed. */
  static Function1<Object, Object> assertion(DoublePredicate test) {
    return value -> test.test(((Number) value).doubleValue());
  }

  /** A Scala {@code Option[Double]} as Deequ's strategies take it: absent when {@code value} is. */
  static Option<Object> option(Double value) {
    return value == null ? Option.empty() : Option.apply(value);
  }
}
