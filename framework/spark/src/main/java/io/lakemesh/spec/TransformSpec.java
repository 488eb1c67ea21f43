package io.lakemesh.spec;

/** How sources become the output: a SQL file over the sources as views, or a Java class. */
public sealed interface TransformSpec {
  /** {@code path} is resolved against the spec's folder. */
  record Sql(String path) implements TransformSpec {}

  /** A class implementing {@code io.lakemesh.runtime.Transform}. */
  record JavaClass(String className) implements TransformSpec {}
}
