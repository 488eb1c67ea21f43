package io.lakemesh.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The web UI's files, read from the classpath once and kept. */
final class StaticFiles {
  private final String root;
  private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

  StaticFiles(String root) {
    this.root = root;
  }

  /** The file at {@code path} under {@code folder}; {@code /} is {@code index.html}. */
  Optional<byte[]> find(String path, String folder) {
    String name = path.equals("/") || path.isEmpty() ? "index.html" : path.replaceFirst("^/+", "");
    if (name.contains("..") || name.contains("\\") || !name.matches("[A-Za-z0-9_./-]+")) {
      return Optional.empty();
    }
    String resource = (folder.equals("/") ? "/ui/" : folder) + name;
    return cache.computeIfAbsent(resource, StaticFiles::read);
  }

  private static Optional<byte[]> read(String resource) {
    try (InputStream in = StaticFiles.class.getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String contentType(String path) {
    if (path.equals("/") || path.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (path.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (path.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (path.endsWith(".svg")) {
      return "image/svg+xml";
    }
    if (path.endsWith(".json")) {
      return "application/json; charset=utf-8";
    }
    return "application/octet-stream";
  }
}
