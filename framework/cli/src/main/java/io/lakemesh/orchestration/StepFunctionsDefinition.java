package io.lakemesh.orchestration;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.exceptions.InvalidConfigException;
import java.util.List;

/**
 * An Amazon States Language definition that runs products as Glue jobs, each after the products it
 * reads ({@link RunPlan}).
 *
 * <p>A failed branch fails a whole {@code Parallel} state and stops its other branches ("Parallel
 * workflow state", "Handling errors in Step Functions workflows"), so no product's failure may
 * leave its branch: each product catches its job's failure and records an outcome in {@code
 * $.outcomes} ({@value #PUBLISHED}, {@value #REJECTED_OUTCOME}, {@value #FAILED_OUTCOME} or {@value
 * #SKIPPED}); a product whose inputs were not all published is skipped; and the execution fails at
 * the end, naming the first rejected product ({@value #REJECTED}) or else the first failed one
 * ({@value #FAILED}), with every outcome in the cause.
 *
 * <p>A rejection is told from another failure by lakemesh's own run record, not by the text of
 * Glue's error: each job runs with {@code --run-id EXECUTION_NAME-domain-name}, and after a failure
 * the state machine reads that run's record from the records root with the S3 {@code GetObject} SDK
 * integration. Glue's transient errors are retried with backoff; a job that ran is never retried (a
 * rejected batch would only be rejected again).
 */
public final class StepFunctionsDefinition {
  public static final String REJECTED = "lakemesh.QualityGateRejected";
  public static final String FAILED = "lakemesh.JobFailed";
  public static final String PUBLISHED = "published";
  public static final String REJECTED_OUTCOME = "rejected";
  public static final String FAILED_OUTCOME = "failed";
  public static final String SKIPPED = "skipped";
  static final String GLUE_RUN = "arn:aws:states:::glue:startJobRun.sync";
  // "AWS SDK service integrations": arn:aws:states:::aws-sdk:SERVICE:API, the API in camelCase.
  static final String S3_GET_OBJECT = "arn:aws:states:::aws-sdk:s3:getObject";
  private static final List<String> TRANSIENT =
      List.of(
          "Glue.ConcurrentRunsExceededException",
          "Glue.ThrottlingException",
          "Glue.InternalServiceException",
          "Glue.OperationTimeoutException",
          "Glue.ResourceNumberLimitExceededException");

  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final String jobPrefix;
  private final RunRecords records;

  public StepFunctionsDefinition(String jobPrefix, RunRecords records) {
    this.jobPrefix = jobPrefix;
    this.records = records;
  }

  public ObjectNode build(ProductGraph graph) {
    ObjectNode root = json.objectNode();
    root.put("Comment", "lakemesh products, each after the products it reads, one Glue job each");
    root.put("StartAt", "Start");
    ObjectNode states = root.putObject("States");
    String summary = "Summarise the outcomes";
    // The execution's input is not used: the outcomes start empty.
    ObjectNode start = states.putObject("Start");
    start.put("Type", "Pass");
    start.putObject("Parameters").putObject("outcomes");
    start.put("Next", new Emitter(graph).emit(RunPlan.of(graph), states, summary));
    summarise(graph, states, summary);
    checkNames(states);
    return root;
  }

  /** "States": a state's name is at most 80 characters; product ids make the longest ones. */
  private static void checkNames(ObjectNode states) {
    states
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (name.length() > 80) {
                throw new InvalidConfigException(
                    "product",
                    "the state name '"
                        + name
                        + "' is longer than the 80 characters Step Functions allows: shorten the product's name");
              }
            });
    states.forEach(
        state ->
            state
                .path("Branches")
                .forEach(branch -> checkNames((ObjectNode) branch.get("States"))));
  }

  /** Writes a plan's states; each call returns the name of the state its part starts at. */
  private final class Emitter {
    private final ProductGraph graph;
    private int parallels;

    Emitter(ProductGraph graph) {
      this.graph = graph;
    }

    String emit(RunPlan plan, ObjectNode states, String next) {
      if (plan instanceof RunPlan.Run run) {
        return product(run.product(), states, next);
      }
      if (plan instanceof RunPlan.Together together) {
        return parallel(together, states, next);
      }
      List<RunPlan> steps = ((RunPlan.Sequence) plan).steps();
      String start = next;
      for (int i = steps.size() - 1; i >= 0; i--) {
        start = emit(steps.get(i), states, start);
      }
      return start;
    }

    /**
     * The branches side by side; each branch's output is the whole state with its products'
     * outcomes added, so the outcomes are merged back one branch at a time.
     */
    private String parallel(RunPlan.Together together, ObjectNode states, String next) {
      String name = "Parallel " + ++parallels;
      ObjectNode parallel = states.putObject(name);
      parallel.put("Type", "Parallel");
      ArrayNode branches = parallel.putArray("Branches");
      for (RunPlan part : together.branches()) {
        ObjectNode branch = branches.addObject();
        ObjectNode branchStates = json.objectNode();
        branch.put("StartAt", emit(part, branchStates, null));
        branch.set("States", branchStates);
      }
      parallel.put("ResultPath", "$.branches");
      int count = together.branches().size();
      parallel.put("Next", mergeName(name, 0, count));
      for (int i = 0; i < count; i++) {
        ObjectNode merge = states.putObject(mergeName(name, i, count));
        merge.put("Type", "Pass");
        ObjectNode parameters = merge.putObject("Parameters");
        parameters.put(
            "outcomes.$", "States.JsonMerge($.outcomes, $.branches[" + i + "].outcomes, false)");
        if (i + 1 < count) {
          parameters.put("branches.$", "$.branches");
          merge.put("Next", mergeName(name, i + 1, count));
        } else {
          end(merge, next);
        }
      }
      return name;
    }

    private static String mergeName(String parallel, int branch, int count) {
      return parallel + ": outcomes of branch " + (branch + 1) + " of " + count;
    }

    private String product(String id, ObjectNode states, String next) {
      String key = "$.outcomes." + ProductGraph.outcomeKey(id);
      String run = "Run " + id;
      String read = "Read the run record of " + id;
      String classify = "Classify the failure of " + id;
      String skipped = id + " skipped";
      outcome(states, id + " published", key, PUBLISHED, next);
      outcome(states, id + " rejected", key, REJECTED_OUTCOME, next);
      outcome(states, id + " failed", key, FAILED_OUTCOME, next);

      String runId = "States.Format('{}-" + ProductGraph.runIdSuffix(id) + "', $$.Execution.Name)";
      ObjectNode task = states.putObject(run);
      task.put("Type", "Task");
      task.put("Resource", GLUE_RUN);
      ObjectNode arguments = task.putObject("Parameters");
      arguments.put("JobName", ProductGraph.jobName(jobPrefix, id));
      ObjectNode args = arguments.putObject("Arguments");
      args.put("--product", id);
      args.put("--run-id.$", runId);
      // Glue's description of the run is not needed; the state carries the outcomes only.
      task.putNull("ResultPath");
      ObjectNode retry = task.putArray("Retry").addObject();
      TRANSIENT.forEach(retry.putArray("ErrorEquals")::add);
      retry.put("IntervalSeconds", 30);
      retry.put("MaxAttempts", 3);
      retry.put("BackoffRate", 2.0);
      catchAll(task, "$.failure", read);
      task.put("Next", id + " published");

      ObjectNode get = states.putObject(read);
      get.put("Type", "Task");
      get.put("Resource", S3_GET_OBJECT);
      ObjectNode object = get.putObject("Parameters");
      object.put("Bucket", records.bucket());
      object.put(
          "Key.$",
          "States.Format('"
              + records.jobRunKeyTemplate("{}-" + ProductGraph.runIdSuffix(id))
              + "', $$.Execution.Name)");
      // The object's Body is the record's JSON line, as text.
      get.putObject("ResultSelector").put("record.$", "States.StringToJson($.Body)");
      get.put("ResultPath", "$.failure.run");
      // No record (the job failed before it could write one): a failure, not a rejection.
      catchAll(get, "$.failure.record", id + " failed");
      get.put("Next", classify);

      ObjectNode choice = states.putObject(classify);
      choice.put("Type", "Choice");
      ObjectNode rule = choice.putArray("Choices").addObject();
      rule.put("Variable", "$.failure.run.record.status");
      rule.put("StringEquals", "REJECTED");
      rule.put("Next", id + " rejected");
      choice.put("Default", id + " failed");

      List<String> inputs = graph.upstream().get(id);
      if (inputs.isEmpty()) {
        return run;
      }
      outcome(states, skipped, key, SKIPPED, next);
      ObjectNode check = states.putObject("Check the inputs of " + id);
      check.put("Type", "Choice");
      ArrayNode rules = check.putArray("Choices");
      for (String input : inputs) {
        ObjectNode notPublished = rules.addObject();
        ObjectNode published = notPublished.putObject("Not");
        published.put("Variable", "$.outcomes." + ProductGraph.outcomeKey(input));
        published.put("StringEquals", PUBLISHED);
        notPublished.put("Next", skipped);
      }
      check.put("Default", run);
      return "Check the inputs of " + id;
    }
  }

  private void catchAll(ObjectNode task, String resultPath, String next) {
    ObjectNode katch = task.putArray("Catch").addObject();
    katch.putArray("ErrorEquals").add("States.ALL");
    katch.put("ResultPath", resultPath);
    katch.put("Next", next);
  }

  private void outcome(ObjectNode states, String name, String key, String outcome, String next) {
    ObjectNode pass = states.putObject(name);
    pass.put("Type", "Pass");
    pass.put("Result", outcome);
    pass.put("ResultPath", key);
    end(pass, next);
  }

  /** The execution fails if any product did not publish: rejections first, then failures. */
  private void summarise(ProductGraph graph, ObjectNode states, String name) {
    ObjectNode choice = states.putObject(name);
    choice.put("Type", "Choice");
    ArrayNode rules = choice.putArray("Choices");
    for (String[] kind :
        new String[][] {
          {
            REJECTED_OUTCOME, REJECTED, "the quality gate rejected the batch; nothing was published"
          },
          {FAILED_OUTCOME, FAILED, "the Glue job failed"}
        }) {
      for (String id : graph.products()) {
        String fail = id + " " + kind[0] + ": the execution fails";
        ObjectNode rule = rules.addObject();
        rule.put("Variable", "$.outcomes." + ProductGraph.outcomeKey(id));
        rule.put("StringEquals", kind[0]);
        rule.put("Next", fail);
        ObjectNode state = states.putObject(fail);
        state.put("Type", "Fail");
        state.put("Error", kind[1]);
        state.put(
            "CausePath",
            "States.Format('"
                + id
                + ": "
                + kind[2]
                + ". Outcomes: {}',"
                + " States.JsonToString($.outcomes))");
      }
    }
    choice.put("Default", "Every product published");
    states.putObject("Every product published").put("Type", "Succeed");
  }

  private static void end(ObjectNode state, String next) {
    if (next == null) {
      state.put("End", true);
    } else {
      state.put("Next", next);
    }
  }
}
