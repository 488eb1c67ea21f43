package io.lakemesh.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.lakemesh.config.Section;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.spec.ProductOrder;
import io.lakemesh.spec.ProductSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs every sample product in lineage order, then the deliberately bad batches of {@code
 * jobs/demo.conf}, and checks each ended as expected.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run every sample product in lineage order, then a bad batch the quality gate must reject, then"
            + " (with a mesh configured) the consumer story: search, request, approve, query, revoke, refused query, audit.")
final class DemoCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Option(
      names = "--json",
      description =
          "Print JSON: {home, topology, steps, allAsExpected, seconds}; steps are the lines"
              + " printed without --json.")
  boolean json;

  private record Step(
      String product, Map<String, String> sources, Set<String> expected, String label) {}

  /**
   * What {@code jobs/demo.conf} declares: the demo's own products (a broken one fails the demo;
   * without the list, every product in the folder is), and the bad batches the gate must reject.
   */
  private record Plan(Set<String> products, List<Step> badBatches) {
    boolean isOwn(String product) {
      return products.isEmpty() || products.contains(product);
    }
  }

  @Override
  public Integer call() {
    try (Environment closing = env) {
      long start = System.nanoTime();
      env.recordHome(null);
      Plan plan = plan();
      List<String> lines = new ArrayList<>();
      List<Step> steps = new ArrayList<>();
      for (ProductSpec s : ProductOrder.sort(loadSpecs(plan, lines))) {
        steps.add(new Step(s.id(), Map.of(), Set.of("PUBLISHED", "UNCHANGED"), "good batch"));
      }
      steps.addAll(plan.badBatches());
      ProducerJob job = env.producerJob(System.err);
      boolean allAsExpected = true;
      InputSubscriptions subscriptions =
          env.config().meshSection() != null ? new InputSubscriptions(env.governance()) : null;
      for (Step step : steps) {
        boolean own = plan.isOwn(step.product());
        if (subscriptions != null) {
          List<String> made = subscriptions.ensure(env.specs().load(step.product()));
          made.forEach(lines::add);
          allAsExpected &= !own || made.stream().allMatch(l -> l.startsWith("ok"));
        }
        String outcome;
        String detail;
        try {
          RunReport report =
              job.run(
                  env.specs().load(step.product()), new ProducerJob.Options(null, step.sources()));
          outcome = report.status().name();
          detail = report.message();
        } catch (LakemeshException e) {
          outcome = "ERROR";
          detail = e.getMessage();
        }
        boolean ok = step.expected().contains(outcome);
        // Another product in the folder (the user's, say) runs too, but its failure is its own.
        allAsExpected &= ok || !own;
        lines.add(
            line(
                ok ? "ok" : own ? "FAIL" : "skip",
                step.product(),
                step.label(),
                outcome,
                ok || own ? detail : detail + NOT_THE_DEMOS));
      }
      if (env.config().meshSection() != null) {
        GovernanceStory story = new GovernanceStory(env);
        allAsExpected &= story.run();
        lines.addAll(story.lines());
      }
      String topology =
          env.config().meshSection() != null ? env.mesh().topology().configName() : "none";
      double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
      if (json) {
        JsonOutput.print(
            JsonOutput.object(
                "home",
                env.config().home().toString(),
                "topology",
                topology,
                "steps",
                lines,
                "allAsExpected",
                allAsExpected,
                "seconds",
                seconds));
        return allAsExpected ? 0 : 1;
      }
      System.out.println(
          "lakemesh demo (mesh home " + env.config().home() + ", topology " + topology + ")");
      lines.forEach(System.out::println);
      System.out.printf(
          "%d steps, %s, %.1f s%n",
          lines.size(), allAsExpected ? "all as expected" : "NOT all as expected", seconds);
      return allAsExpected ? 0 : 1;
    }
  }

  private static final String NOT_THE_DEMOS =
      " (not one of the demo's products, so the demo goes on without it)";

  private static String line(
      String verdict, String product, String label, String outcome, String detail) {
    return String.format("%-4s %-18s %-12s %-10s %s", verdict, product, label, outcome, detail);
  }

  /**
   * Every spec in the products folder that loads. A broken spec of the demo's own products stops
   * the demo (exit 2, as {@code run} would); any other is skipped and named with its error, so a
   * product the user is still writing does not keep the demo from running.
   */
  private List<ProductSpec> loadSpecs(Plan plan, List<String> lines) {
    List<ProductSpec> specs = new ArrayList<>();
    for (String product : env.specs().list()) {
      try {
        specs.add(env.specs().load(product));
      } catch (LakemeshException e) {
        if (plan.isOwn(product)) {
          throw e;
        }
        lines.add(line("skip", product, "broken spec", "SKIPPED", e.getMessage() + NOT_THE_DEMOS));
      }
    }
    return specs;
  }

  private Plan plan() {
    Path jobsDir = env.specs().productsDir().getParent();
    Path file = jobsDir.resolve("demo.conf");
    if (!file.toFile().isFile()) {
      return new Plan(Set.of(), List.of());
    }
    Config config = ConfigFactory.parseFile(file.toFile()).resolve();
    Section root = Section.root(config, Set.of("products", "bad-batches"));
    List<Step> steps = new ArrayList<>();
    for (Section s : root.sectionList("bad-batches", Set.of("product", "sources", "description"))) {
      Map<String, String> sources = new LinkedHashMap<>();
      s.stringMap("sources").forEach((k, v) -> sources.put(k, jobsDir.resolve(v).toString()));
      steps.add(new Step(s.string("product"), sources, Set.of("REJECTED"), "bad batch"));
    }
    return new Plan(new LinkedHashSet<>(root.stringList("products")), steps);
  }
}
