package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.Names;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How mesh names become AWS names and back: which AWS account's Glue catalog holds a catalog's
 * entries, the Glue database and LF-tag key names (with the configured prefix), and the Lake
 * Formation principal of a mesh principal.
 */
final class AwsNames {
  private final AwsCatalogConfig config;

  AwsNames(AwsCatalogConfig config) {
    this.config = config;
  }

  AwsCatalogConfig config() {
    return config;
  }

  AwsAccount account(String meshAccount) {
    return config.account(meshAccount);
  }

  /** The account whose Glue catalog holds the product entries, grants and tags of a catalog. */
  AwsAccount holder(String meshCatalog) {
    return config.account(config.account(meshCatalog).holder());
  }

  /**
   * Whether this config is {@code producer}'s own ({@code acting-producer}), so that its jobs read
   * their own products' entries and records with its credentials rather than the holder's.
   */
  boolean actsAs(String producer) {
    return config.actingProducer().filter(producer::equals).isPresent();
  }

  /** The distinct accounts that hold entries, each once. */
  List<AwsAccount> holders() {
    return config.accounts().values().stream()
        .map(a -> config.account(a.holder()))
        .distinct()
        .toList();
  }

  /** The mesh catalogs whose entries sit in the Glue catalog of this AWS account. */
  List<String> catalogsHeldAt(String awsAccountId) {
    return config.accounts().values().stream()
        .filter(a -> config.account(a.holder()).awsAccountId().equals(awsAccountId))
        .map(AwsAccount::id)
        .toList();
  }

  String database(String meshDatabase) {
    return config.namePrefix() + meshDatabase;
  }

  /** The mesh name of a Glue database, if it carries the prefix and is a valid mesh name. */
  Optional<String> meshDatabase(String glueDatabase) {
    return unprefixed(glueDatabase);
  }

  String tagKey(String meshKey) {
    return config.namePrefix() + meshKey;
  }

  Optional<String> meshTagKey(String lakeFormationKey) {
    return lakeFormationKey != null && lakeFormationKey.startsWith(config.namePrefix())
        ? Optional.of(lakeFormationKey.substring(config.namePrefix().length()))
        : Optional.empty();
  }

  /** The table, if the names are valid mesh names (Glue allows more than lakemesh does). */
  static Optional<TableId> tableId(String catalog, String database, String table) {
    return valid(() -> TableId.of(catalog, database, table));
  }

  String lakeFormationPrincipal(Principal principal) {
    return account(principal.account()).lakeFormationPrincipal(principal);
  }

  /** The mesh principal Lake Formation names, if it is one of the mesh's. */
  Optional<Principal> meshPrincipal(String identifier) {
    for (AwsAccount a : config.accounts().values()) {
      if (a.adminPrincipal().equals(identifier)) {
        return Optional.of(Principal.administrator(a.id()));
      }
      for (var named : a.principals().entrySet()) {
        if (named.getValue().equals(identifier)) {
          return Optional.of(Principal.of(a.id(), named.getKey()));
        }
      }
      String roles = "arn:aws:iam::" + a.awsAccountId() + ":role/";
      if (identifier.startsWith(roles)) {
        return valid(() -> Principal.of(a.id(), identifier.substring(roles.length())));
      }
    }
    return Optional.empty();
  }

  private Optional<String> unprefixed(String name) {
    if (name == null || !name.startsWith(config.namePrefix())) {
      return Optional.empty();
    }
    String rest = name.substring(config.namePrefix().length());
    return valid(() -> Names.object("name", rest));
  }

  private static <T> Optional<T> valid(Supplier<T> parse) {
    try {
      return Optional.of(parse.get());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
