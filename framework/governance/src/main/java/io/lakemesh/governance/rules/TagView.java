package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.governance.EffectiveTags;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.TagAssignment;
import java.util.HashMap;
import java.util.List;
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
    return of(table, store.tags().tagsOf(table.id()), definitions(table.id().catalog()));
  }

  /**
   * The same from what the caller has read already.
   *
   * @param assignments the assignments bearing on the table ({@code tagsOf(table)})
   * @param defined the LF-tags defined for the table's catalog ({@link #definitions})
   */
  EffectiveTags of(
      CatalogTable table, List<TagAssignment> assignments, Map<String, LfTag> defined) {
    return EffectiveTags.of(
        table.id(), table.columns(), assignments, declaredLfTags(table, defined));
  }

  /** Every declared tag, LF-tag or not, overridden by the LF-tag values in force. */
  Map<String, String> productTags(CatalogTable table) {
    return productTags(table, store.tags().tagsOf(table.id()), definitions(table.id().catalog()));
  }

  /** The same from what the caller has read already (see {@link #of(CatalogTable, List, Map)}). */
  Map<String, String> productTags(
      CatalogTable table, List<TagAssignment> assignments, Map<String, LfTag> defined) {
    Map<String, String> tags = new TreeMap<>(table.declaredTags());
    // The values in force on the table do not depend on its columns: none are worked out.
    tags.putAll(
        EffectiveTags.of(table.id(), List.of(), assignments, declaredLfTags(table, defined))
            .tableLevel());
    return tags;
  }

  /**
   * The LF-tags a catalog's declared product tags are read against: those defined where its
   * products are held; none when it is not a producer.
   */
  Map<String, LfTag> definitions(String catalog) {
    return mesh.isProducer(catalog) ? definedIn(mesh.holderOf(catalog)) : Map.of();
  }

  /**
   * {@link #definitions} for many catalogs, each holder's read once: for one call that reads the
   * tags of many products (the producers of one governance account share its definitions).
   */
  Function<String, Map<String, LfTag>> definitionsByCatalog() {
    Map<String, Map<String, LfTag>> byHolder = new HashMap<>();
    return catalog ->
        mesh.isProducer(catalog)
            ? byHolder.computeIfAbsent(mesh.holderOf(catalog), this::definedIn)
            : Map.of();
  }

  private Map<String, LfTag> definedIn(String holder) {
    return store.tags().listTags(holder).stream()
        .collect(Collectors.toMap(LfTag::key, Function.identity()));
  }

  private static Map<String, String> declaredLfTags(
      CatalogTable table, Map<String, LfTag> defined) {
    Map<String, String> tags = new TreeMap<>();
    table
        .declaredTags()
        .forEach(
            (key, value) -> {
              LfTag tag = defined.get(key);
              if (tag != null && tag.allows(value)) {
                tags.put(key, value);
              }
            });
    return tags;
  }
}
