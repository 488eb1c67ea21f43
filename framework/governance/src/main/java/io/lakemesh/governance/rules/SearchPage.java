package io.lakemesh.governance.rules;

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
   * The first {@code limit} products of {@code found}, a search for one product more: whether that
   * one exists says whether another page follows, without counting the rest.
   */
  static SearchPage of(List<ProductListing> found, int limit) {
    if (found.size() <= limit) {
      return new SearchPage(found, Optional.empty());
    }
    List<ProductListing> page = found.subList(0, limit);
    return new SearchPage(page, Optional.of(page.get(limit - 1).table()));
  }
}
