package io.lakemesh.runtime;

/**
 * An input as lineage names it: OpenLineage namespace and name ({@code file} + path, {@code
 * lakemesh://ACCOUNT} + {@code db.table}, or the JDBC URL + query), plus what identifies its
 * current content, so that a re-run over unchanged inputs is recognised.
 */
public record InputDataset(String source, String namespace, String name, String fingerprint) {}
