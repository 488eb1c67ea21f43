package io.lakemesh.bench.catalog;

import io.lakemesh.catalog.SupportsTransactions;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.rules.Governance;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fills a catalog with the products of {@link ScaleMesh}, their LF-tags and their grants. Every
 * change goes through the Governance facade, with its checks and audit events, as a producer makes
 * it; only the commits are batched (a few hundred products per transaction), so that the fill does
 * not wait for one disk sync per change.
 */
final class CatalogFill {
  private static final int PRODUCTS_PER_TRANSACTION = 200;

  private final Governance governance;
  private final SupportsTransactions transactions;
  private final Consumer<String> progress;

  CatalogFill(Governance governance, Consumer<String> progress) {
    this.governance = governance;
    this.transactions = (SupportsTransactions) governance.catalog();
    this.progress = progress;
  }

  /** Defines the LF-tags, then publishes, tags and grants products 0 to {@code products - 1}. */
  Duration fill(int products) {
    long start = System.nanoTime();
    for (LfTag tag : ScaleMesh.tags()) {
      governance.createTag(ScaleMesh.governor(), ScaleMesh.GOVERNANCE, tag);
    }
    int reported = 0;
    for (int from = 0; from < products; from += PRODUCTS_PER_TRANSACTION) {
      int first = from;
      int end = Math.min(products, from + PRODUCTS_PER_TRANSACTION);
      transactions.inTransaction(
          () -> {
            for (int i = first; i < end; i++) {
              product(i);
            }
            return null;
          });
      int percent = (int) (100L * end / products);
      if (percent / 10 > reported / 10) {
        reported = percent;
        progress.accept(
            String.format(
                "filled %,d of %,d products (%d%%) in %.1f s",
                end, products, percent, (System.nanoTime() - start) / 1e9));
      }
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private void product(int i) {
    governance.publish(ScaleMesh.ownerOf(i), ScaleMesh.publication(i, 1));
    TagTarget table = TagTarget.table(ScaleMesh.table(i));
    governance.assignTag(
        ScaleMesh.ownerOf(i), table, "classification", ScaleMesh.classification(i));
    governance.assignTag(
        ScaleMesh.ownerOf(i),
        TagTarget.column(ScaleMesh.table(i), ScaleMesh.PII_COLUMN),
        "classification",
        "secret");
    for (int k = 0; k < ScaleMesh.GRANTS_PER_PRODUCT; k++) {
      ScaleMesh.PlannedGrant g = ScaleMesh.grant(i, k);
      governance.grant(g.owner(), g.grantee(), g.resource(), Set.of(Permission.SELECT));
    }
  }
}
