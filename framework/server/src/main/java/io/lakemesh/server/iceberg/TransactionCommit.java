package io.lakemesh.server.iceberg;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.Transactions;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.rest.requests.CommitTransactionRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

/**
 * {@code POST /v1/transactions/commit}: every table's requirements are checked and its updates
 * applied in memory first, and only when all of them hold is each table committed, as Iceberg's
 * reference adapter does. The account's catalog commits one table at a time, so a failure while
 * committing the second table leaves the first committed (Iceberg's JDBC catalog has no multi-table
 * commit to do better with).
 */
final class TransactionCommit {
  private TransactionCommit() {}

  static void commit(Catalog catalog, CommitTransactionRequest request) {
    List<Transaction> staged = new ArrayList<>();
    for (UpdateTableRequest change : request.tableChanges()) {
      Table table = catalog.loadTable(change.identifier());
      if (!(table instanceof BaseTable base)) {
        throw new IllegalStateException(
            "not an Iceberg table of this catalog: " + change.identifier());
      }
      Transaction transaction =
          Transactions.newTransaction(change.identifier().toString(), base.operations());
      TableOperations ops = ((HasTableOperations) transaction.table()).operations();
      TableMetadata current = ops.current();
      change.requirements().forEach(requirement -> requirement.validate(current));
      TableMetadata.Builder updated = TableMetadata.buildFrom(current);
      change.updates().forEach(update -> update.applyTo(updated));
      TableMetadata next = updated.build();
      if (!next.changes().isEmpty()) {
        ops.commit(current, next);
      }
      staged.add(transaction);
    }
    staged.forEach(Transaction::commitTransaction);
  }
}
