package io.lakemesh.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The web UI's files: every file of a classpath folder (in the jar or in a build's classes folder),
 * read once when the server starts. A path that is not one of them is a miss and is answered from
 * nothing: no request can make this hold more than the folder's files.
 */
final class StaticFiles {
  private final Map<String, byte[]> files;

  /** Reads every file under {@code folder} (such as {@code /ui/}), which must hold index.html. */
  StaticFiles(String folder) {
    this.files = Map.copyOf(readAll(folder));
  }

  /** The file at {@code path}; {@code /} is {@code index.html}. */
  Optional<byte[]> find(String path) {
    String name = path.equals("/") || path.isEmpty() ? "index.html" : path.replaceFirst("^/+", "");
    return Optional.ofNullable(files.get(name));
  }

  /** The names of the files held, relative to the folder. */
  Set<String> names() {
    return files.keySet();
  }

  private static Map<String, byte[]> readAll(String folder) {
    URL index = StaticFiles.class.getResource(folder + "index.html");
    if (index == null) {
      throw new IllegalStateException(
          "no " + folder + "index.html on the classpath: the build lost the web UI");
    }
    try {
      URI uri = index.toURI();
      if (!uri.getScheme().equals("jar")) {
        return readAll(Path.of(uri).getParent());
      }
      String jar = uri.getRawSchemeSpecificPart();
      Path file = Path.of(URI.create(jar.substring(0, jar.indexOf("!/"))));
      try (FileSystem zip = FileSystems.newFileSystem(file, (ClassLoader) null)) {
        return readAll(zip.getPath(folder));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the web UI's files under " + folder, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("web UI location is not a URI: " + index, e);
    }
  }

  private static Map<String, byte[]> readAll(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        String name =
            root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        out.put(name, Files.readAllBytes(file));
      }
    }
    return out;
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
