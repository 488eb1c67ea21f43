package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.EffectiveTags;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Mesh;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The LF-tag values in force on a table. A product's declared tags (published as table parameters
 * {@code lakemesh.tag.KEY}) count as table-level values when KEY is an LF-tag of the catalog
 * holding the product and the value is allowed, so tag policies cover products as they are
 * published; values assigned explicitly override them.
 */
final class TagView {
  private final Mesh mesh;
  private final GovernanceStore store;

  TagView(Mesh mesh, GovernanceStore store) {
    this.mesh = mesh;
    this.store = store;
  }

  EffectiveTags of(CatalogTable table) {
    return EffectiveTags.of(
        table.id(), table.columns(), store.tags().tagsOf(table.id()), declaredLfTags(table));
  }

  /** Every declared tag, LF-tag or not, overridden by the LF-tag values in force. */
  Map<String, String> productTags(CatalogTable table) {
    Map<String, String> tags = new TreeMap<>(declared(table));
    tags.putAll(of(table).tableLevel());
    return tags;
  }

  private Map<String, String> declaredLfTags(CatalogTable table) {
    String owner = table.id().catalog();
    if (!mesh.isProducer(owner)) {
      return Map.of();
    }
    Map<String, LfTag> defined =
        store.tags().listTags(mesh.holderOf(owner)).stream()
            .collect(Collectors.toMap(LfTag::key, Function.identity()));
    Map<String, String> tags = new TreeMap<>();
    declared(table)
        .forEach(
            (key, value) -> {
              LfTag tag = defined.get(key);
              if (tag != null && tag.allows(value)) {
                tags.put(key, value);
              }
            });
    return tags;
  }

  private static Map<String, String> declared(CatalogTable table) {
    Map<String, String> tags = new TreeMap<>();
    table
        .parameters()
        .forEach(
            (key, value) -> {
              if (key.startsWith(TableParameters.TAG_PREFIX)) {
                tags.put(key.substring(TableParameters.TAG_PREFIX.length()), value);
              }
            });
    return tags;
  }
}
