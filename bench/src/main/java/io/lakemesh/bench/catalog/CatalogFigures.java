package io.lakemesh.bench.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** The catalog benchmark's figures at both sizes, as a table for people and as JSON. */
record CatalogFigures(
    int products, CatalogScale.Plan plan, CatalogScale.Result small, CatalogScale.Result large) {

  String table() {
    StringBuilder out = new StringBuilder();
    out.append(
        "catalog at scale: JdbcGovernanceCatalog on SQLite, operations through the Governance"
            + " facade\n");
    out.append(sizeLine("small", small)).append(sizeLine("large", large)).append('\n');
    out.append(
        String.format(
            "%-18s %6s  %12s %10s  %12s %10s  %11s   %s%n",
            "operation",
            "timed",
            "small median",
            "small p99",
            "large median",
            "large p99",
            "large/small",
            "what"));
    for (Operation op : Operation.values()) {
      Latencies s = small.latencies().get(op);
      Latencies l = large.latencies().get(op);
      out.append(
          String.format(
              "%-18s %6d  %12.3f %10.3f  %12.3f %10.3f  %10.1fx   %s%n",
              op.key,
              l.count(),
              s.medianMs(),
              s.p99Ms(),
              l.medianMs(),
              l.p99Ms(),
              l.medianMs() / s.medianMs(),
              op.description));
    }
    out.append(
        "(milliseconds; p99 is the nearest-rank 99th percentile of the timed calls; each kind"
            + " first ran a tenth as many untimed)\n\n");
    Latencies checks = large.latencies().get(Operation.ENTITLEMENT_CHECK);
    out.append(
        String.format(
            "entitlement check with %,d grants in the catalog (%,d products): median %.3f ms,"
                + " p99 %.3f ms over %,d checks",
            large.contents().grants(),
            large.contents().products(),
            checks.medianMs(),
            checks.p99Ms(),
            checks.count()));
    return out.toString();
  }

  private static String sizeLine(String name, CatalogScale.Result r) {
    return String.format(
        "%s: %s; filled in %.1f s%n", name, r.contents(), r.fill().toMillis() / 1e3);
  }

  String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("products", products);
    root.put("large", operations(large));
    root.put("small", operations(small));
    Map<String, Object> samples = new LinkedHashMap<>();
    for (Operation op : Operation.values()) {
      samples.put(op.key, plan.of(op));
    }
    root.put("samples", samples);
    Map<String, Object> catalogs = new LinkedHashMap<>();
    catalogs.put("large", catalog(large));
    catalogs.put("small", catalog(small));
    root.put("catalogs", catalogs);
    Latencies checks = large.latencies().get(Operation.ENTITLEMENT_CHECK);
    Map<String, Object> entitlement = new LinkedHashMap<>();
    entitlement.put("products", large.contents().products());
    entitlement.put("grants", large.contents().grants());
    entitlement.put("checks", checks.count());
    entitlement.put("median_ms", round(checks.medianMs()));
    entitlement.put("p99_ms", round(checks.p99Ms()));
    root.put("entitlement_check_at_scale", entitlement);
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("java", System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    machine.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    root.put("machine", machine);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("figures are plain maps and numbers", e);
    }
  }

  private static Map<String, Object> operations(CatalogScale.Result r) {
    Map<String, Object> ops = new LinkedHashMap<>();
    for (Operation op : Operation.values()) {
      Latencies l = r.latencies().get(op);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("median_ms", round(l.medianMs()));
      figures.put("p99_ms", round(l.p99Ms()));
      ops.put(op.key, figures);
    }
    return ops;
  }

  private static Map<String, Object> catalog(CatalogScale.Result r) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("products", r.contents().products());
    c.put("grants", r.contents().grants());
    c.put("tag_policies", r.contents().tagPolicies());
    c.put("tag_assignments", r.contents().tagAssignments());
    c.put("audit_events", r.contents().auditEvents());
    c.put("fill_s", round(r.fill().toMillis() / 1e3));
    return c;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
