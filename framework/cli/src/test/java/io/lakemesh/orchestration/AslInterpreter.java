package io.lakemesh.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an Amazon States Language definition (JSONPath) as Step Functions does, for the subset
 * lakemesh's definitions use: Pass, Task, Choice, Parallel, Fail and Succeed states; Parameters,
 * ResultSelector, ResultPath, Retry and Catch; the context object's {@code $$.Execution.Name}; and
 * the intrinsic functions States.Format, States.StringToJson, States.JsonToString and
 * States.JsonMerge. Each behaviour cites the Step Functions documentation page it follows. A field
 * outside that subset is an error, never ignored. Tasks are answered by the {@link Services} the
 * test gives. Branches of a Parallel run one after another, in order.
 */
final class AslInterpreter {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Map<String, Set<String>> FIELDS =
      Map.of(
          "Pass", Set.of("Type", "Comment", "Result", "Parameters", "ResultPath", "Next", "End"),
          "Task",
              Set.of(
                  "Type",
                  "Comment",
                  "Resource",
                  "Parameters",
                  "ResultSelector",
                  "ResultPath",
                  "Retry",
                  "Catch",
                  "Next",
                  "End"),
          "Choice", Set.of("Type", "Comment", "Choices", "Default"),
          "Parallel", Set.of("Type", "Comment", "Branches", "ResultPath", "Next", "End"),
          "Fail", Set.of("Type", "Comment", "Error", "Cause", "CausePath"),
          "Succeed", Set.of("Type", "Comment"));

  /** What a Task's resource does: its result, or a {@link TaskError}. */
  interface Services {
    JsonNode call(String resource, JsonNode parameters);
  }

  /** An error a task or state raises, with Step Functions' error name. */
  static final class TaskError extends RuntimeException {
    final String error;
    final String cause;

    TaskError(String error, String cause) {
      super(error + ": " + cause);
      this.error = error;
      this.cause = cause;
    }
  }

  /** How an execution ended, and the states it entered in order. */
  record Execution(
      String status, String error, String cause, JsonNode output, List<String> entered) {}

  private final Services services;
  private final String executionName;
  private final List<String> entered = new ArrayList<>();

  private AslInterpreter(Services services, String executionName) {
    this.services = services;
    this.executionName = executionName;
  }

  static Execution run(
      JsonNode definition, JsonNode input, String executionName, Services services) {
    AslInterpreter machine = new AslInterpreter(services, executionName);
    try {
      JsonNode output = machine.runMachine(definition, input);
      return new Execution("SUCCEEDED", null, null, output, machine.entered);
    } catch (TaskError e) {
      return new Execution("FAILED", e.error, e.cause, null, machine.entered);
    }
  }

  /** A state machine or a Parallel branch: states from StartAt until a terminal state. */
  private JsonNode runMachine(JsonNode machine, JsonNode input) {
    JsonNode states = machine.get("States");
    String name = machine.get("StartAt").asText();
    JsonNode data = input;
    while (true) {
      JsonNode state = states.get(name);
      if (state == null) {
        throw new IllegalStateException("no state named " + name);
      }
      entered.add(name);
      String type = state.get("Type").asText();
      checkFields(name, type, state);
      Step step =
          switch (type) {
            case "Pass" -> new Step(pass(state, data), next(state));
            case "Task" -> task(state, data);
            case "Parallel" -> parallel(state, data);
            case "Choice" -> new Step(data, choose(name, state, data));
            case "Succeed" -> new Step(data, null);
            case "Fail" ->
                throw new TaskError(
                    state.path("Error").asText(null),
                    state.has("CausePath")
                        ? value(state.get("CausePath").asText(), data).asText()
                        : state.path("Cause").asText(null));
            default ->
                throw new IllegalStateException("state type " + type + " is outside the subset");
          };
      if (step.next() == null) {
        return step.output();
      }
      data = step.output();
      name = step.next();
    }
  }

  private record Step(JsonNode output, String next) {}

  private static void checkFields(String name, String type, JsonNode state) {
    Set<String> allowed = FIELDS.get(type);
    if (allowed == null) {
      throw new IllegalStateException(name + ": state type " + type + " is outside the subset");
    }
    state
        .fieldNames()
        .forEachRemaining(
            f -> {
              if (!allowed.contains(f)) {
                throw new IllegalStateException(name + ": field " + f + " is outside the subset");
              }
            });
  }

  private static String next(JsonNode state) {
    return state.path("End").asBoolean(false) ? null : state.get("Next").asText();
  }

  // "Pass workflow state": Result (or Parameters applied to the input) placed by ResultPath.
  private JsonNode pass(JsonNode state, JsonNode input) {
    JsonNode result =
        state.has("Result")
            ? state.get("Result")
            : state.has("Parameters") ? parameters(state.get("Parameters"), input) : input;
    return place(input, state, result);
  }

  // "Task workflow state" and "Handling errors in Step Functions workflows": a retrier whose
  // ErrorEquals matches retries up to MaxAttempts; then the first matching catcher's Next runs with
  // {Error, Cause} placed by its ResultPath; with neither, the state (and execution) fails.
  private Step task(JsonNode state, JsonNode input) {
    JsonNode parameters =
        state.has("Parameters") ? parameters(state.get("Parameters"), input) : input;
    int[] attempts = new int[state.path("Retry").size()];
    while (true) {
      try {
        JsonNode result = services.call(state.get("Resource").asText(), parameters);
        if (state.has("ResultSelector")) {
          result = parameters(state.get("ResultSelector"), result);
        }
        return new Step(place(input, state, result), next(state));
      } catch (TaskError e) {
        int retrier = matching(state.path("Retry"), e.error);
        if (retrier >= 0
            && attempts[retrier] < state.get("Retry").get(retrier).path("MaxAttempts").asInt(3)) {
          attempts[retrier]++;
          continue;
        }
        return caught(state, input, e);
      }
    }
  }

  private Step caught(JsonNode state, JsonNode input, TaskError e) {
    int catcher = matching(state.path("Catch"), e.error);
    if (catcher < 0) {
      throw e;
    }
    JsonNode katch = state.get("Catch").get(catcher);
    ObjectNode errorOutput = JSON.objectNode().put("Error", e.error).put("Cause", e.cause);
    return new Step(place(input, katch, errorOutput), katch.get("Next").asText());
  }

  // "Handling errors in Step Functions workflows": States.ALL matches every error name but
  // States.Runtime.
  private static int matching(JsonNode rules, String error) {
    for (int i = 0; i < rules.size(); i++) {
      for (JsonNode name : rules.get(i).get("ErrorEquals")) {
        if (name.asText().equals(error)
            || (name.asText().equals("States.ALL") && !error.equals("States.Runtime"))) {
          return i;
        }
      }
    }
    return -1;
  }

  // "Parallel workflow state": every branch gets the state's input; the result is the array of
  // the branches' outputs in order; if any branch fails, the whole Parallel state fails and the
  // branches still running are stopped (here: the later branches never start).
  private Step parallel(JsonNode state, JsonNode input) {
    ArrayNode outputs = JSON.arrayNode();
    for (JsonNode branch : state.get("Branches")) {
      outputs.add(runMachine(branch, input.deepCopy()));
    }
    return new Step(place(input, state, outputs), next(state));
  }

  // "Choice workflow state": the first rule that matches names the next state, else Default; a
  // Variable that is not in the input is a States.Runtime error.
  private String choose(String name, JsonNode state, JsonNode input) {
    for (JsonNode rule : state.get("Choices")) {
      if (matches(rule, input)) {
        return rule.get("Next").asText();
      }
    }
    if (!state.has("Default")) {
      throw new TaskError("States.NoChoiceMatched", name + " matched no rule");
    }
    return state.get("Default").asText();
  }

  private boolean matches(JsonNode rule, JsonNode input) {
    if (rule.has("Not")) {
      return !matches(rule.get("Not"), input);
    }
    JsonNode value = AslExpression.path(rule.get("Variable").asText(), input);
    if (rule.has("StringEquals")) {
      return value.isTextual() && value.asText().equals(rule.get("StringEquals").asText());
    }
    throw new IllegalStateException("comparison outside the subset: " + rule);
  }

  // "Specifying state output using ResultPath in Step Functions": null keeps the input as it is;
  // "$" replaces it;
  // a path puts the result there in (a copy of) the input.
  private static JsonNode place(JsonNode input, JsonNode state, JsonNode result) {
    if (!state.has("ResultPath")) {
      return result;
    }
    JsonNode resultPath = state.get("ResultPath");
    if (resultPath.isNull()) {
      return input;
    }
    String path = resultPath.asText();
    if (path.equals("$")) {
      return result;
    }
    ObjectNode copy = (ObjectNode) input.deepCopy();
    List<String> names = List.of(path.substring(2).split("\\."));
    ObjectNode parent = copy;
    for (String n : names.subList(0, names.size() - 1)) {
      JsonNode child = parent.get(n);
      if (!(child instanceof ObjectNode object)) {
        throw new TaskError(
            "States.Runtime", "ResultPath " + path + ": " + n + " is not an object in the input");
      }
      parent = object;
    }
    parent.set(names.get(names.size() - 1), result);
    return copy;
  }

  // "Manipulate parameters in Step Functions workflows": a key ending in .$ takes the value of its
  // path or intrinsic function.
  private JsonNode parameters(JsonNode template, JsonNode input) {
    if (!template.isObject()) {
      return template;
    }
    ObjectNode out = JSON.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().endsWith(".$")) {
        out.set(
            f.getKey().substring(0, f.getKey().length() - 2), value(f.getValue().asText(), input));
      } else {
        out.set(f.getKey(), parameters(f.getValue(), input));
      }
    }
    return out;
  }

  private JsonNode value(String expression, JsonNode input) {
    return new AslExpression(expression, input, executionName).parse();
  }
}
