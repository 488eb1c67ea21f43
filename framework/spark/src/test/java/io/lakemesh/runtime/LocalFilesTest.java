package io.lakemesh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and folders made through lakemesh's local file system get the permissions asked for. */
class LocalFilesTest {
  @TempDir File dir;

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
    Path file = new Path(new File(dir, "a/b/data.parquet").toURI());
    try (FileSystem fs = file.getFileSystem(conf)) {
      assertThat(fs).isInstanceOf(LocalFiles.class);
      try (FSDataOutputStream out =
          fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
        out.writeBytes("rows");
      }
    }

    assertThat(Files.readString(new File(dir, "a/b/data.parquet").toPath())).isEqualTo("rows");
    assertThat(perms(new File(dir, "a/b/data.parquet"))).isEqualTo("rw-r-----");
    // Folders made on the way take Hadoop's default, 0777, less the umask 027.
    assertThat(perms(new File(dir, "a/b"))).isEqualTo("rwxr-x---");
    // Hadoop's checksum beside the file, as before.
    assertThat(new File(dir, "a/b/.data.parquet.crc")).exists();
  }

  private static String perms(File file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file.toPath()));
  }
}
