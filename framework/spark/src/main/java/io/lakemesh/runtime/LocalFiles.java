package io.lakemesh.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.io.nativeio.NativeIO;

/**
 * Hadoop's local file system ({@code file:}), setting permissions through java.nio. Without
 * Hadoop's native library, which Spark's jars do not ship, {@link RawLocalFileSystem} starts a
 * {@code chmod} process for every file and folder it creates: a run of 1,000 rows into the embedded
 * warehouse started 56, each a fork of the JVM. Everything else is Hadoop's, .crc files included.
 */
public final class LocalFiles extends LocalFileSystem {
  /** The setting that makes Hadoop use it for {@code file:} paths. */
  public static final String SETTING = "fs.file.impl";

  public LocalFiles() {
    super(new Raw());
  }

  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (NativeIO.isAvailable() || permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission); // not a POSIX file system: Hadoop's own way
      }
    }
  }

  /** The same permissions as java.nio names them: {@code rwx} for user, group and others. */
  static Set<PosixFilePermission> posix(FsPermission permission) {
    return PosixFilePermissions.fromString(
        permission.getUserAction().SYMBOL
            + permission.getGroupAction().SYMBOL
            + permission.getOtherAction().SYMBOL);
  }
}
