package io.lakemesh.cli;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.client.HttpCatalog;
import io.lakemesh.client.ServerEndpoint;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.config.MeshHome;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.rules.PrincipalCatalog;
import io.lakemesh.governance.service.GovernanceServices;
import io.lakemesh.governance.spark.GovernedInputs;
import io.lakemesh.governance.spark.GovernedPublisher;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.spec.SpecLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * Options every command shares, and what they open: the config, the catalog, the specs and, only
 * for commands that need it, Spark. Opened lazily so that catalog commands start fast.
 */
public final class Environment implements AutoCloseable {
  @Option(
      names = "--home",
      paramLabel = "DIR",
      description = "Mesh home (default: $LAKEMESH_HOME or ./.lakemesh).")
  Path home;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Environment config (default: the one the home records, else conf/lakemesh.conf).")
  Path configFile;

  @Option(
      names = "--topology",
      paramLabel = "T",
      description =
          "Governance topology: central, lob-federated or federated (default: the home's, else the mesh config's).")
  String topology;

  private LakemeshConfig config;
  private GovernanceService governance;
  private GovernedInputs inputs;
  private GovernanceCatalog catalog;
  private GovernanceCatalog local;
  private GovernanceCatalog readerCatalog;

  /**
   * The config: the one the mesh home records when it has one (a contradicting {@code --config} or
   * {@code --topology} is refused), else {@code --config} or the install's.
   */
  public LakemeshConfig config() {
    if (config == null) {
      MeshHome h = meshHome();
      config =
          h.isRecorded() || home != null
              ? h.load(configFileToLoad(), explicitTopology(), explicitConfigFile() != null)
              : LakemeshConfig.load(configFileToLoad(), null);
    }
    return config;
  }

  /** The mesh home commands use: {@code --home}, else $LAKEMESH_HOME, else ./.lakemesh. */
  public MeshHome meshHome() {
    return MeshHome.locate(home, workingDir());
  }

  /**
   * Records this environment's config, topology and (when not null) products folder in the mesh
   * home, after checking the mesh loads; a home that records them already is left as it is, and
   * must agree. Returns whether the record was written now.
   */
  public boolean recordHome(Path products) {
    MeshHome h = meshHome();
    if (h.isRecorded()) {
      config();
      if (products != null) {
        throw new InvalidConfigException(
            "--products",
            "mesh home "
                + h.dir()
                + " is initialised already; change its products folder with lakemesh.products in "
                + h.file());
      }
      return false;
    }
    Path file = configFileToLoad();
    LakemeshConfig c = LakemeshConfig.load(file, h.dir());
    String meshTopology =
        c.meshSection() == null
            ? null
            : c.mesh(topology == null ? null : Topology.parse(topology)).topology().configName();
    h.record(
        file == null ? null : file.toAbsolutePath().normalize(),
        meshTopology,
        products == null ? null : workingDir().resolve(products).normalize());
    config = null;
    return true;
  }

  /**
   * The file whose {@code lakemesh.mesh.accounts} a user edits to change the mesh: the home's
   * record, else the file the accounts are declared in.
   */
  public String accountsFile() {
    MeshHome h = meshHome();
    if (h.isRecorded()) {
      return h.file().toString();
    }
    String declared =
        config().meshSection() == null ? null : config().meshSection().fileOf("accounts");
    return declared != null ? declared : "the mesh config (lakemesh.mesh.accounts)";
  }

  /**
   * The catalog every command and a producer job read and write: the catalog server's, as the
   * token's principal, when {@code lakemesh.catalog.url} is set (the server applies the rules to
   * every call), else the local catalog database.
   */
  public GovernanceCatalog catalog() {
    if (catalog == null) {
      catalog =
          GovernanceServices.serverUrl(config()).isBlank()
              ? localCatalog()
              : CatalogLoader.load(
                  HttpCatalog.TYPE, "lakemesh", GovernanceServices.serverProperties(config()));
    }
    return catalog;
  }

  /**
   * The catalog as {@code reader} reads it through the rules (the whole {@link #catalog()} when
   * null): on a catalog server, its token acting as the reader (the server refuses, and audits,
   * another principal than the token's); embedded, the same rules in process.
   */
  public GovernanceCatalog catalogAs(Principal reader) {
    if (reader == null) {
      return catalog();
    }
    if (!GovernanceServices.serverUrl(config()).isBlank()) {
      Map<String, String> properties = new HashMap<>(GovernanceServices.serverProperties(config()));
      properties.put(HttpCatalog.ACTING_AS, reader.toString());
      if (readerCatalog == null) {
        readerCatalog = CatalogLoader.load(HttpCatalog.TYPE, "lakemesh", properties);
      }
      return readerCatalog;
    }
    return new PrincipalCatalog(Governance.over(mesh(), catalog()), reader);
  }

  /**
   * The catalog database of the config, whatever its url says: for the commands that administer the
   * server's own database ({@code serve}, {@code token}).
   */
  public GovernanceCatalog localCatalog() {
    if (local == null) {
      local = openLocal(config(), config().catalogType(), Map.of());
    }
    return local;
  }

  /**
   * Opens the config's catalog database, with {@code overrides} on its properties; the server's url
   * and token are not the database's. A SQLite database's folder (the mesh home) is created.
   */
  static GovernanceCatalog openLocal(LakemeshConfig c, String type, Map<String, String> overrides) {
    Map<String, String> properties = new LinkedHashMap<>(c.catalogProperties());
    properties.remove("url");
    properties.remove("token");
    properties.remove(ServerEndpoint.TLS_CA);
    properties.remove(ServerEndpoint.ALLOW_INSECURE_HTTP);
    properties.putAll(overrides);
    ensureHome(c, properties.get("uri"));
    return CatalogLoader.load(type, "lakemesh", properties);
  }

  /**
   * Creates the mesh home, where SQLite databases at {@code uri} (and the warehouse's beside them)
   * live.
   */
  static void ensureHome(LakemeshConfig c, String uri) {
    if (uri.startsWith("jdbc:sqlite:")) {
      try {
        Files.createDirectories(c.home());
      } catch (IOException e) {
        throw new InvalidConfigException(
            "lakemesh.home", "cannot create mesh home " + c.home() + ": " + e.getMessage());
      }
    }
  }

  /** The mesh's accounts in the chosen topology. */
  public Mesh mesh() {
    return config().mesh(topology == null ? null : Topology.parse(topology));
  }

  /**
   * The governance rules: through the catalog server when {@code lakemesh.catalog.url} is set (the
   * server enforces them, acting as the token's principal), else in process over the catalog.
   */
  public GovernanceService governance() {
    if (governance == null) {
      governance = GovernanceServices.of(config(), mesh(), this::catalog);
    }
    return governance;
  }

  /** The in-process rules over the config's catalog database, whatever its url says (for serve). */
  public Governance embeddedGovernance() {
    return Governance.over(mesh(), localCatalog());
  }

  /**
   * A producer job over this environment. With a mesh configured it reads other products through
   * its account's links (SELECT checked), publishes as the producer account through governance
   * (audited, granting nothing) and then ensures its subscribers' links.
   */
  public ProducerJob producerJob(PrintStream progress) {
    ProducerJob job = new ProducerJob(config(), catalog(), new SparkOnDemand(), progress);
    if (config().meshSection() == null) {
      return job;
    }
    if (inputs == null) {
      inputs = new GovernedInputs(governance(), config().warehouse());
    }
    return job.readingWith(inputs)
        .publishingWith(new GovernedPublisher(governance(), accountsFile()));
  }

  public SpecLoader specs() {
    return new SpecLoader(root().resolve(config().products()));
  }

  /** Creates the mesh home the config's Iceberg catalogs on SQLite live in, if need be. */
  void ensureHome() {
    ensureHome(config(), config().catalogProperties().get("uri"));
  }

  /**
   * Spark when a job asks for it. A class, not a method reference: a reference resolves Spark's
   * classes when it is made, and a job over unchanged inputs needs none.
   */
  private final class SparkOnDemand implements Supplier<SparkSession> {
    @Override
    public SparkSession get() {
      return LocalSpark.of(Environment.this);
    }
  }

  /** The folder relative paths of the config are read from: the install root, else the cwd. */
  public static Path root() {
    String root = System.getProperty("lakemesh.root");
    return root == null ? Path.of("").toAbsolutePath() : Path.of(root);
  }

  /**
   * The folder relative paths of the command line, and the default home, are resolved in: the
   * process's working directory, or {@code lakemesh.cwd} when a caller runs commands in process on
   * behalf of another folder.
   */
  static Path workingDir() {
    String cwd = System.getProperty("lakemesh.cwd");
    return cwd == null ? Path.of("").toAbsolutePath() : Path.of(cwd);
  }

  /**
   * The config the user chose for this command ({@code --config} or $LAKEMESH_CONFIG), else null.
   */
  private Path explicitConfigFile() {
    String fromEnv = System.getenv("LAKEMESH_CONFIG");
    return configFile != null
        ? workingDir().resolve(configFile)
        : fromEnv != null && !fromEnv.isBlank() ? workingDir().resolve(fromEnv) : null;
  }

  /** The config to read when the home records none: the user's choice, else the install's. */
  private Path configFileToLoad() {
    Path explicit = explicitConfigFile();
    return explicit != null ? explicit : resolveConfigFile();
  }

  private String explicitTopology() {
    String fromEnv = System.getenv("LAKEMESH_TOPOLOGY");
    return topology != null ? topology : fromEnv != null && !fromEnv.isBlank() ? fromEnv : null;
  }

  private Path resolveConfigFile() {
    if (configFile != null) {
      return workingDir().resolve(configFile);
    }
    String fromLauncher = System.getProperty("lakemesh.config");
    if (fromLauncher != null && Files.isRegularFile(Path.of(fromLauncher))) {
      return Path.of(fromLauncher);
    }
    Path local = root().resolve("conf/lakemesh.conf");
    return Files.isRegularFile(local) ? local : null;
  }

  @Override
  public void close() {
    if (inputs != null) {
      inputs.close();
    }
    if (catalog != null) {
      catalog.close();
    }
    if (readerCatalog != null) {
      readerCatalog.close();
    }
    if (local != null && local != catalog) {
      local.close();
    }
    // Closed once: a command that hands its work to another JVM closes before its try block does.
    inputs = null;
    catalog = null;
    readerCatalog = null;
    local = null;
  }
}
