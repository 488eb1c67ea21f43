package io.lakemesh.server;

import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.client.Wire;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.rules.Governance;
import java.util.Map;

/**
 * The routes of API v1 that serve the catalog's own records (what {@code HttpCatalog} reads and
 * writes): table entries and versions, databases, run records, quality runs and lineage events. The
 * rules decide: only a producer writes its records, and reads show what the principal may describe.
 * Lists of newest-first records take {@code max} (how many of the newest) before paging.
 */
final class CatalogRoutes {
  private static final int MAX_RECORDS = 100_000;

  private final Governance g;

  CatalogRoutes(Governance governance) {
    this.g = governance;
  }

  Router addTo(Router router) {
    return router
        .get("/catalog/databases", c -> c.page(g.listDatabases(c.principal(), c.param("catalog"))))
        .post(
            "/catalog/databases",
            c -> {
              Wire.DatabaseBody b = c.body(Wire.DatabaseBody.class);
              return new Wire.Created(
                  g.ensureDatabase(c.principal(), b.database(), b.parameters()));
            })
        .get("/catalog/tables", c -> c.page(g.listTables(c.principal(), c.param("catalog"))))
        .get(
            "/tables/{catalog}/{database}/{table}/versions",
            c -> c.page(g.tableVersions(c.principal(), c.table())))
        .get(
            "/tables/{catalog}/{database}/{table}/quality",
            c -> c.page(g.qualityHistory(c.principal(), c.table(), max(c))))
        .get(
            "/tables/{catalog}/{database}/{table}/quality/verdict",
            c -> g.qualityVerdict(c.principal(), c.table()))
        .post(
            "/quality-runs",
            c -> {
              g.recordQualityRun(c.principal(), c.body(QualityRun.class));
              return Map.of("recorded", true);
            })
        .get("/runs", c -> c.page(g.listJobRuns(c.principal(), c.param("product"), max(c))))
        .get(
            "/runs/{run}",
            c ->
                g.findJobRun(c.principal(), c.var("run"))
                    .orElseThrow(() -> new NotFoundException("run not found: " + c.var("run"))))
        .post(
            "/runs",
            c -> {
              g.recordJobRun(c.principal(), c.body(JobRun.class));
              return Map.of("recorded", true);
            })
        .get("/lineage", c -> c.page(g.lineage(c.principal(), c.param("dataset"), max(c))));
  }

  /** How many of the newest records the answer holds; by default what the page reaches. */
  private static int max(Call c) {
    int reach = c.intParam("offset", 0) + c.intParam("limit", Call.DEFAULT_PAGE);
    return Math.max(0, Math.min(c.intParam("max", reach), MAX_RECORDS));
  }
}
