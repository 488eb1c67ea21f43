package io.lakemesh.cli;

import io.lakemesh.catalog.TableId;
import io.lakemesh.config.Durations;
import io.lakemesh.governance.AccountRole;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.Freshness;
import io.lakemesh.governance.rules.ProductListing;
import io.lakemesh.governance.rules.SearchPage;
import io.lakemesh.governance.rules.SearchQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description =
        "Discover products by text (name, description, columns), tags, owner, domain and quality.")
final class SearchCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Parameters(paramLabel = "TEXT", arity = "0..1", description = "Words to look for.")
  String text;

  @Option(names = "--tag", paramLabel = "K=V", description = "Only products with this tag.")
  List<String> tags = new ArrayList<>();

  @Option(names = "--owner", paramLabel = "TEAM")
  String owner;

  @Option(names = "--domain", paramLabel = "D")
  String domain;

  @Option(
      names = "--quality",
      paramLabel = "STATUS",
      description = "PASSED, PASSED_WITH_WARNINGS or FAILED.")
  String quality;

  @Option(
      names = "--stale",
      description =
          "Only products in breach of their freshness SLA, as the monitor"
              + " (lakemesh monitor, or serve every minute) recorded it.")
  boolean stale;

  @Option(
      names = "--as",
      paramLabel = "WHO",
      description = "Search as this principal (default: the first consumer account).")
  String actor;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Products a page (default: ${DEFAULT-VALUE}).")
  int limit = SearchQuery.DEFAULT_PAGE;

  @Option(
      names = "--after",
      paramLabel = "TABLE",
      description =
          "The next page: the products after this table (catalog:database.table), as the previous page names it.")
  String after;

  @Option(
      names = "--json",
      description =
          "Print JSON: the page's products, [{table, product, domain, majorVersion,"
              + " owner, ownerTeam, ownerContact, description, tags, freshnessSla, qualityStatus, qualitySummary, columns,"
              + " updatedAt, catalog}] (where the next page starts goes to stderr).")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      SearchQuery query =
          (text == null ? SearchQuery.all() : SearchQuery.text(text))
              .withLimit(limit)
              .withAfter(after == null ? null : TableId.parse(after, null));
      for (String tag : tags) {
        query = query.withTag(tag);
      }
      if (owner != null) {
        query = query.withOwner(owner);
      }
      if (domain != null) {
        query = query.withDomain(domain);
      }
      if (quality != null) {
        query = query.withQualityStatus(quality);
      }
      query = query.withStale(stale);
      Principal as =
          actor != null
              ? Principal.parse(actor)
              : Principal.administrator(
                  env.mesh().accounts().stream()
                      .filter(a -> a.has(AccountRole.CONSUMER))
                      .findFirst()
                      .orElse(env.mesh().accounts().get(0))
                      .id());
      SearchPage page = env.governance().searchPage(as, query);
      String more =
          page.next().map(n -> "more products follow: the next page is --after " + n).orElse(null);
      if (json) {
        JsonOutput.print(page.products());
        if (more != null) {
          System.err.println(more);
        }
        return 0;
      }
      for (ProductListing p : page.products()) {
        // Freshness as the catalog computed it, the same answer the web UI shows.
        System.out.printf(
            "%-20s v%d  %-22s %-10s SLA %-6s %-13s quality %-22s %s%n",
            p.product(),
            p.majorVersion(),
            p.ownerTeam(),
            p.catalog(),
            sla(p.freshnessSla()),
            p.freshness() == null ? "-" : p.freshness().label(),
            p.qualityStatus(),
            p.description());
        System.out.printf(
            "    tags %s; columns %s%n",
            p.tags(), p.columns().stream().map(c -> c.name()).toList());
        if (p.freshness() != null && p.freshness().breachedSince() != null) {
          System.out.printf(
              "    SLA breached since %s (last checked %s)%n",
              Timestamps.of(p.freshness().breachedSince()),
              p.freshness().lastChecked() == null
                  ? "never"
                  : Timestamps.of(p.freshness().lastChecked()));
        }
      }
      System.out.println(page.products().size() + " product(s)");
      if (more != null) {
        System.out.println(more);
      }
      return 0;
    }
  }

  /**
   * The SLA as the spec wrote it (24h, 2d); entries published before kept it as PT48H, which reads
   * in the largest unit that measures it whole.
   */
  static String sla(String stored) {
    if (!stored.toUpperCase(Locale.ROOT).startsWith("P")) {
      return stored.isEmpty() ? "none" : stored;
    }
    return Freshness.sla(stored)
        .map(d -> Durations.format(d, Durations.largestWholeUnit(d)))
        .orElse(stored.isEmpty() ? "none" : stored);
  }
}
