package io.lakemesh.server.iceberg;

import io.lakemesh.governance.Principal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;

/**
 * What a reader's engine needs, besides the table's metadata, to read its files: the {@code config}
 * of a load-table answer (the REST specification's storage credentials). This is where short-lived,
 * prefix-scoped credentials are vended for an object-store warehouse, as Glue's Iceberg REST
 * endpoint does with Lake Formation credential vending; without a vendor such a table cannot be
 * handed out, since the reader would have to hold the producer's own keys.
 */
public interface TableCredentials {

  /**
   * The storage settings for {@code reader} to read the table at {@code location}.
   *
   * @throws ForbiddenException when they cannot be given, saying why
   */
  Map<String, String> forReading(Principal reader, TableIdentifier table, String location);

  /**
   * No vending: files on a path the reader's engine reaches itself (the embedded warehouse's local
   * files) need nothing; a table in an object store is refused.
   */
  static TableCredentials none() {
    return NoVending.INSTANCE;
  }

  /** No credentials to vend: local files need none, object stores cannot be read without them. */
  enum NoVending implements TableCredentials {
    INSTANCE;

    private static final Set<String> OBJECT_STORES =
        Set.of("s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss");

    @Override
    public Map<String, String> forReading(
        Principal reader, TableIdentifier table, String location) {
      int colon = location.indexOf(':');
      String scheme = colon < 0 ? "" : location.substring(0, colon).toLowerCase(Locale.ROOT);
      if (OBJECT_STORES.contains(scheme)) {
        throw new ForbiddenException(
            "table %s is in an object store (%s) and this catalog server vends no storage"
                + " credentials for it, so it cannot be handed to an engine through the Iceberg"
                + " REST catalog: read it with bin/lakemesh query, or through AWS Glue's Iceberg"
                + " REST endpoint, where Lake Formation vends credentials",
            table, scheme + "://");
      }
      return Map.of();
    }
  }
}
