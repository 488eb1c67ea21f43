package io.lakemesh.jobs;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;

/**
 * The class-data-sharing archive the CLI JVMs of these tests start with, as bin/lakemesh starts
 * with the one bin/lakemesh-archive makes: the classes a run loads (lakemesh, Spark, Iceberg,
 * Deequ) parsed and verified once per test JVM, by a training run of sales.orders in a throwaway
 * home, instead of in every child. It halves a child's CPU time and changes nothing a child does:
 * classes still load when first used. Where the archive cannot be made, children start without it.
 * The test JVMs of one module run side by side (surefire's forks) and share it: the first trains it
 * under a file lock, the others wait for it and take it while every jar it was made from is
 * unchanged.
 */
final class ClassArchive {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path WORK = MODULE.resolve("target/test-class-archive");
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private static List<String> options;

  private ClassArchive() {}

  /**
   * The test classpath without this module's own class folders: the JVM archives classes from jars
   * only (it makes no archive at all with a non-empty folder on the classpath), and a CLI run of a
   * SQL product needs none of the module's classes. The whole classpath when another module's
   * classes are in folders ({@code mvn test} without {@code package}); then there is no archive.
   */
  static String classpath() {
    String full = System.getProperty("java.class.path");
    return ownFoldersOnly() ? String.join(File.pathSeparator, jars()) : full;
  }

  /** The JVM options that start a child with the archive; none when there is none. */
  static synchronized List<String> options() throws IOException, InterruptedException {
    if (options == null) {
      options = ownFoldersOnly() ? shared() : List.of();
    }
    return options;
  }

  /**
   * The -XX: and --add-opens settings of this JVM (the JIT and Spark's flags), which every child
   * takes with it.
   */
  static List<String> inheritedFlags() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("--add-opens")
                    || a.startsWith("-Djdk.reflect")
                    || a.startsWith("-XX:"))
        .toList();
  }

  /** The archive made for this classpath by this JVM or another of the module's, else a new one. */
  private static List<String> shared() throws IOException, InterruptedException {
    Path archive = WORK.resolve("cli.jsa");
    Path madeFor = WORK.resolve("made-for.txt");
    Files.createDirectories(WORK.getParent());
    try (FileChannel channel =
            FileChannel.open(
                WORK.resolveSibling("test-class-archive.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      String jars = jarsAsMade();
      if (Files.isRegularFile(archive)
          && Files.isRegularFile(madeFor)
          && Files.readString(madeFor).equals(jars)) {
        return use(archive);
      }
      List<String> made = train(archive);
      if (!made.isEmpty()) {
        Files.writeString(madeFor, jars);
      }
      return made;
    }
  }

  /**
   * Each jar of the classpath with its size and time: the JVM refuses an archive made from other
   * jars, so a rebuilt one means a new archive.
   */
  private static String jarsAsMade() throws IOException {
    StringBuilder made = new StringBuilder();
    for (String jar : jars()) {
      Path p = Path.of(jar);
      made.append(jar)
          .append(' ')
          .append(Files.size(p))
          .append(' ')
          .append(Files.getLastModifiedTime(p).toMillis())
          .append('\n');
    }
    return made.toString();
  }

  private static List<String> use(Path archive) {
    List<String> use = new ArrayList<>(List.of("-XX:SharedArchiveFile=" + archive));
    use.addAll(QUIET);
    return use;
  }

  private static List<String> train(Path archive) throws IOException, InterruptedException {
    FileUtils.deleteDirectory(WORK.toFile());
    Files.createDirectories(WORK);
    MeshCli mesh = new MeshCli(WORK, TestMesh.PRODUCTS, "central");
    List<String> dump = new ArrayList<>(List.of("-XX:ArchiveClassesAtExit=" + archive));
    dump.addAll(QUIET);
    List<String> args =
        List.of(
            "run",
            "sales.orders",
            "--home",
            mesh.home().toString(),
            "--config",
            mesh.config().toString(),
            "--topology",
            "central");
    Process training = FreshJvm.start(dump, args, WORK.resolve("training.log").toFile());
    // Writing the archive takes longer than the run; on a loaded machine, minutes.
    if (!training.waitFor(15, TimeUnit.MINUTES)) {
      training.destroyForcibly();
      return List.of();
    }
    if (training.exitValue() != 0 || !Files.isRegularFile(archive)) {
      return List.of();
    }
    return use(archive);
  }

  private static List<String> jars() {
    return entries().stream().filter(e -> !Files.isDirectory(Path.of(e))).toList();
  }

  private static boolean ownFoldersOnly() {
    return entries().stream()
        .map(Path::of)
        .filter(Files::isDirectory)
        .allMatch(p -> p.toAbsolutePath().startsWith(MODULE.resolve("target")));
  }

  private static List<String> entries() {
    return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
  }
}
