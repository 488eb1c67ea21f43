package io.lakemesh.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.orchestration.AirflowDag;
import io.lakemesh.orchestration.GlueJobDefinition;
import io.lakemesh.orchestration.ProductGraph;
import io.lakemesh.orchestration.RunRecords;
import io.lakemesh.orchestration.StepFunctionsDefinition;
import io.lakemesh.runtime.Json;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.SpecLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "orchestrate",
    mixinStandardHelpOptions = true,
    description =
        "Print a scheduler definition that runs products as Glue jobs, each after the products it reads.",
    subcommands = {
      OrchestrateCommand.StepFunctions.class,
      OrchestrateCommand.Airflow.class,
      OrchestrateCommand.GlueJobs.class
    })
final class OrchestrateCommand extends ParentCommand {

  /** Options every subcommand shares. */
  static final class Selection {
    @Mixin Environment env;

    @Parameters(
        paramLabel = "PRODUCT",
        arity = "0..*",
        description = "Products to run (default: every product).")
    List<String> products = new ArrayList<>();

    @Option(
        names = "--job-prefix",
        defaultValue = "lakemesh-",
        description = "Glue job names are PREFIX + domain-name (default: ${DEFAULT-VALUE}).")
    String jobPrefix;

    ProductGraph graph() {
      try (Environment closing = env) {
        SpecLoader specs = env.specs();
        List<String> ids = products.isEmpty() ? specs.list() : products;
        List<ProductSpec> loaded = ids.stream().map(specs::load).toList();
        return ProductGraph.of(loaded);
      }
    }
  }

  /** Where the schedulers read run records to tell a rejected batch from a failed job. */
  static final class Records {
    @Option(
        names = "--records-root",
        paramLabel = "S3",
        description =
            "The aws catalog's records.root (default: the config's, with --config conf/aws.conf).")
    String root;

    RunRecords of(Selection selection) {
      if (root != null) {
        return RunRecords.parse("--records-root", root);
      }
      LakemeshConfig config = selection.env.config();
      String configured =
          "aws".equals(config.catalogType())
              ? config.catalogProperties().get(RunRecords.PROPERTY)
              : null;
      if (configured == null) {
        throw new InvalidConfigException(
            "--records-root",
            "the scheduler reads each run's"
                + " record to tell a rejected batch from a failed job: pass --config with the aws catalog"
                + " (lakemesh.catalog.records.root) or --records-root s3://BUCKET/PREFIX/");
      }
      return RunRecords.parse("lakemesh.catalog." + RunRecords.PROPERTY, configured);
    }
  }

  @Command(
      name = "stepfunctions",
      mixinStandardHelpOptions = true,
      description =
          "Amazon States Language: glue:startJobRun.sync per product with --run-id from the execution"
              + " name, every product's outcome carried to the end, and the named error "
              + StepFunctionsDefinition.REJECTED
              + " (read from the run record) when a quality gate rejects a batch."
              + " The definition is JSON (no --json: there is no other form).")
  static final class StepFunctions implements Callable<Integer> {
    @Mixin Selection selection;
    @Mixin Records records;

    @Override
    public Integer call() {
      RunRecords where = records.of(selection);
      System.out.println(
          Json.pretty(
              new StepFunctionsDefinition(selection.jobPrefix, where).build(selection.graph())));
      return 0;
    }
  }

  @Command(
      name = "airflow",
      mixinStandardHelpOptions = true,
      description =
          "An Airflow DAG file (a deferrable GlueJobOperator per product, each after the products it reads;"
              + " a rejected batch is not retried). The DAG is Python (no --json: the file is the answer).")
  static final class Airflow implements Callable<Integer> {
    @Mixin Selection selection;
    @Mixin Records records;

    @Option(
        names = "--dag-id",
        defaultValue = "lakemesh",
        description = "DAG id (default: ${DEFAULT-VALUE}).")
    String dagId;

    @Option(
        names = "--schedule",
        defaultValue = "@hourly",
        description = "Airflow schedule (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(
        names = "--execution-timeout-minutes",
        defaultValue = "180",
        paramLabel = "M",
        description =
            "Each task's execution_timeout; the Glue run is stopped when it passes (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Override
    public Integer call() {
      RunRecords where = records.of(selection);
      System.out.print(
          new AirflowDag(selection.jobPrefix, where, timeoutMinutes)
              .render(selection.graph(), dagId, schedule));
      return 0;
    }
  }

  @Command(
      name = "glue-job",
      mixinStandardHelpOptions = true,
      description =
          "Glue CreateJob requests (a JSON array, one per product) for AWS Glue "
              + GlueJobDefinition.GLUE_VERSION
              + ": the job jar, the entry script and the --config file, which must name"
              + " its accounts' roles (role-arn), not profiles. The requests are JSON (no --json: there is no"
              + " other form).")
  static final class GlueJobs implements Callable<Integer> {
    @Mixin Selection selection;

    @Option(
        names = "--role-arn",
        required = true,
        paramLabel = "ARN",
        description = "The IAM role the Glue jobs run as.")
    String roleArn;

    @Option(
        names = "--jar",
        required = true,
        paramLabel = "S3",
        description = "S3 location of lakemesh-jobs.jar.")
    String jar;

    @Option(
        names = "--script",
        required = true,
        paramLabel = "S3",
        description = "S3 location of jobs/glue/LakemeshGlueJob.scala.")
    String script;

    @Option(
        names = "--job-config",
        required = true,
        paramLabel = "S3",
        description = "S3 location of the --config file, uploaded as it is.")
    String jobConfig;

    @Option(
        names = "--job-file",
        paramLabel = "S3",
        description = "S3 location of a file the config includes (such as mesh.conf); repeatable.")
    List<String> jobFiles = new ArrayList<>();

    @Option(
        names = "--workers",
        defaultValue = "2",
        description = "G.1X workers per job (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
        names = "--timeout-minutes",
        defaultValue = "120",
        description = "Glue's job timeout (default: ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Override
    public Integer call() {
      LakemeshConfig config = selection.env.config();
      GlueJobDefinition.checkShippable(config.catalogType(), config.catalogProperties());
      GlueJobDefinition job =
          new GlueJobDefinition(
              selection.jobPrefix,
              roleArn,
              jar,
              script,
              jobConfig,
              jobFiles,
              workers,
              timeoutMinutes);
      ArrayNode requests = JsonNodeFactory.instance.arrayNode();
      selection.graph().products().forEach(p -> requests.add(job.createJob(p)));
      System.out.println(Json.pretty(requests));
      return 0;
    }
  }
}
