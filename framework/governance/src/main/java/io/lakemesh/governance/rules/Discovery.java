package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.SupportsTableSearch;
import io.lakemesh.catalog.TableMatch;
import io.lakemesh.catalog.TableSearch;
import io.lakemesh.governance.Account;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Discovery across the topology: every producer's products in {@code central} and {@code federated}
 * (there by searching each producer catalog), the searcher's own line of business in {@code
 * lob-federated} plus the products its account already reaches through grants or links.
 *
 * <p>The catalog does the narrowing and cuts the page ({@link SupportsTableSearch}: from an index
 * where the backend has one), so a search reads the page it returns rather than every product in
 * scope. What it returns is checked again against the query here, with the LF-tag values in force.
 */
final class Discovery {
  private final Context ctx;

  Discovery(Context ctx) {
    this.ctx = ctx;
  }

  List<ProductListing> search(Principal actor, SearchQuery query) {
    ctx.trail()
        .of(ctx.subjects().logOf(actor), actor)
        .check(
            AuditAction.SEARCH,
            "catalog",
            () -> {
              if (!ctx.mesh().knows(actor)) {
                throw Denials.unknown(actor, "SEARCH", "the catalog");
              }
            });
    TableSearch search =
        TableSearch.in(scope(actor))
            .withText(query.text())
            .withTags(query.tags())
            .withOwner(query.owner())
            .withDomain(query.domain())
            .withQualityStatus(query.qualityStatus())
            .withAfter(query.after())
            .withLimit(query.limit());
    Function<String, Map<String, LfTag>> definitions = ctx.tags().definitionsByCatalog();
    List<ProductListing> found = new ArrayList<>();
    // The catalog narrows by every criterion; tag values are checked again here, where the values
    // in force (explicit over declared, table over database) are known. A page the check thins out
    // is filled from the catalog's next one, so every page but the last is full.
    while (true) {
      List<TableMatch> page =
          SupportsTableSearch.search(ctx.store().catalog(), ctx.store().tags(), search);
      for (TableMatch match : page) {
        CatalogTable table = match.table();
        String producer = table.id().catalog();
        Map<String, String> tags =
            ctx.tags().productTags(table, match.tags(), definitions.apply(producer));
        ProductListing listing = ProductListing.of(table, tags, ctx.mesh().holderOf(producer));
        if (matches(query, listing)) {
          found.add(listing);
          if (found.size() == query.limit()) {
            return found;
          }
        }
      }
      if (page.size() < search.limit()) {
        return found;
      }
      search = search.withAfter(page.get(page.size() - 1).table().id());
    }
  }

  /** The producers whose catalogs a search by this principal covers. */
  private Set<String> scope(Principal actor) {
    Set<String> producers = new TreeSet<>();
    Account account = ctx.mesh().account(actor.account());
    boolean everyProducer = ctx.mesh().topology() != Topology.LOB_FEDERATED;
    for (Account producer : ctx.mesh().producers()) {
      if (everyProducer || producer.lob().equals(account.lob())) {
        producers.add(producer.id());
      }
    }
    if (everyProducer) {
      // Grants and links could only add producers, and every one is in already.
      return producers;
    }
    Stream.concat(
            ctx.store().grants().catalogsGrantedTo(account.id()).stream(),
            ctx.store().links().listLinks(account.id()).stream().map(ResourceLink::targetCatalog))
        .filter(ctx.mesh()::isProducer)
        .forEach(producers::add);
    return producers;
  }

  private static boolean matches(SearchQuery q, ProductListing p) {
    return textMatches(q.text(), p)
        && q.tags().entrySet().stream().allMatch(t -> t.getValue().equals(p.tags().get(t.getKey())))
        && (q.owner().isEmpty()
            || q.owner().equalsIgnoreCase(p.owner())
            || q.owner().equalsIgnoreCase(p.ownerTeam()))
        && (q.domain().isEmpty() || q.domain().equalsIgnoreCase(p.domain()))
        && (q.qualityStatus().isEmpty() || q.qualityStatus().equalsIgnoreCase(p.qualityStatus()));
  }

  private static boolean textMatches(String text, ProductListing p) {
    if (text.isEmpty()) {
      return true;
    }
    List<String> haystack = new ArrayList<>();
    haystack.add(p.table().table());
    haystack.add(p.product());
    haystack.add(p.description());
    p.columns().stream().map(Column::name).forEach(haystack::add);
    String all = String.join("\n", haystack).toLowerCase(Locale.ROOT);
    for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
      if (!all.contains(word)) {
        return false;
      }
    }
    return true;
  }
}
