package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What bin/lakemesh gives a JVM to start faster. The class-data-sharing archive made for the
 * command's classpath, when there is one; an archive that is damaged or missing changes nothing a
 * user sees: same exit code, same output, no warning. And SQLite's native library where the build
 * unpacked it. (After package: bin/lakemesh runs the packaged job jar.)
 */
class LauncherArchiveIT {
  @TempDir Path dir;

  private record Exit(int code, String out, String err) {}

  private Exit lakemesh(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return script("bin/lakemesh", env, args);
  }

  private Exit script(String script, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    String[] command = new String[args.length + 1];
    command[0] = TestMesh.REPO.resolve(script).toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("LAKEMESH_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(script + " did not finish: " + Files.readString(err));
    }
    return new Exit(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void aDamagedOrMissingArchiveChangesNothingAUserSees() throws Exception {
    Exit without = lakemesh(Map.of("LAKEMESH_CDS", "off"), "--version");
    Path damaged =
        Files.write(
            dir.resolve("damaged.jsa"),
            new byte[] {'n', 'o', 't', ' ', 'a', 'n', ' ', 'a', 'r', 'c', 'h'});

    Exit withDamaged = lakemesh(Map.of("LAKEMESH_CDS_ARCHIVE", damaged.toString()), "--version");
    Exit withMissing =
        lakemesh(Map.of("LAKEMESH_CDS_ARCHIVE", dir.resolve("none.jsa").toString()), "--version");
    Exit withDamagedCli =
        lakemesh(Map.of("LAKEMESH_CLI_CDS_ARCHIVE", damaged.toString()), "--version");
    Exit withMissingCli =
        lakemesh(
            Map.of("LAKEMESH_CLI_CDS_ARCHIVE", dir.resolve("none.jsa").toString()), "--version");

    assertThat(without.code()).as(without.err()).isZero();
    assertThat(without.out()).isNotBlank();
    for (Exit exit : new Exit[] {withDamaged, withMissing, withDamagedCli, withMissingCli}) {
      assertThat(exit.code()).as(exit.err()).isZero();
      assertThat(exit.out()).isEqualTo(without.out());
      assertThat(exit.err()).isEqualTo(without.err());
    }
  }

  @Test
  void catalogCommandsLoadTheirClassesFromTheArchiveMadeForThem() throws Exception {
    Path archive = dir.resolve("cli.jsa");
    Exit made =
        script(
            "bin/lakemesh-archive",
            Map.of("LAKEMESH_CLI_CDS_ARCHIVE", archive.toString()),
            "--cli");
    assertThat(made.code()).as(made.err()).isZero();
    assertThat(made.err()).contains("wrote " + archive);
    String home = dir.resolve("home").toString();
    Exit without = lakemesh(Map.of("LAKEMESH_CDS", "off"), "search", "orders", "--home", home);
    Path classes = dir.resolve("classes.log");

    Exit with =
        lakemesh(
            Map.of(
                "LAKEMESH_CLI_CDS_ARCHIVE",
                archive.toString(),
                "LAKEMESH_JAVA_OPTS",
                "-Xlog:class+load=info:file=" + classes),
            "search",
            "orders",
            "--home",
            home);

    assertThat(without.code()).as(without.err()).isZero();
    assertThat(with.code()).as(with.err()).isZero();
    assertThat(with.out()).isEqualTo(without.out());
    assertThat(with.err()).isEqualTo(without.err());
    // "[0.101s][info][class,load] io.lakemesh.cli.SearchCommand source: shared objects file"
    assertThat(Files.readAllLines(classes))
        .anyMatch(
            line -> line.endsWith(" io.lakemesh.cli.SearchCommand source: shared objects file"))
        .anyMatch(line -> line.contains(" org.jdbi.v3.core.Jdbi source: shared objects file"));
  }

  @Test
  void aCatalogCommandRunsWhereTheTemporaryFolderCannotBeWritten() throws Exception {
    String arch = System.getProperty("os.arch");
    assumeTrue(
        System.getProperty("os.name").equals("Linux")
            && (arch.equals("amd64") || arch.equals("aarch64")),
        "bin/lakemesh has SQLite's native library at hand on Linux x86_64 and aarch64 only");
    // sqlite-jdbc would copy its library into the temporary folder before opening the catalog.
    Path notAFolder = Files.writeString(dir.resolve("tmp"), "");

    Exit list =
        lakemesh(
            Map.of("LAKEMESH_JAVA_OPTS", "-Djava.io.tmpdir=" + notAFolder),
            "catalog",
            "list",
            "--home",
            dir.resolve("home").toString());

    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out()).startsWith("TABLE");
  }
}
