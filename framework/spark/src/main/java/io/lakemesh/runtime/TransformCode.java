package io.lakemesh.runtime;

import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.TransformSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The transform as code: the SQL text, or the Java class name. Part of the batch key. */
final class TransformCode {
  private TransformCode() {}

  /** Read before anything starts, so that a missing SQL file fails the run at once. */
  static String of(ProductSpec spec, Path specDir) {
    if (spec.transform() instanceof TransformSpec.Sql sql) {
      Path file = specDir.resolve(sql.path());
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new NotFoundException(
            spec.id()
                + ": transform SQL file not found: "
                + file
                + " (transform.sql = "
                + sql.path()
                + " in "
                + spec.file()
                + "; create the file or correct the path, relative to the spec's folder)");
      }
    }
    return ((TransformSpec.JavaClass) spec.transform()).className();
  }
}
