package io.lakemesh.cli;

import io.lakemesh.orchestration.AirflowDag;
import io.lakemesh.orchestration.ProductGraph;
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

@Command(name = "orchestrate", mixinStandardHelpOptions = true,
    description = "Print a scheduler definition that runs products as Glue jobs in lineage order.",
    subcommands = {OrchestrateCommand.StepFunctions.class, OrchestrateCommand.Airflow.class})
final class OrchestrateCommand extends ParentCommand {

  /** Options both schedulers share. */
  static final class Selection {
    @Mixin Environment env;

    @Parameters(paramLabel = "PRODUCT", arity = "0..*", description = "Products to run (default: every product).")
    List<String> products = new ArrayList<>();

    @Option(names = "--job-prefix", defaultValue = "lakemesh-",
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

  @Command(name = "stepfunctions", mixinStandardHelpOptions = true,
      description = "Amazon States Language: glue:startJobRun.sync per product, retries for Glue's transient errors,"
          + " and the named error " + StepFunctionsDefinition.REJECTED + " when a quality gate rejects a batch.")
  static final class StepFunctions implements Callable<Integer> {
    @Mixin Selection selection;

    @Override
    public Integer call() {
      System.out.println(Json.pretty(new StepFunctionsDefinition(selection.jobPrefix).build(selection.graph())));
      return 0;
    }
  }

  @Command(name = "airflow", mixinStandardHelpOptions = true,
      description = "An Airflow DAG file (GlueJobOperator per product, dependencies in lineage order).")
  static final class Airflow implements Callable<Integer> {
    @Mixin Selection selection;

    @Option(names = "--dag-id", defaultValue = "lakemesh", description = "DAG id (default: ${DEFAULT-VALUE}).")
    String dagId;

    @Option(names = "--schedule", defaultValue = "@hourly", description = "Airflow schedule (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Override
    public Integer call() {
      System.out.print(new AirflowDag(selection.jobPrefix).render(selection.graph(), dagId, schedule));
      return 0;
    }
  }
}
