package io.lakemesh.catalog;

import io.lakemesh.governance.DataFilter;
import java.util.List;
import java.util.Optional;

/** A catalog that stores data filters (Lake Formation's data cells filters) beside its tables. */
public interface SupportsDataFilters {

  /**
   * Stores a filter under its table and name.
   *
   * @throws io.lakemesh.exceptions.AlreadyExistsException when the table has a filter of that name
   */
  void createFilter(DataFilter filter);

  Optional<DataFilter> findFilter(TableId table, String name);

  /** The filters of one catalog's tables, by table and name. */
  List<DataFilter> listFilters(String catalog);

  /** Removes the filter; false when there was none. */
  boolean dropFilter(TableId table, String name);
}
