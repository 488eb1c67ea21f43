package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.ProductStatus;
import io.lakemesh.catalog.TableId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The statuses of each producer's products as one JSON-lines object of its own ({@code
 * product_status/PRODUCER.jsonl}), changed by compare-and-swap and read once per producer for a
 * whole page of discovery (instead of each product's run records). A producer's job stamps its
 * runs' checks with the producer's own credentials, as it writes its run records ({@link
 * RecordAccess}); the monitor moves SLA states as the records account; one object per producer lets
 * the records bucket's policy give a producer its own statuses and no one else's. A stamp and a
 * move are each applied to the object as read under the condition, so neither loses the other.
 */
final class S3ProductStatus {
  private final RecordAccess access;
  private final Map<S3Objects, Map<String, JsonLinesFile<ProductStatus>>> files =
      new ConcurrentHashMap<>();

  S3ProductStatus(RecordAccess access) {
    this.access = access;
  }

  /** The key of a producer's statuses, under the records root. */
  static String keyOf(String producer) {
    return AthenaTables.PRODUCT_STATUS + producer + ".jsonl";
  }

  /** The producer's statuses, read and written with {@code by}'s credentials. */
  private JsonLinesFile<ProductStatus> file(S3Objects by, String producer) {
    return files
        .computeIfAbsent(by, b -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            producer,
            p -> new JsonLinesFile<>(by, keyOf(p), S3ProductStatus::read, S3ProductStatus::write));
  }

  ProductStatus recordCheck(TableId table, Instant at, String runId) {
    return change(access.producer(table.catalog()), table, s -> s.checked(at, runId));
  }

  boolean moveSla(TableId table, ProductStatus.Sla from, ProductStatus.Sla to, Instant since) {
    boolean[] moved = {false};
    change(
        access.records(),
        table,
        s -> {
          moved[0] = s.sla() == from;
          return moved[0] ? s.withSla(to, since) : s;
        });
    return moved[0];
  }

  Map<TableId, ProductStatus> of(Collection<TableId> tables) {
    Map<TableId, ProductStatus> out = new LinkedHashMap<>();
    for (String producer : tables.stream().map(TableId::catalog).distinct().toList()) {
      for (ProductStatus s : file(access.reader(producer), producer).read()) {
        if (tables.contains(s.table())) {
          out.put(s.table(), s);
        }
      }
    }
    return out;
  }

  /** Applies the change to the table's status (unknown when none is stored); returns the result. */
  private ProductStatus change(S3Objects by, TableId table, UnaryOperator<ProductStatus> change) {
    return file(by, table.catalog())
        .update(
            statuses -> {
              int at = indexOf(statuses, table);
              ProductStatus current = at < 0 ? ProductStatus.unknown(table) : statuses.get(at);
              ProductStatus next = change.apply(current);
              if (next.equals(current)) {
                return JsonLinesFile.Change.unchanged(current);
              }
              if (at < 0) {
                statuses.add(next);
              } else {
                statuses.set(at, next);
              }
              return new JsonLinesFile.Change<>(statuses, next);
            });
  }

  private static int indexOf(List<ProductStatus> statuses, TableId table) {
    for (int i = 0; i < statuses.size(); i++) {
      if (statuses.get(i).table().equals(table)) {
        return i;
      }
    }
    return -1;
  }

  private static ObjectNode write(ProductStatus s) {
    ObjectNode n = Json.object();
    n.put("catalog", s.table().catalog());
    n.put("database_name", s.table().database());
    n.put("table_name", s.table().table());
    n.put("last_checked", Json.instantText(s.lastChecked()));
    n.put("last_run", s.lastRun());
    n.put("sla", s.sla().name());
    n.put("sla_since", Json.instantText(s.slaSince()));
    return n;
  }

  private static ProductStatus read(JsonNode n) {
    return new ProductStatus(
        TableId.of(
            Json.requiredText(n, "catalog"),
            Json.requiredText(n, "database_name"),
            Json.requiredText(n, "table_name")),
        Json.instant(n, "last_checked"),
        Json.text(n, "last_run"),
        ProductStatus.Sla.valueOf(Json.requiredText(n, "sla")),
        Json.instant(n, "sla_since"));
  }
}
