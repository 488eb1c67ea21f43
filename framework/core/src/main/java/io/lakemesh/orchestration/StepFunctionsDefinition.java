package io.lakemesh.orchestration;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.spec.ProductSpec;
import java.util.List;

/**
 * An Amazon States Language definition that runs products as Glue jobs in lineage order. Glue's
 * own transient failures are retried with backoff; a job that fails is never retried (a rejected
 * batch would only be rejected again), and a quality gate rejection ends the execution with the
 * named error {@value #REJECTED}.
 */
public final class StepFunctionsDefinition {
  public static final String REJECTED = "lakemesh.QualityGateRejected";
  public static final String FAILED = "lakemesh.JobFailed";
  /** The prefix the Glue entry point puts on a rejection, so the execution can tell it apart. */
  public static final String REJECTION_MARKER = REJECTED;
  private static final List<String> TRANSIENT = List.of(
      "Glue.ConcurrentRunsExceededException", "Glue.ThrottlingException", "Glue.InternalServiceException",
      "Glue.OperationTimeoutException", "Glue.ResourceNumberLimitExceededException");

  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final String jobPrefix;

  public StepFunctionsDefinition(String jobPrefix) {
    this.jobPrefix = jobPrefix;
  }

  public ObjectNode build(ProductGraph graph) {
    ObjectNode root = json.objectNode();
    root.put("Comment", "lakemesh products in lineage order, one Glue job each");
    ObjectNode states = json.objectNode();
    List<List<ProductSpec>> levels = graph.levels();
    for (int i = 0; i < levels.size(); i++) {
      String next = i + 1 < levels.size() ? levelName(levels.get(i + 1), i + 1) : null;
      List<ProductSpec> level = levels.get(i);
      if (level.size() == 1) {
        addProduct(states, level.get(0), next);
      } else {
        ObjectNode parallel = states.putObject(levelName(level, i));
        parallel.put("Type", "Parallel");
        ArrayNode branches = parallel.putArray("Branches");
        for (ProductSpec spec : level) {
          ObjectNode branch = branches.addObject();
          branch.put("StartAt", taskName(spec));
          addProduct(branch.putObject("States"), spec, null);
        }
        end(parallel, next);
      }
    }
    root.put("StartAt", levelName(levels.get(0), 0));
    root.set("States", states);
    return root;
  }

  private String levelName(List<ProductSpec> level, int index) {
    return level.size() == 1 ? taskName(level.get(0)) : "Level " + (index + 1) + " in parallel";
  }

  private static String taskName(ProductSpec spec) {
    return "Run " + spec.id();
  }

  private void addProduct(ObjectNode states, ProductSpec spec, String next) {
    String classify = "Classify " + spec.id() + " failure";
    String rejected = spec.id() + " rejected by the quality gate";
    String failed = spec.id() + " failed";
    ObjectNode task = states.putObject(taskName(spec));
    task.put("Type", "Task");
    task.put("Resource", "arn:aws:states:::glue:startJobRun.sync");
    ObjectNode parameters = task.putObject("Parameters");
    parameters.put("JobName", ProductGraph.jobName(jobPrefix, spec));
    parameters.putObject("Arguments").put("--product", spec.id());
    ObjectNode retry = task.putArray("Retry").addObject();
    TRANSIENT.forEach(retry.putArray("ErrorEquals")::add);
    retry.put("IntervalSeconds", 30);
    retry.put("MaxAttempts", 3);
    retry.put("BackoffRate", 2.0);
    ObjectNode katch = task.putArray("Catch").addObject();
    katch.putArray("ErrorEquals").add("States.ALL");
    katch.put("ResultPath", "$.error");
    katch.put("Next", classify);
    end(task, next);

    ObjectNode choice = states.putObject(classify);
    choice.put("Type", "Choice");
    ObjectNode rule = choice.putArray("Choices").addObject();
    rule.put("Variable", "$.error.Cause");
    rule.put("StringMatches", "*" + REJECTION_MARKER + "*");
    rule.put("Next", rejected);
    choice.put("Default", failed);
    fail(states, rejected, REJECTED, spec.id() + ": the quality gate rejected the batch; nothing was published");
    fail(states, failed, FAILED, spec.id() + ": the Glue job failed");
  }

  private void fail(ObjectNode states, String name, String error, String cause) {
    ObjectNode state = states.putObject(name);
    state.put("Type", "Fail");
    state.put("Error", error);
    state.put("Cause", cause);
  }

  private static void end(ObjectNode state, String next) {
    if (next == null) {
      state.put("End", true);
    } else {
      state.put("Next", next);
    }
  }
}
