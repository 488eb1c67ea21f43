package io.lakemesh.catalog;

/**
 * Everything a successful run publishes, applied by a catalog as one unit so that readers never see
 * a table whose quality summary or lineage belongs to another run.
 */
public record Publication(
    CatalogTable table, QualityRun quality, LineageEvent lineage, JobRun run) {}
