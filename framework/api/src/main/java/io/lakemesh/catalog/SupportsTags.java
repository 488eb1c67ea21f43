package io.lakemesh.catalog;

import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagTarget;
import java.util.List;
import java.util.Optional;

/** A catalog that stores LF-tag definitions (per catalog) and their assignments. */
public interface SupportsTags {

  /**
   * Defines an LF-tag in a catalog. A store that defines a tag in several steps completes, when
   * called again with the same tag, a definition it left half-done.
   *
   * @throws io.lakemesh.exceptions.AlreadyExistsException when the key is defined there already
   * @throws io.lakemesh.exceptions.InvalidRequestException when the store cannot keep the tag (a
   *     service's limit on the values of one tag), before anything is defined
   */
  void createTag(String catalog, LfTag tag);

  Optional<LfTag> findTag(String catalog, String key);

  List<LfTag> listTags(String catalog);

  /** Sets the key's value on the target, replacing the value it had there. */
  void assignTag(TagAssignment assignment);

  /** Removes the key from the target; false when it was not assigned there. */
  boolean removeTag(TagTarget target, String key);

  /** The assignments on the table's database, on the table and on its columns. */
  List<TagAssignment> tagsOf(TableId table);

  /** The assignments on the database itself. */
  List<TagAssignment> tagsOf(DatabaseId database);
}
