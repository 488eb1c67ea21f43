package io.lakemesh.governance.rules;

import io.lakemesh.catalog.SupportsTableSearch;
import io.lakemesh.catalog.TableId;
import java.util.List;
import java.util.Optional;

/**
 * One page of a discovery search as a user reads it.
 *
 * @param products the products of the page, in order
 * @param next where the next page starts ({@link SearchQuery#withAfter}); empty on the last page
 */
public record SearchPage(List<ProductListing> products, Optional<TableId> next) {

  public SearchPage {
    products = List.copyOf(products);
  }

  /**
   * The page {@code query} asks for, from {@code found}: a search for one product more than the
   * page, whose presence says whether another page follows without counting the rest. The page is
   * cut here too, so that an answer holding more (a client of a server that does not page) still
   * gives the right one; an answer cut already passes through unchanged.
   */
  static SearchPage of(List<ProductListing> found, SearchQuery query) {
    List<ProductListing> after =
        found.stream()
            .filter(
                p ->
                    query.after() == null
                        || SupportsTableSearch.ID_ORDER.compare(query.after(), p.table()) < 0)
            .limit(query.limit() + 1L)
            .toList();
    if (after.size() <= query.limit()) {
      return new SearchPage(after, Optional.empty());
    }
    List<ProductListing> page = after.subList(0, query.limit());
    return new SearchPage(page, Optional.of(page.get(page.size() - 1).table()));
  }
}
