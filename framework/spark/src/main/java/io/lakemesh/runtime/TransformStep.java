package io.lakemesh.runtime;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.TransformSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The transform applied: its SQL over the sources as views, or its Java class over them by name.
 */
final class TransformStep {
  private TransformStep() {}

  /**
   * @param code the transform's code as {@link TransformCode} read it
   */
  static Dataset<Row> apply(
      ProductSpec spec,
      SparkSession spark,
      List<SourceReader.ReadSource> sources,
      String code,
      Path specDir) {
    Map<String, Dataset<Row>> byName = new LinkedHashMap<>();
    for (SourceReader.ReadSource s : sources) {
      s.data().createOrReplaceTempView(s.spec().name());
      byName.put(s.spec().name(), s.data());
    }
    if (spec.transform() instanceof TransformSpec.Sql sql) {
      return Errors.sql(spec, specDir.resolve(sql.path()), code, () -> spark.sql(code));
    }
    String className = code;
    Transform transform;
    try {
      transform = (Transform) Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new InvalidConfigException(
          "transform.class",
          spec.id()
              + ": cannot load transform class "
              + className
              + " (a public class implementing io.lakemesh.runtime.Transform with a no-argument constructor): "
              + e);
    }
    return Errors.transform(spec, () -> transform.apply(spark, byName));
  }
}
