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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs every sample product in lineage order, then the deliberately bad batches of
 * {@code jobs/demo.conf}, and checks each ended as expected.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run every sample product in lineage order, then a bad batch the quality gate must reject, then"
        + " (with a mesh configured) the consumer story: search, request, approve, query, revoke, refused query, audit.")
final class DemoCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Option(names = "--json",
      description = "Print JSON: {home, topology, steps, allAsExpected, seconds}; steps are the lines"
          + " printed without --json.")
  boolean json;

  private record Step(String product, Map<String, String> sources, Set<String> expected, String label) {}

  @Override
  public Integer call() {
    try (Environment closing = env) {
      long start = System.nanoTime();
      env.recordHome(null);
      List<Step> steps = new ArrayList<>();
      List<ProductSpec> specs = env.specs().list().stream().map(env.specs()::load).toList();
      for (ProductSpec s : ProductOrder.sort(specs)) {
        steps.add(new Step(s.id(), Map.of(), Set.of("PUBLISHED", "UNCHANGED"), "good batch"));
      }
      steps.addAll(badBatches());
      ProducerJob job = env.producerJob(System.err);
      List<String> lines = new ArrayList<>();
      boolean allAsExpected = true;
      InputSubscriptions subscriptions = env.config().meshSection() != null ? new InputSubscriptions(env.governance()) : null;
      for (Step step : steps) {
        if (subscriptions != null) {
          List<String> made = subscriptions.ensure(env.specs().load(step.product()));
          made.forEach(lines::add);
          allAsExpected &= made.stream().allMatch(l -> l.startsWith("ok"));
        }
        String outcome;
        String detail;
        try {
          RunReport report = job.run(env.specs().load(step.product()), new ProducerJob.Options(null, step.sources()));
          outcome = report.status().name();
          detail = report.message();
        } catch (LakemeshException e) {
          outcome = "ERROR";
          detail = e.getMessage();
        }
        boolean ok = step.expected().contains(outcome);
        allAsExpected &= ok;
        lines.add(String.format("%-4s %-18s %-12s %-10s %s", ok ? "ok" : "FAIL", step.product(), step.label(), outcome, detail));
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
        JsonOutput.print(JsonOutput.object("home", env.config().home().toString(), "topology", topology,
            "steps", lines, "allAsExpected", allAsExpected, "seconds", seconds));
        return allAsExpected ? 0 : 1;
      }
      System.out.println(
          "lakemesh demo (mesh home " + env.config().home() + ", topology " + topology + ")");
      lines.forEach(System.out::println);
      System.out.printf("%d steps, %s, %.1f s%n", lines.size(),
          allAsExpected ? "all as expected" : "NOT all as expected", seconds);
      return allAsExpected ? 0 : 1;
    }
  }

  private List<Step> badBatches() {
    Path jobsDir = env.specs().productsDir().getParent();
    Path file = jobsDir.resolve("demo.conf");
    if (!file.toFile().isFile()) {
      return List.of();
    }
    Config config = ConfigFactory.parseFile(file.toFile()).resolve();
    List<Step> steps = new ArrayList<>();
    for (Section s : Section.root(config, Set.of("bad-batches")).sectionList("bad-batches", Set.of("product", "sources", "description"))) {
      Map<String, String> sources = new LinkedHashMap<>();
      s.stringMap("sources").forEach((k, v) -> sources.put(k, jobsDir.resolve(v).toString()));
      steps.add(new Step(s.string("product"), sources, Set.of("REJECTED"), "bad batch"));
    }
    return steps;
  }
}
