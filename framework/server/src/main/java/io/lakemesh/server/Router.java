package io.lakemesh.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Method and path templates ({@code /requests/{id}/approve}) to actions. */
final class Router {
  record Route(String method, String template, PathTemplate path, Function<Call, Object> action) {}

  record Match(Route route, Map<String, String> vars) {}

  private final List<Route> routes = new ArrayList<>();

  Router get(String template, Function<Call, Object> action) {
    return add("GET", template, action);
  }

  Router post(String template, Function<Call, Object> action) {
    return add("POST", template, action);
  }

  private Router add(String method, String template, Function<Call, Object> action) {
    routes.add(new Route(method, template, PathTemplate.of(template), action));
    return this;
  }

  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** The route for the method and path; empty when none; a path known for another method throws. */
  Optional<Match> match(String method, String path) throws MethodNotAllowed {
    String[] parts = PathTemplate.split(path);
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> vars = route.path().match(parts);
      if (vars == null) {
        continue;
      }
      if (route.method().equals(method)) {
        return Optional.of(new Match(route, vars));
      }
      pathKnown = true;
    }
    if (pathKnown) {
      throw new MethodNotAllowed(method + " is not allowed on " + path);
    }
    return Optional.empty();
  }

  static final class MethodNotAllowed extends Exception {
    MethodNotAllowed(String message) {
      super(message);
    }
  }
}
