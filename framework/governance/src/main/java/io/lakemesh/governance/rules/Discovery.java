package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.SupportsTableSearch;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableMatch;
import io.lakemesh.catalog.TableSearch;
import io.lakemesh.governance.Account;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * scope. Its tag criteria are checked again here, against the LF-tag values in force.
 */
final class Discovery {
  private final Context ctx;
  private final ProductFreshness freshness;

  Discovery(Context ctx) {
    this.ctx = ctx;
    this.freshness = new ProductFreshness(ctx);
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
    List<TableMatch> found = new ArrayList<>();
    List<Map<String, String>> foundTags = new ArrayList<>();
    // The catalog meets every criterion as TableSearch defines it. Tag values are checked again
    // here, where the values in force (explicit over declared, table over database) are known, and
    // so is a breach of the freshness SLA, which the products' statuses hold; a page these checks
    // thin out is filled from the catalog's next one, so only the last page of an answer is short.
    while (true) {
      List<TableMatch> page =
          SupportsTableSearch.search(ctx.store().catalog(), ctx.store().tags(), search);
      Set<TableId> inBreach = query.stale() ? inBreach(page) : Set.of();
      for (TableMatch match : page) {
        CatalogTable table = match.table();
        if (QuarantineTable.is(table.id())) {
          continue; // set-aside rows, never a product to discover
        }
        Map<String, String> tags =
            ctx.tags().productTags(table, match.tags(), definitions.apply(table.id().catalog()));
        if (tags.entrySet().containsAll(query.tags().entrySet())
            && (!query.stale() || inBreach.contains(table.id()))) {
          found.add(match);
          foundTags.add(tags);
          if (found.size() == query.limit()) {
            return listings(found, foundTags);
          }
        }
      }
      if (page.size() < search.limit()) {
        return listings(found, foundTags);
      }
      search = search.withAfter(page.get(page.size() - 1).table().id());
    }
  }

  /** The cards of the products found, their freshness read for the whole page at once. */
  private List<ProductListing> listings(List<TableMatch> found, List<Map<String, String>> tags) {
    Map<TableId, Freshness> fresh = freshness.of(found.stream().map(TableMatch::table).toList());
    List<ProductListing> out = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      CatalogTable table = found.get(i).table();
      out.add(
          ProductListing.of(
              table,
              tags.get(i),
              fresh.get(table.id()),
              ctx.mesh().holderOf(table.id().catalog())));
    }
    return out;
  }

  /** The tables of the page the freshness monitor recorded in breach of their SLA. */
  private Set<TableId> inBreach(List<TableMatch> page) {
    Set<TableId> out = new HashSet<>();
    ctx.store()
        .productStatuses(page.stream().map(m -> m.table().id()).toList())
        .forEach(
            (table, status) -> {
              if (status.breached()) {
                out.add(table);
              }
            });
    return out;
  }

  /** True when a search by this principal covers the table's producer. */
  boolean covers(Principal actor, TableId table) {
    return scope(actor).contains(table.catalog());
  }

  /** The producers whose catalogs a search by this principal covers. */
  Set<String> scope(Principal actor) {
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
}
