package io.lakemesh.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.MaxState;
import com.amazon.deequ.analyzers.MeanState;
import com.amazon.deequ.analyzers.MinState;
import com.amazon.deequ.analyzers.NumMatches;
import com.amazon.deequ.analyzers.NumMatchesAndCount;
import com.amazon.deequ.analyzers.StandardDeviationState;
import com.amazon.deequ.analyzers.State;
import com.amazon.deequ.analyzers.StateLoader;
import com.amazon.deequ.analyzers.StatePersister;
import com.amazon.deequ.analyzers.SumState;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import scala.Option;

/**
 * The Deequ analyzer states of one table snapshot, so that the next append measures only its own
 * rows and merges them with these (Deequ's {@link StateLoader} and {@link StatePersister}), plus
 * what is known of each key's uniqueness.
 *
 * <p>Analyzers are identified by their text ({@code Completeness(order_id,None,None)}), which holds
 * every parameter: a changed rule is a different analyzer, with no state, and is measured afresh.
 * An analyzer is <em>covered</em> when its state is known, which includes "no state at all" (a
 * maximum over no rows). Only states of a fixed size are kept; frequency tables are not, since
 * merging one costs as much as grouping the table again.
 */
public final class TableStates implements StateLoader, StatePersister {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FORMAT = 1;

  /** What is known of a key over the whole snapshot. */
  public record KeyState(boolean unique, boolean empty) {}

  private final Map<String, State<?>> states = new TreeMap<>();
  private final Set<String> covered = new TreeSet<>();
  private final Map<String, KeyState> keys = new TreeMap<>();

  public static TableStates empty() {
    return new TableStates();
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized <S extends State<?>> Option<S> load(Analyzer<S, ?> analyzer) {
    return Option.apply((S) states.get(analyzer.toString()));
  }

  @Override
  public synchronized <S extends State<?>> void persist(Analyzer<S, ?> analyzer, S state) {
    if (storable(state)) {
      states.put(analyzer.toString(), state);
      covered.add(analyzer.toString());
    }
  }

  /** Records that the analyzer's state is known: the one persisted, or none (nothing measured). */
  synchronized void cover(Analyzer<?, ?> analyzer) {
    covered.add(analyzer.toString());
  }

  synchronized boolean covers(Collection<? extends Analyzer<?, ?>> analyzers) {
    return analyzers.stream().allMatch(a -> covered.contains(a.toString()));
  }

  synchronized Optional<KeyState> key(Analyzer<?, ?> uniqueness) {
    return Optional.ofNullable(keys.get(uniqueness.toString()));
  }

  synchronized void key(Analyzer<?, ?> uniqueness, KeyState state) {
    keys.put(uniqueness.toString(), state);
  }

  private static boolean storable(State<?> state) {
    return state instanceof NumMatches
        || state instanceof NumMatchesAndCount
        || state instanceof MinState
        || state instanceof MaxState
        || state instanceof SumState
        || state instanceof MeanState
        || state instanceof StandardDeviationState;
  }

  public synchronized String toJson() {
    ObjectNode root = JSON.createObjectNode().put("format", FORMAT);
    ObjectNode stateNodes = root.putObject("states");
    for (String analyzer : covered) {
      State<?> state = states.get(analyzer);
      stateNodes.set(analyzer, state == null ? JSON.nullNode() : node(state));
    }
    ObjectNode keyNodes = root.putObject("keys");
    keys.forEach((k, v) -> keyNodes.putObject(k).put("unique", v.unique()).put("empty", v.empty()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The states written by {@link #toJson}; a document of another format holds none. */
  public static TableStates fromJson(String text) {
    TableStates read = new TableStates();
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return read;
    }
    if (root == null || root.path("format").asInt() != FORMAT) {
      return read;
    }
    Iterator<Map.Entry<String, JsonNode>> states = root.path("states").fields();
    while (states.hasNext()) {
      Map.Entry<String, JsonNode> e = states.next();
      State<?> state = e.getValue().isNull() ? null : state(e.getValue());
      if (state != null || e.getValue().isNull()) {
        read.covered.add(e.getKey());
      }
      if (state != null) {
        read.states.put(e.getKey(), state);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> keys = root.path("keys").fields();
    while (keys.hasNext()) {
      Map.Entry<String, JsonNode> e = keys.next();
      read.keys.put(
          e.getKey(),
          new KeyState(
              e.getValue().path("unique").asBoolean(), e.getValue().path("empty").asBoolean()));
    }
    return read;
  }

  private static ObjectNode node(State<?> state) {
    ObjectNode n = JSON.createObjectNode().put("type", state.getClass().getSimpleName());
    if (state instanceof NumMatches s) {
      n.put("matches", s.numMatches());
    } else if (state instanceof NumMatchesAndCount s) {
      n.put("matches", s.numMatches()).put("count", s.count());
    } else if (state instanceof MinState s) {
      n.put("value", s.minValue());
    } else if (state instanceof MaxState s) {
      n.put("value", s.maxValue());
    } else if (state instanceof SumState s) {
      n.put("sum", s.sum());
    } else if (state instanceof MeanState s) {
      n.put("sum", s.sum()).put("count", s.count());
    } else if (state instanceof StandardDeviationState s) {
      n.put("n", s.n()).put("avg", s.avg()).put("m2", s.m2());
    }
    return n;
  }

  private static State<?> state(JsonNode n) {
    return switch (n.path("type").asText()) {
      case "NumMatches" -> new NumMatches(n.path("matches").asLong());
      case "NumMatchesAndCount" ->
          new NumMatchesAndCount(
              n.path("matches").asLong(), n.path("count").asLong(), Option.empty());
      case "MinState" -> new MinState(n.path("value").asDouble(), Option.empty());
      case "MaxState" -> new MaxState(n.path("value").asDouble(), Option.empty());
      case "SumState" -> new SumState(n.path("sum").asDouble());
      case "MeanState" -> new MeanState(n.path("sum").asDouble(), n.path("count").asLong());
      case "StandardDeviationState" ->
          new StandardDeviationState(
              n.path("n").asDouble(), n.path("avg").asDouble(), n.path("m2").asDouble());
      default -> null; // written by a later version: not covered, so measured afresh
    };
  }
}
