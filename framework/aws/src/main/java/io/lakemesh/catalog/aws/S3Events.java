package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.TableId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The mesh's event stream as one JSON-lines object changed by compare-and-swap: numbers are taken
 * under the same condition as the append, so two writers never share one and a reader that keeps
 * the last number it saw never skips an event.
 */
final class S3Events {
  private final JsonLinesFile<MeshEvent> file;

  S3Events(S3Objects objects) {
    file =
        new JsonLinesFile<>(
            objects, AthenaTables.EVENTS + "events.jsonl", S3Events::read, S3Events::write);
  }

  MeshEvent append(MeshEvent event) {
    return file.update(
        events -> {
          Optional<MeshEvent> stored =
              events.stream().filter(e -> e.id().equals(event.id())).findFirst();
          if (stored.isPresent()) {
            return JsonLinesFile.Change.unchanged(stored.get());
          }
          long next = events.isEmpty() ? 1 : events.get(events.size() - 1).seq() + 1;
          MeshEvent numbered = event.numbered(next);
          events.add(numbered);
          return new JsonLinesFile.Change<>(events, numbered);
        });
  }

  List<MeshEvent> after(long seq, int limit) {
    return file.read().stream().filter(e -> e.seq() > seq).limit(limit).toList();
  }

  List<MeshEvent> ofTable(TableId table, Set<MeshEvent.Kind> kinds, int limit) {
    return file.read().stream()
        .filter(e -> table.equals(e.table()))
        .filter(e -> kinds.isEmpty() || kinds.contains(e.kind()))
        .sorted(Comparator.comparingLong(MeshEvent::seq).reversed())
        .limit(limit)
        .toList();
  }

  private static ObjectNode write(MeshEvent e) {
    ObjectNode n = Json.object();
    n.put("seq", e.seq());
    n.put("id", e.id());
    n.put("kind", e.kind().name());
    TableId table = e.table();
    n.put("catalog", table == null ? null : table.catalog());
    n.put("database_name", table == null ? null : table.database());
    n.put("table_name", table == null ? null : table.table());
    n.put("account", e.account());
    n.put("at", Json.instantText(e.at()));
    ObjectNode data = n.putObject("data");
    e.data().forEach(data::put);
    return n;
  }

  private static MeshEvent read(JsonNode n) {
    String catalog = Json.text(n, "catalog");
    Map<String, String> data = new TreeMap<>();
    n.path("data").fields().forEachRemaining(f -> data.put(f.getKey(), f.getValue().asText()));
    return new MeshEvent(
        n.get("seq").asLong(),
        Json.requiredText(n, "id"),
        MeshEvent.Kind.valueOf(Json.requiredText(n, "kind")),
        catalog == null
            ? null
            : TableId.of(
                catalog, Json.requiredText(n, "database_name"), Json.requiredText(n, "table_name")),
        Json.text(n, "account"),
        Json.instant(n, "at"),
        data);
  }
}
