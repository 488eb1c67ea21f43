package io.lakemesh.catalog;

import java.util.function.Supplier;

/**
 * A catalog that can apply several calls as one unit: the calls the work makes on this catalog,
 * from the calling thread, commit together or not at all. Nested units join the outer one.
 */
public interface SupportsTransactions {
  <T> T inTransaction(Supplier<T> work);
}
