package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.exceptions.CommitConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A collection kept as one JSON-lines object and changed by compare-and-swap on its ETag, so that
 * concurrent writers (threads or processes) never lose each other's changes. Reads are served from
 * memory while the object's ETag is unchanged.
 *
 * @param <T> the record type
 */
final class JsonLinesFile<T> {
  /** What a change does: the new content (null to leave the object alone) and its result. */
  record Change<T, R>(List<T> content, R result) {
    static <T, R> Change<T, R> unchanged(R result) {
      return new Change<>(null, result);
    }
  }

  private static final int ATTEMPTS = 30;

  private final S3Objects objects;
  private final String key;
  private final Function<JsonNode, T> reader;
  private final Function<T, JsonNode> writer;
  private volatile Snapshot<T> cached;

  private record Snapshot<T>(String etag, List<T> items) {}

  JsonLinesFile(
      S3Objects objects, String key, Function<JsonNode, T> reader, Function<T, JsonNode> writer) {
    this.objects = objects;
    this.key = key;
    this.reader = reader;
    this.writer = writer;
  }

  List<T> read() {
    return snapshot().items();
  }

  /**
   * Applies the change to the current content and stores the result if nobody changed the object
   * meanwhile; otherwise reads again and re-applies. The change must tolerate running more than
   * once (it may call AWS, so it must be idempotent there too).
   */
  <R> R update(Function<List<T>, Change<T, R>> change) {
    for (int attempt = 1; ; attempt++) {
      Snapshot<T> current = snapshot();
      Change<T, R> outcome = change.apply(new ArrayList<>(current.items()));
      if (outcome.content() == null) {
        return outcome.result();
      }
      String body = Json.lines(outcome.content().stream().map(writer).toList());
      var written =
          current.etag() == null
              ? objects.create(key, body)
              : objects.replace(key, body, current.etag());
      if (written.isPresent()) {
        cached = new Snapshot<>(written.get(), List.copyOf(outcome.content()));
        return outcome.result();
      }
      if (attempt == ATTEMPTS) {
        throw new CommitConflictException(
            "records "
                + objects.root().key(key)
                + " kept changing under "
                + ATTEMPTS
                + " attempts to update them",
            null);
      }
      pause(attempt);
    }
  }

  private Snapshot<T> snapshot() {
    Snapshot<T> known = cached;
    var fetched = objects.getIfChanged(key, known == null ? null : known.etag());
    if (fetched.isEmpty()) {
      Snapshot<T> empty = new Snapshot<>(null, List.of());
      cached = empty;
      return empty;
    }
    if (fetched.get().isEmpty()) {
      return known;
    }
    S3Objects.Stored stored = fetched.get().get();
    Snapshot<T> fresh = new Snapshot<>(stored.etag(), parse(stored.body()));
    cached = fresh;
    return fresh;
  }

  private List<T> parse(String body) {
    return Json.records(body, reader, objects.where(key));
  }

  static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * Math.min(attempt, 10)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommitConflictException("interrupted while retrying a conflicting update", e);
    }
  }
}
