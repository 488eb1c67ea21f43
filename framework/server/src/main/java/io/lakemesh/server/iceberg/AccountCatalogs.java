package io.lakemesh.server.iceberg;

import org.apache.iceberg.catalog.Catalog;

/**
 * Where each account's Iceberg tables are: the host (the {@code serve} command) opens an account's
 * Iceberg catalog from the environment's warehouse settings, the same one the producer's jobs write
 * to. Catalogs are opened once and shared by every request.
 */
public interface AccountCatalogs extends AutoCloseable {

  /**
   * The Iceberg catalog of the account's own tables.
   *
   * @throws io.lakemesh.exceptions.NotFoundException when the account has no warehouse (it produces
   *     nothing)
   */
  Catalog of(String account);

  @Override
  void close();
}
