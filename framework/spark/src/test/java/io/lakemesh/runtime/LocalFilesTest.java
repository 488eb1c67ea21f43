package io.lakemesh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and folders made through lakemesh's local file system get the permissions asked for. */
class LocalFilesTest {
  @TempDir Path dir;

  @Test
  void octalPermissionsMapToPosixOnes() {
    assertThat(PosixFilePermissions.toString(LocalFiles.posix(new FsPermission((short) 0754))))
        .isEqualTo("rwxr-xr--");
    assertThat(PosixFilePermissions.toString(LocalFiles.posix(new FsPermission((short) 0640))))
        .isEqualTo("rw-r-----");
    assertThat(PosixFilePermissions.toString(LocalFiles.posix(new FsPermission((short) 0))))
        .isEqualTo("---------");
  }

  @Test
  void aFileAndItsFoldersAreMadeWithThePermissionsAskedFor() throws Exception {
    Configuration conf = new Configuration();
    conf.set(LocalFiles.SETTING, LocalFiles.class.getName());
    conf.set("fs.file.impl.disable.cache", "true");
    conf.set("fs.permissions.umask-mode", "027");
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path(dir.resolve("a/b/data.parquet").toUri());
    try (FileSystem fs = file.getFileSystem(conf)) {
      assertThat(fs).isInstanceOf(LocalFiles.class);
      try (FSDataOutputStream out =
          fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
        out.writeBytes("rows");
      }
    }

    assertThat(Files.readString(dir.resolve("a/b/data.parquet"))).isEqualTo("rows");
    assertThat(perms(dir.resolve("a/b/data.parquet"))).isEqualTo("rw-r-----");
    // Folders made on the way take Hadoop's default, 0777, less the umask 027.
    assertThat(perms(dir.resolve("a/b"))).isEqualTo("rwxr-x---");
    // Hadoop's checksum beside the file, as before.
    assertThat(dir.resolve("a/b/.data.parquet.crc")).exists();
  }

  private static String perms(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
