package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.exceptions.ExternalServiceException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Records kept one per object ({@code FOLDER/NAME.json}, one JSON line each), replaced by writing
 * the same name again. Listing reads only objects whose ETag changed since they were last read.
 *
 * @param <T> the record type
 */
final class RecordFolder<T> {
  private final S3Objects objects;
  private final String folder;
  private final Function<JsonNode, T> reader;
  private final Function<T, JsonNode> writer;
  private final Map<String, Parsed<T>> cache = new ConcurrentHashMap<>();

  private record Parsed<T>(String etag, T value) {}

  RecordFolder(
      S3Objects objects,
      String folder,
      Function<JsonNode, T> reader,
      Function<T, JsonNode> writer) {
    this.objects = objects;
    this.folder = folder.endsWith("/") ? folder : folder + "/";
    this.reader = reader;
    this.writer = writer;
  }

  /** Object names are URL-encoded, so any run id or dataset name makes one safe key segment. */
  static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  String keyOf(String path) {
    return folder + path + ".json";
  }

  /** The JSON line of a record, built before anything is written so a bad record fails early. */
  String line(T value) {
    return Json.line(writer.apply(value));
  }

  /** Writes the line with the credentials of {@code writer}'s account (same root). */
  void putLine(S3Objects writer, String path, String line) {
    writer.put(keyOf(path), line);
  }

  /** The record, read with the credentials of {@code reader}'s account (same root). */
  Optional<T> get(S3Objects reader, String path) {
    return reader.get(keyOf(path)).map(s -> parse(keyOf(path), s.body()));
  }

  /** Every record under {@code subfolder} (empty for all), in key order. */
  List<T> all(String subfolder) {
    return all(objects, subfolder);
  }

  /** As {@link #all(String)}, listed and read with the credentials of {@code reader}'s account. */
  List<T> all(S3Objects reader, String subfolder) {
    List<T> values = new ArrayList<>();
    for (S3Objects.Listed listed : reader.list(folder + subfolder, null)) {
      Parsed<T> known = cache.get(listed.key());
      if (known != null && known.etag().equals(listed.etag())) {
        values.add(known.value());
        continue;
      }
      reader
          .get(listed.key())
          .ifPresent(
              stored -> {
                T value = parse(listed.key(), stored.body());
                cache.put(listed.key(), new Parsed<>(stored.etag(), value));
                values.add(value);
              });
    }
    return values;
  }

  private T parse(String key, String body) {
    List<T> records = Json.records(body, reader, objects.where(key));
    if (records.size() != 1) {
      throw new ExternalServiceException(
          objects.where(key) + " holds " + records.size() + " records instead of one", null);
    }
    return records.get(0);
  }
}
