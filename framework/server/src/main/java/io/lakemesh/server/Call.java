package io.lakemesh.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakemesh.catalog.TableId;
import io.lakemesh.client.Wire.Page;
import io.lakemesh.client.WireJson;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.Principal;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.Fields;

/** One authenticated API request: who makes it, its path variables, query and body. */
final class Call {
  static final int DEFAULT_PAGE = 100;
  static final int MAX_PAGE = 1000;

  private final Principal principal;
  private final Map<String, String> vars;
  private final Fields query;
  private final String body;

  Call(Principal principal, Map<String, String> vars, Fields query, String body) {
    this.principal = principal;
    this.vars = vars;
    this.query = query;
    this.body = body;
  }

  /** The principal of the token; every rule is checked for it. */
  Principal principal() {
    return principal;
  }

  String var(String name) {
    return vars.get(name);
  }

  long longVar(String name) {
    try {
      return Long.parseLong(vars.get(name));
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("not a number: " + name + " '" + vars.get(name) + "'");
    }
  }

  /** The table named by the path variables catalog, database and table. */
  TableId table() {
    return TableId.of(var("catalog"), var("database"), var("table"));
  }

  String param(String name) {
    String value = query.getValue(name);
    return value == null || value.isEmpty() ? null : value;
  }

  List<String> params(String name) {
    List<String> values = query.getValues(name);
    return values == null ? List.of() : values;
  }

  int intParam(String name, int fallback) {
    String value = param(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("query parameter " + name + " is not a number: " + value);
    }
  }

  <T> T body(Class<T> type) {
    try {
      T value = WireJson.mapper().readValue(body == null || body.isBlank() ? "{}" : body, type);
      if (value == null) {
        throw new InvalidRequestException("request body must be a JSON object");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(
          "malformed request body: " + e.getOriginalMessage().replaceAll("\\s+", " "));
    }
  }

  /** The page of {@code all} that {@code offset} and {@code limit} select. */
  <T> Page<T> page(List<T> all) {
    int offset = intParam("offset", 0);
    int limit = intParam("limit", DEFAULT_PAGE);
    if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
      throw new InvalidRequestException(
          "offset must be 0 or more and limit between 0 and "
              + MAX_PAGE
              + ": offset "
              + offset
              + ", limit "
              + limit);
    }
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + limit);
    return new Page<>(List.copyOf(all.subList(from, to)), offset, limit, all.size());
  }
}
