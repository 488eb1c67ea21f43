package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.TableId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mesh's event stream as one JSON-lines object changed by compare-and-swap, written with the
 * records account's credentials: numbers are taken under the same condition as the append, so two
 * writers never share one and a reader that keeps the last number it saw never skips an event.
 *
 * <p>A producer's job tells of its own product (published, rejected, schema changed, ...) without
 * the records account's credentials, as it writes its run records ({@link RecordAccess}): it
 * appends to an outbox of its own ({@code _state/event_outbox/PRODUCER.jsonl}, numbered there),
 * which the records bucket's policy lets it write and no other producer. A reader with the records
 * account's credentials first moves what the outboxes hold past what it already moved into the
 * stream, under the stream's condition, so every event gets its number in the stream exactly once
 * and a producer can neither number nor rewrite another's events.
 */
final class S3Events {
  static final String OUTBOXES = AthenaTables.STATE + "event_outbox/";

  /** A stream entry: the event and, when a producer's outbox told it, where it came from. */
  private record Entry(MeshEvent event, String origin, long originSeq) {}

  private final RecordAccess access;
  private final JsonLinesFile<Entry> stream;
  private final Map<String, JsonLinesFile<MeshEvent>> outboxes = new ConcurrentHashMap<>();

  S3Events(RecordAccess access) {
    this.access = access;
    this.stream =
        new JsonLinesFile<>(
            access.records(),
            AthenaTables.EVENTS + "events.jsonl",
            S3Events::readEntry,
            S3Events::writeEntry);
  }

  /** The key of a producer's outbox, under the records root. */
  static String outboxKey(String producer) {
    return OUTBOXES + producer + ".jsonl";
  }

  MeshEvent append(MeshEvent event) {
    Optional<String> producer = ownProducer(event);
    if (producer.isPresent()) {
      return appendTo(outbox(producer.get()), event);
    }
    return stream.update(
        entries -> {
          Optional<Entry> stored =
              entries.stream().filter(e -> e.event().id().equals(event.id())).findFirst();
          if (stored.isPresent()) {
            return JsonLinesFile.Change.unchanged(stored.get().event());
          }
          MeshEvent numbered = event.numbered(next(entries));
          entries.add(new Entry(numbered, null, 0));
          return new JsonLinesFile.Change<>(entries, numbered);
        });
  }

  List<MeshEvent> after(long seq, int limit) {
    return settled().stream().filter(e -> e.seq() > seq).limit(limit).toList();
  }

  List<MeshEvent> ofTable(TableId table, Set<MeshEvent.Kind> kinds, int limit) {
    // A producer's own config reads its outbox: the stream is the records account's.
    List<MeshEvent> events =
        access.actsAs(table.catalog()) ? outbox(table.catalog()).read() : settled();
    return events.stream()
        .filter(e -> table.equals(e.table()))
        .filter(e -> kinds.isEmpty() || kinds.contains(e.kind()))
        .sorted(Comparator.comparingLong(MeshEvent::seq).reversed())
        .limit(limit)
        .toList();
  }

  /** The stream, with what the producers' outboxes told since the last read moved into it. */
  private List<MeshEvent> settled() {
    if (access.actingProducer().isEmpty()) {
      absorbOutboxes();
    }
    return stream.read().stream().map(Entry::event).toList();
  }

  private void absorbOutboxes() {
    Map<String, List<MeshEvent>> told = new TreeMap<>();
    for (S3Objects.Listed listed : access.records().list(OUTBOXES, null)) {
      String name = listed.key().substring(listed.key().lastIndexOf('/') + 1);
      if (name.endsWith(".jsonl")) {
        String producer = name.substring(0, name.length() - ".jsonl".length());
        told.put(producer, outbox(producer).read());
      }
    }
    if (told.values().stream().allMatch(List::isEmpty)) {
      return;
    }
    stream.update(
        entries -> {
          Map<String, Long> moved = new HashMap<>();
          Set<String> ids = new HashSet<>();
          for (Entry e : entries) {
            ids.add(e.event().id());
            if (e.origin() != null) {
              moved.merge(e.origin(), e.originSeq(), Math::max);
            }
          }
          List<Entry> added = new ArrayList<>();
          told.forEach(
              (producer, events) -> {
                for (MeshEvent e : events) {
                  if (e.seq() > moved.getOrDefault(producer, 0L) && ids.add(e.id())) {
                    added.add(new Entry(e, producer, e.seq()));
                  }
                }
              });
          if (added.isEmpty()) {
            return JsonLinesFile.Change.unchanged(null);
          }
          added.sort(Comparator.comparing((Entry e) -> e.event().at()));
          for (Entry e : added) {
            entries.add(new Entry(e.event().numbered(next(entries)), e.origin(), e.originSeq()));
          }
          return new JsonLinesFile.Change<>(entries, null);
        });
  }

  /** The producer whose outbox takes the event: its job's own config telling of its product. */
  private Optional<String> ownProducer(MeshEvent event) {
    return event.kind().isAccess() || event.table() == null
        ? Optional.empty()
        : Optional.of(event.table().catalog()).filter(access::actsAs);
  }

  private JsonLinesFile<MeshEvent> outbox(String producer) {
    return outboxes.computeIfAbsent(
        producer,
        p ->
            new JsonLinesFile<>(
                access.actsAs(p) ? access.producer(p) : access.records(),
                outboxKey(p),
                S3Events::read,
                S3Events::write));
  }

  private static MeshEvent appendTo(JsonLinesFile<MeshEvent> file, MeshEvent event) {
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

  private static long next(List<Entry> entries) {
    return entries.isEmpty() ? 1 : entries.get(entries.size() - 1).event().seq() + 1;
  }

  private static ObjectNode writeEntry(Entry e) {
    ObjectNode n = write(e.event());
    if (e.origin() != null) {
      n.put("origin", e.origin());
      n.put("origin_seq", e.originSeq());
    }
    return n;
  }

  private static Entry readEntry(JsonNode n) {
    String origin = Json.text(n, "origin");
    return new Entry(read(n), origin, origin == null ? 0 : n.path("origin_seq").asLong());
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
