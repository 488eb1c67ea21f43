package io.lakemesh.governance;

import io.lakemesh.exceptions.ExternalServiceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints as write-once files in a folder outside the catalog database: {@code
 * LOG/SEQ.checkpoint}, created with CREATE_NEW so that a checkpoint, once written, is never
 * replaced by lakemesh.
 */
public final class AuditCheckpoints {
  private static final String SUFFIX = ".checkpoint";

  private final Path folder;

  public AuditCheckpoints(Path folder) {
    this.folder = folder.toAbsolutePath().normalize();
  }

  public Path folder() {
    return folder;
  }

  /** The file that holds (or would hold) the checkpoint of event {@code seq} of the log. */
  public Path file(String log, long seq) {
    return folder.resolve(log).resolve(String.format("%020d", seq) + SUFFIX);
  }

  /** Writes the checkpoint; false when one of that event was already there (it is kept). */
  public boolean write(AuditCheckpoint checkpoint) {
    Path file = file(checkpoint.log(), checkpoint.seq());
    try {
      Path logFolder = file.getParent();
      if (!Files.isDirectory(logFolder)) {
        Files.createDirectories(logFolder, AuditKey.ownerOnlyFolder(logFolder));
      }
      Files.writeString(
          file,
          checkpoint.text(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException exists) {
      return false;
    } catch (IOException e) {
      throw new ExternalServiceException(
          "cannot write audit checkpoint " + file + ": " + e.getMessage(), e);
    }
  }

  /** A stored checkpoint file, or why it cannot be read. */
  public record Stored(Path file, AuditCheckpoint checkpoint, String problem) {}

  /** The log's checkpoint files in sequence order. */
  public List<Stored> of(String log) {
    return files(log).stream().map(AuditCheckpoints::read).toList();
  }

  /** The log's newest checkpoint file, read alone (a log keeps one per command that appended). */
  public Optional<Stored> newest(String log) {
    List<Path> files = files(log);
    return files.isEmpty() ? Optional.empty() : Optional.of(read(files.get(files.size() - 1)));
  }

  private List<Path> files(String log) {
    Path logFolder = folder.resolve(log);
    if (!Files.isDirectory(logFolder)) {
      return List.of();
    }
    // Names are zero-padded sequence numbers, so their order is the events' order.
    try (Stream<Path> files = Files.list(logFolder)) {
      return files.filter(f -> f.toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new ExternalServiceException(
          "cannot list audit checkpoints in " + logFolder + ": " + e.getMessage(), e);
    }
  }

  private static Stored read(Path file) {
    try {
      return new Stored(file, AuditCheckpoint.parse(Files.readString(file)), "");
    } catch (IOException | IllegalArgumentException e) {
      return new Stored(file, null, e.getMessage());
    }
  }
}
