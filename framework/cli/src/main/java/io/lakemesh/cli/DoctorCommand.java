package io.lakemesh.cli;

import io.lakemesh.aws.AwsDiagnostics;
import io.lakemesh.aws.GlueWarehouse;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.UrlCredentials;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Account;
import io.lakemesh.governance.AccountRole;
import io.lakemesh.governance.service.GovernanceServices;
import io.lakemesh.runtime.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Checks a configuration end to end, one line per check: the config parses, the catalog backend
 * answers, each account's credentials work (aws), each producer's warehouse storage takes a write,
 * Lake Formation holds exactly the grants the catalog recorded (aws), and Spark can run here.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description =
        "Check the configuration end to end: config, catalog backend, credentials per account (aws),"
            + " warehouse storage, Lake Formation grants against the catalog's record (aws), Spark."
            + " One line per check; exit 0 when all pass, 1 otherwise.")
final class DoctorCommand implements Callable<Integer> {
  private static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";

  @Mixin Environment env;

  @Option(
      names = "--as",
      paramLabel = "ACCOUNT",
      description = "Check only this account's credentials and storage.")
  String as;

  @Option(
      names = "--json",
      description = "Print JSON: [{check, ok, warning, detail, fix, items}], one per check.")
  boolean json;

  /** One check's outcome: a failure says what to do. */
  record Result(
      boolean ok, String check, String detail, String fix, List<String> items, boolean warning) {
    Result(boolean ok, String check, String detail, String fix, List<String> items) {
      this(ok, check, detail, fix, items, false);
    }

    static Result ok(String check, String detail) {
      return new Result(true, check, detail, "", List.of());
    }

    static Result fail(String check, String detail, String fix) {
      return new Result(false, check, detail, fix, List.of());
    }

    /** Works, but not as it should on AWS; does not fail the run. */
    static Result warn(String check, String detail, String fix, List<String> items) {
      return new Result(true, check, detail, fix, items, true);
    }

    String line() {
      String label = warning ? "warn" : ok ? "ok" : "FAIL";
      return String.format(
          "%-4s  %-24s  %s%s",
          label, check, detail, (ok && !warning) || fix.isEmpty() ? "" : " -- to fix: " + fix);
    }
  }

  @Override
  public Integer call() {
    try (Environment closing = env) {
      List<Result> results = run();
      if (json) {
        JsonOutput.print(
            results.stream()
                .map(
                    r ->
                        JsonOutput.object(
                            "check",
                            r.check(),
                            "ok",
                            r.ok(),
                            "warning",
                            r.warning(),
                            "detail",
                            r.detail(),
                            "fix",
                            r.fix(),
                            "items",
                            r.items()))
                .toList());
        return results.stream().allMatch(Result::ok) ? 0 : 1;
      }
      for (Result r : results) {
        System.out.println(r.line());
        r.items().forEach(i -> System.out.println("      " + i));
      }
      return results.stream().allMatch(Result::ok) ? 0 : 1;
    }
  }

  List<Result> run() {
    List<Result> results = new ArrayList<>();
    LakemeshConfig config;
    try {
      config = env.config();
      String mesh =
          config.meshSection() == null
              ? "no mesh"
              : env.mesh().accounts().size() + " mesh accounts, " + env.mesh().topology();
      results.add(
          Result.ok(
              "config",
              "catalog "
                  + config.catalogType()
                  + ", warehouse "
                  + config.warehouse().root()
                  + ", "
                  + mesh));
    } catch (RuntimeException e) {
      results.add(
          Result.fail(
              "config",
              message(e),
              "correct the key named; `bin/lakemesh config` lists every key"));
      return results;
    }
    Optional<GlueWarehouse> glue = config.warehouse().glue();
    if (as != null && glue.isPresent() && !glue.get().accounts().contains(as)) {
      results.add(
          Result.fail(
              "account " + as,
              "not among the aws catalog's accounts " + glue.get().accounts(),
              "name a configured account, or add lakemesh.catalog.accounts." + as));
      return results;
    }
    GovernanceCatalog catalog = null;
    try {
      catalog = env.catalog();
      int databases = catalog.listDatabases(null).size();
      String url = GovernanceServices.serverUrl(config);
      String answers =
          url.isBlank()
              ? config.catalogType() + " backend answers"
              : "catalog server " + UrlCredentials.mask(url) + " answers";
      results.add(Result.ok("catalog", answers + " (" + databases + " databases)"));
    } catch (InvalidConfigException e) {
      results.add(
          Result.fail(
              "catalog",
              message(e),
              e.key() == null
                  ? "correct lakemesh.catalog"
                  : "correct "
                      + (e.key().startsWith("lakemesh.") ? "" : "lakemesh.catalog.")
                      + e.key()
                      + (e.key().endsWith("profile") ? ", or create that profile" : "")));
    } catch (RuntimeException e) {
      results.add(
          Result.fail(
              "catalog",
              message(e),
              glue.isPresent()
                  ? "check lakemesh.catalog (region, endpoint, records.root) and that AWS is reachable from here"
                  : "check lakemesh.catalog.uri and that the database is reachable"));
    }
    Optional<AwsDiagnostics> aws = catalog == null ? Optional.empty() : AwsDiagnostics.of(catalog);
    if (glue.isPresent() && aws.isPresent()) {
      for (String account : selected(glue.get().accounts())) {
        results.add(AwsDoctorChecks.credentials(aws.get(), account));
      }
    }
    for (String account : storageAccounts(config)) {
      results.add(storage(config.warehouse(), account));
    }
    aws.ifPresent(a -> results.add(AwsDoctorChecks.grants(a)));
    aws.ifPresent(a -> results.addAll(AwsDoctorChecks.lakeFormationSetup(a)));
    if (glue.isPresent()) {
      for (String account : selected(glue.get().accounts())) {
        AwsDoctorChecks.readPath(config.warehouse(), catalog, aws, account).ifPresent(results::add);
      }
    }
    results.add(spark());
    return results;
  }

  private Result storage(Warehouse warehouse, String account) {
    String location = account == null ? warehouse.root() : warehouse.location(account);
    String check = account == null ? "storage" : "storage " + account;
    try {
      probe(warehouse, account, location);
      return Result.ok(check, location + " takes a write");
    } catch (RuntimeException | IOException e) {
      String fix;
      if (!location.contains("://")) {
        fix = "make the folder writable, or set lakemesh.warehouse.root";
      } else if (noCredentials(e)) {
        fix =
            "give lakemesh.catalog.accounts."
                + account
                + " a profile with credentials or a role-arn"
                + " (or s3.access-key-id in lakemesh.warehouse.properties)";
      } else {
        fix =
            "allow s3:PutObject and s3:DeleteObject on the prefix to the account's credentials (`bin/lakemesh aws policies`)";
      }
      return Result.fail(check, location + ": " + message(e), fix);
    }
  }

  /** Writes and deletes one small object where the account's tables go. */
  private static void probe(Warehouse warehouse, String account, String location)
      throws IOException {
    String name = "_lakemesh_doctor_" + UUID.randomUUID();
    if (!location.contains("://")) {
      Path folder = Files.createDirectories(Path.of(location));
      Files.delete(Files.writeString(folder.resolve(name), "lakemesh doctor"));
      return;
    }
    var props = account == null ? warehouse.properties() : warehouse.icebergProperties(account);
    String impl =
        props.getOrDefault(
            "io-impl",
            location.startsWith("s3") ? S3_FILE_IO : "org.apache.iceberg.hadoop.HadoopFileIO");
    try (FileIO io = CatalogUtil.loadFileIO(impl, props, new Configuration())) {
      String path = location + "/" + name;
      OutputFile out = io.newOutputFile(path);
      try (PositionOutputStream stream = out.create()) {
        stream.write("lakemesh doctor".getBytes(StandardCharsets.UTF_8));
      }
      io.deleteFile(path);
    }
  }

  private static Result spark() {
    try {
      Class<?> session = Class.forName("org.apache.spark.sql.SparkSession");
      Class.forName("org.apache.iceberg.spark.SparkCatalog");
      String version =
          Optional.ofNullable(session.getPackage().getImplementationVersion())
              .orElse("version unknown");
      if (!Object.class.getModule().isOpen("sun.nio.ch", DoctorCommand.class.getModule())) {
        return Result.fail(
            "spark",
            "Spark " + version + " is here, but java.base/sun.nio.ch is not opened to it",
            "start through bin/lakemesh, or pass the --add-opens flags it uses");
      }
      return Result.ok(
          "spark",
          "Spark "
              + version
              + " and Iceberg's Spark runtime on Java "
              + Runtime.version().feature());
    } catch (ClassNotFoundException e) {
      return Result.fail(
          "spark",
          "no " + e.getMessage() + " on the classpath",
          "run through bin/lakemesh or spark-submit, which put Spark on the classpath");
    }
  }

  /**
   * The producers of the mesh (or the aws accounts with a storage root); the --as account alone.
   */
  private List<String> storageAccounts(LakemeshConfig config) {
    List<String> accounts = new ArrayList<>();
    if (config.meshSection() != null) {
      env.mesh().accounts().stream()
          .filter(a -> a.roles().contains(AccountRole.PRODUCER))
          .map(Account::id)
          .forEach(accounts::add);
    } else if (config.warehouse().glue().isPresent()) {
      GlueWarehouse glue = config.warehouse().glue().get();
      glue.accounts().stream().filter(a -> glue.storageRoot(a).isPresent()).forEach(accounts::add);
    }
    if (as != null) {
      return List.of(as);
    }
    if (accounts.isEmpty()) {
      accounts.add(null);
    }
    return accounts;
  }

  private List<String> selected(Collection<String> accounts) {
    return as == null ? List.copyOf(accounts) : List.of(as);
  }

  private static boolean noCredentials(Throwable e) {
    String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    return text.contains("unable to load credentials") || text.contains("contained no credentials");
  }

  /** The failure in one line; the SDK's report of every provider in its chain is left out. */
  static String message(Throwable e) {
    return message(e, 300);
  }

  static String message(Throwable e, int limit) {
    String text =
        UrlCredentials.mask(
            e.getMessage() == null ? e.toString() : e.getMessage().replace('\n', ' '));
    int chain = text.indexOf(" AwsCredentialsProviderChain(");
    if (chain > 0) {
      text = text.substring(0, chain) + " (the SDK's default chain)";
    }
    return text.length() > limit ? text.substring(0, limit - 3) + "..." : text;
  }
}
