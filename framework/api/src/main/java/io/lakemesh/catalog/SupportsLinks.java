package io.lakemesh.catalog;

import io.lakemesh.governance.ResourceLink;
import java.util.List;
import java.util.Optional;

/** A catalog that stores resource links. */
public interface SupportsLinks {

  /**
   * Stores a link under its name.
   *
   * @throws io.lakemesh.exceptions.AlreadyExistsException when a link of that name exists
   */
  void createLink(ResourceLink link);

  Optional<ResourceLink.TableLink> findTableLink(TableId name);

  Optional<ResourceLink.DatabaseLink> findDatabaseLink(DatabaseId name);

  /** The links in one catalog, database links first, then table links, each by name. */
  List<ResourceLink> listLinks(String catalog);

  /** Removes the link of that name; false when there was none. */
  boolean dropLink(ResourceLink link);
}
