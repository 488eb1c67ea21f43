package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.governance.Account;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Discovery across the topology: every producer's products in {@code central} and {@code federated}
 * (there by searching each producer catalog), the searcher's own line of business in {@code
 * lob-federated} plus the products its account already reaches through grants or links.
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
    List<ProductListing> found = new ArrayList<>();
    for (String producer : scope(actor)) {
      String holder = ctx.mesh().holderOf(producer);
      for (CatalogTable table : ctx.store().catalog().listTables(producer)) {
        ProductListing listing = ProductListing.of(table, ctx.tags().productTags(table), holder);
        if (matches(query, listing)) {
          found.add(listing);
        }
      }
    }
    found.sort(Comparator.comparing(l -> l.table().toString()));
    return found;
  }

  /** The producers whose catalogs a search by this principal covers. */
  private Set<String> scope(Principal actor) {
    Set<String> producers = new TreeSet<>();
    Account account = ctx.mesh().account(actor.account());
    for (Account producer : ctx.mesh().producers()) {
      if (ctx.mesh().topology() != Topology.LOB_FEDERATED || producer.lob().equals(account.lob())) {
        producers.add(producer.id());
      }
    }
    Stream.concat(
            ctx.store().grants().grantsToAccount(account.id()).stream()
                .map(Grant::resource)
                .map(r -> r.catalog()),
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
