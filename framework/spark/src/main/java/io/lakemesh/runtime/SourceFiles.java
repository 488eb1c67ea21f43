package io.lakemesh.runtime;

import io.lakemesh.exceptions.NotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A file source's files as Hadoop lists them, and their fingerprint (path, length and modification
 * time of each): what stands for the source's content in the batch key. Spark-free, so a run can
 * recognise unchanged inputs before a session starts.
 */
final class SourceFiles {
  private static final String SPARK_HADOOP = "spark.hadoop.";

  private SourceFiles() {}

  /**
   * The source's location: {@code path} as it is when absolute or a URI, else under the spec's
   * folder.
   */
  static String location(String path, java.nio.file.Path specDir) {
    if (path.contains("://") || path.startsWith("/")) {
      return path;
    }
    return specDir.resolve(path).normalize().toAbsolutePath().toString();
  }

  /**
   * The Hadoop configuration a Spark session over {@code sparkSettings} would list files with: its
   * {@code spark.hadoop.*} settings, as Spark copies them into its context's configuration.
   */
  static Configuration hadoopConf(Map<String, String> sparkSettings) {
    Configuration conf = new Configuration();
    conf.set(LocalFiles.SETTING, LocalFiles.class.getName());
    sparkSettings.forEach(
        (key, value) -> {
          if (key.startsWith(SPARK_HADOOP)) {
            conf.set(key.substring(SPARK_HADOOP.length()), value);
          }
        });
    return conf;
  }

  /**
   * Every file at {@code location} (a file, a folder listed recursively, or a glob), in path order.
   */
  static List<FileStatus> list(String source, String location, Configuration conf) {
    try {
      Path path = new Path(location);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matches = fs.globStatus(path);
      if (matches == null || matches.length == 0) {
        throw new NotFoundException("source " + source + ": no file at " + location);
      }
      List<FileStatus> files = new ArrayList<>();
      for (FileStatus match : matches) {
        if (match.isDirectory()) {
          var it = fs.listFiles(match.getPath(), true);
          while (it.hasNext()) {
            files.add(it.next());
          }
        } else {
          files.add(match);
        }
      }
      files.sort(Comparator.comparing(s -> s.getPath().toString()));
      return files;
    } catch (IOException e) {
      throw new NotFoundException(
          "source " + source + ": cannot list " + location + ": " + e.getMessage());
    }
  }

  /** Changes when a file is added, removed, rewritten or touched; part of the batch key. */
  static String fingerprint(List<FileStatus> files) {
    StringBuilder text = new StringBuilder();
    for (FileStatus s : files) {
      text.append(s.getPath())
          .append('|')
          .append(s.getLen())
          .append('|')
          .append(s.getModificationTime())
          .append('\n');
    }
    return BatchKeys.sha256(text.toString());
  }

  /** Whether {@code location} is on this machine's file system (no scheme, or {@code file:}). */
  static boolean isLocal(String location) {
    return !location.contains(":") || location.startsWith("file:");
  }
}
