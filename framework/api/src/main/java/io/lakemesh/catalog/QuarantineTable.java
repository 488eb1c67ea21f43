package io.lakemesh.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a product's quality gate sets aside the rows that broke a quarantine rule: an Iceberg table
 * beside the product, in the producer's warehouse, named {@code <table>__quarantine}. It is not a
 * product: it is never registered in the governance catalog, and only the producer and governance
 * read it (consumers see the counts in the product's entry, {@link TableParameters#QUARANTINE_ROWS}
 * and {@link TableParameters#QUARANTINE_RULES}).
 */
public final class QuarantineTable {
  public static final String SUFFIX = "__quarantine";
  public static final String RUN_ID = "_run_id";
  public static final String RULES = "_rules";
  public static final String QUARANTINED_AT = "_quarantined_at";

  private QuarantineTable() {}

  /** True when the name is a quarantine table's (whether or not its product exists). */
  public static boolean is(TableId id) {
    return id.table().endsWith(SUFFIX) && id.table().length() > SUFFIX.length();
  }

  /** The quarantine table of a product. */
  public static TableId of(TableId product) {
    return TableId.of(product.catalog(), product.database(), product.table() + SUFFIX);
  }

  /** The product a quarantine table belongs to. */
  public static TableId productOf(TableId quarantine) {
    if (!is(quarantine)) {
      throw new IllegalArgumentException(quarantine + " is not a quarantine table");
    }
    String table = quarantine.table();
    return TableId.of(
        quarantine.catalog(),
        quarantine.database(),
        table.substring(0, table.length() - SUFFIX.length()));
  }

  /**
   * The quarantine table as its readers see it described: the product's columns, then the run that
   * set the row aside, the rules it broke and when. Its parameters are the product's quarantine
   * counts only.
   */
  public static CatalogTable entryOf(CatalogTable product) {
    List<Column> columns = new ArrayList<>(product.columns());
    columns.add(new Column(RUN_ID, "string", false, "run that set the row aside", false));
    columns.add(new Column(RULES, "array<string>", false, "quarantine rules the row broke", false));
    columns.add(
        new Column(QUARANTINED_AT, "timestamp", false, "when the row was set aside", false));
    Map<String, String> counts = new HashMap<>();
    for (String key : List.of(TableParameters.QUARANTINE_ROWS, TableParameters.QUARANTINE_RULES)) {
      product.parameter(key).ifPresent(v -> counts.put(key, v));
    }
    return new CatalogTable(
        of(product.id()),
        columns,
        "",
        product.format(),
        List.of(),
        counts,
        product.version(),
        product.updatedAt());
  }
}
