package io.lakemesh.spec;

import java.util.Map;

/** A named input of a product job. */
public sealed interface SourceSpec {
  String name();

  /** Files in the producer's storage: {@code format} is csv, json or parquet. */
  record Files(String name, String format, String path, Map<String, String> options)
      implements SourceSpec {}

  /** A JDBC query; {@code properties} holds user, password and driver options. */
  record Jdbc(String name, String url, String query, Map<String, String> properties)
      implements SourceSpec {}

  /** Another data product's published table, read as a consumer. */
  record Product(String name, String product) implements SourceSpec {}
}
