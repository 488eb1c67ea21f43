package io.lakemesh.governance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.TableId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A listing's tags come in key order, so `search` prints them the same way every time. */
class ProductListingTest {
  @Test
  void tagsAreKeptInKeyOrder() {
    Map<String, String> tags = new HashMap<>();
    tags.put("tier", "gold");
    tags.put("confidentiality", "internal");
    tags.put("region", "eu");
    tags.put("domain", "sales");

    ProductListing listing =
        new ProductListing(
            TableId.of("sales", "sales", "orders"),
            "sales.orders",
            "sales",
            1,
            "sales",
            "Sales",
            "sales@example.com",
            "Orders",
            tags,
            "24h",
            "PASSED",
            "",
            null,
            List.of(),
            Instant.parse("2026-12-06T10:00:00Z"),
            "sales");

    assertThat(listing.tags().keySet())
        .containsExactly("confidentiality", "domain", "region", "tier");
    assertThat(listing.tags().toString())
        .isEqualTo("{confidentiality=internal, domain=sales, region=eu, tier=gold}");
  }
}
