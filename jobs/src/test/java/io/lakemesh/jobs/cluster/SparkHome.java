package io.lakemesh.jobs.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Spark installation made of Spark's Maven artifacts alone, as a cluster machine would have it.
 * It holds nothing of lakemesh, so the job jar has to bring the application (lakemesh and every
 * library it bundles) to the driver and the executors through spark-submit, as a user's jar would.
 */
record SparkHome(Path dir) {

  /**
   * Resolves spark-sql and what it depends on, under the build's version pins, and links those jars
   * into {@code dir/jars}. Resolved on its own rather than read from the job module's classpath:
   * there Spark's libraries are mediated together with the application's, which drops some Spark
   * needs (they end up inside the job jar instead) and adds the application's own.
   */
  static SparkHome resolve(Path dir, Path parentPom, Path logs)
      throws IOException, InterruptedException {
    Path project = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-resolution"));
    Files.writeString(
        project.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>io.lakemesh</groupId><artifactId>lakemesh-parent</artifactId><version>%s</version>
            <relativePath>%s</relativePath>
          </parent>
          <artifactId>spark-runtime</artifactId>
          <packaging>pom</packaging>
          <dependencies>
            <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_${scala.binary}</artifactId></dependency>
          </dependencies>
        </project>
        """
            .formatted(required("project.version"), project.relativize(parentPom)));
    Path classpath = project.resolve("classpath.txt");
    // Not offline even when the build is: with everything already in the local repository,
    // Maven contacts no remote, and if something is missing it may still fetch it.
    List<String> mvn =
        List.of(
            Path.of(required("maven.home"), "bin", "mvn").toString(),
            "-B",
            "-q",
            "-Dmaven.repo.local=" + required("maven.repo.local"),
            "-f",
            project.resolve("pom.xml").toString(),
            "org.apache.maven.plugins:maven-dependency-plugin:build-classpath",
            "-Dmdep.outputFile=" + classpath);
    // The test JVM's JIT settings for Maven's too: the first tier alone halves the CPU time of a
    // Maven this short (3.8 s to 2.2 s).
    String mavenOpts =
        (Objects.requireNonNullElse(System.getenv("MAVEN_OPTS"), "")
                + " "
                + System.getProperty("test.jvm.flags", ""))
            .strip();
    ChildProcess.start("spark-runtime-resolution", logs, mvn, Map.of("MAVEN_OPTS", mavenOpts))
        .awaitSuccess(Duration.ofMinutes(5));

    Path jars = Files.createDirectories(dir.resolve("jars"));
    for (String entry : Files.readString(classpath).trim().split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
    }
    // Spark's launcher takes a home with RELEASE for a distribution and looks in jars/; without
    // it, it looks for a source build and the worker cannot start executors.
    Files.writeString(dir.resolve("RELEASE"), "Spark from Maven artifacts\n");
    return new SparkHome(dir);
  }

  /** Starts {@code mainClass} on this home's classpath, as Spark's own scripts would. */
  ChildProcess start(
      String name, Path logs, List<String> jvmFlags, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(dir.resolve("jars").resolve("*").toString());
    command.add(mainClass);
    command.addAll(args);
    return ChildProcess.start(name, logs, command, environment());
  }

  /**
   * What a worker must see to build executor command lines (without the Scala version it looks for
   * build directories), and loopback so that nothing binds to or advertises another address.
   */
  private Map<String, String> environment() {
    return Map.of(
        "SPARK_HOME",
        dir.toString(),
        "SPARK_SCALA_VERSION",
        "2.12",
        "SPARK_LOCAL_IP",
        "127.0.0.1",
        "JAVA_HOME",
        System.getProperty("java.home"));
  }

  /** Set by the failsafe configuration from the running build. */
  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + property + " is not set (run this test through Maven: mvn verify)");
    }
    return value;
  }
}
