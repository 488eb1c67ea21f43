package io.lakemesh.catalog;

/** One computed metric, named as Deequ names them: entity, instance (column), name, value. */
public record Metric(String entity, String instance, String name, double value) {}
