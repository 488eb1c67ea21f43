package io.lakemesh.quality;

import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.TableId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * The rows a product's gate set aside, read from its quarantine table ({@link QuarantineTable})
 * with Iceberg's Java API: a command that shows a few rows starts no Spark. The caller has checked
 * that its reader may read them (the governance rules' SELECT on the quarantine table).
 */
public final class QuarantinedRows {
  private final Table table;

  private QuarantinedRows(Table table) {
    this.table = table;
  }

  /** The quarantine table in the producer's warehouse; empty when no row was ever set aside. */
  public static Optional<QuarantinedRows> in(Catalog warehouse, TableId quarantine) {
    TableIdentifier name = TableIdentifier.of(quarantine.database(), quarantine.table());
    return warehouse.tableExists(name)
        ? Optional.of(new QuarantinedRows(warehouse.loadTable(name)))
        : Optional.empty();
  }

  /**
   * What is in quarantine, without a value of any row.
   *
   * @param rows rows in quarantine
   * @param byRun rows by the run that set them aside
   * @param byRule rows by rule broken (a row that broke two rules counts under each)
   * @param oldest when the oldest row was set aside; null when none is
   */
  public record Summary(
      long rows, SortedMap<String, Long> byRun, SortedMap<String, Long> byRule, Instant oldest) {
    public Summary {
      byRun = Collections.unmodifiableSortedMap(new TreeMap<>(byRun));
      byRule = Collections.unmodifiableSortedMap(new TreeMap<>(byRule));
    }
  }

  public Summary summary() {
    long rows = 0;
    SortedMap<String, Long> byRun = new TreeMap<>();
    SortedMap<String, Long> byRule = new TreeMap<>();
    Instant oldest = null;
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table)
            .select(QuarantineTable.RUN_ID, QuarantineTable.RULES, QuarantineTable.QUARANTINED_AT)
            .build()) {
      for (Record r : records) {
        rows++;
        byRun.merge(String.valueOf(r.getField(QuarantineTable.RUN_ID)), 1L, Long::sum);
        for (String rule : rules(r)) {
          byRule.merge(rule, 1L, Long::sum);
        }
        Instant at = instant(r.getField(QuarantineTable.QUARANTINED_AT));
        if (at != null && (oldest == null || at.isBefore(oldest))) {
          oldest = at;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Summary(rows, byRun, byRule, oldest);
  }

  /**
   * Rows in quarantine, every column of {@code columns} the table has, in table order; of one run
   * and one rule when given, at most {@code limit}.
   */
  public List<Map<String, Object>> rows(
      Collection<String> columns, String run, String rule, int limit) {
    List<String> selected =
        table.schema().columns().stream()
            .map(Types.NestedField::name)
            .filter(columns::contains)
            .toList();
    IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table).select(selected);
    if (run != null) {
      scan = scan.where(Expressions.equal(QuarantineTable.RUN_ID, run));
    }
    List<Map<String, Object>> out = new ArrayList<>();
    try (CloseableIterable<Record> records = scan.build()) {
      for (Record r : records) {
        if (out.size() >= limit) {
          break;
        }
        if (rule != null && !rules(r).contains(rule)) {
          continue;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (String c : selected) {
          row.put(c, shown(r.getField(c)));
        }
        out.add(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<String> rules(Record r) {
    Object rules = r.getField(QuarantineTable.RULES);
    return rules instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  private static Instant instant(Object value) {
    if (value instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (value instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    return null;
  }

  /** A value as text, numbers and booleans as they are, lists element by element. */
  private static Object shown(Object value) {
    if (value == null || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(QuarantinedRows::shown).toList();
    }
    Instant at = instant(value);
    if (at != null) {
      return at.toString();
    }
    return String.valueOf(value);
  }
}
