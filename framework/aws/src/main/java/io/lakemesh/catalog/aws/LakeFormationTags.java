package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.lakeformation.LakeFormationClient;
import software.amazon.awssdk.services.lakeformation.model.ColumnLFTag;
import software.amazon.awssdk.services.lakeformation.model.GetResourceLfTagsResponse;
import software.amazon.awssdk.services.lakeformation.model.LFTagError;
import software.amazon.awssdk.services.lakeformation.model.LFTagPair;
import software.amazon.awssdk.services.lakeformation.model.TaggedTable;

/**
 * LF-tags kept by Lake Formation itself: definitions in the catalog that keeps tags (a governance
 * account, or a producer in federated), values on databases, tables and columns of the holder's
 * catalog. Lake Formation is the record here; nothing is kept beside it.
 */
final class LakeFormationTags {
  private static final String NOT_FOUND = "EntityNotFoundException";
  private static final int VALUES_PER_CALL = 50;
  private static final int MAX_VALUES = 1000;

  private final AwsNames names;
  private final AwsClients clients;
  private final LakeFormationResources resources;

  LakeFormationTags(AwsNames names, AwsClients clients, LakeFormationResources resources) {
    this.names = names;
    this.clients = clients;
    this.resources = resources;
  }

  /**
   * Defines the tag with all its values: the first {@value #VALUES_PER_CALL} in CreateLFTag, the
   * rest added by UpdateLFTag in batches of as many ("LFTag": "A single API call supports 50
   * values. You can use multiple API calls to add more values."). A create that stopped between
   * those calls left the key with the first batches of its values; run again, it adds the rest.
   */
  void create(String meshCatalog, LfTag tag) {
    AwsAccount keeper = names.account(meshCatalog);
    List<String> values = List.copyOf(tag.allowedValues());
    requireWithinLimit(meshCatalog, tag);
    Optional<LfTag> found = find(meshCatalog, tag.key());
    if (found.isPresent()) {
      addValues(keeper, tag.key(), values, interruptedAt(meshCatalog, tag, found.get()));
      return;
    }
    String tagKey = names.tagKey(tag.key());
    call(keeper, "lakeformation:CreateLFTag", tag.key())
        .unless(
            () ->
                lf(keeper)
                    .createLFTag(
                        r ->
                            r.catalogId(keeper.awsAccountId())
                                .tagKey(tagKey)
                                .tagValues(values.subList(0, batchEnd(values, 0)))),
            "AlreadyExistsException")
        .orElseThrow(() -> exists(meshCatalog, tag.key()));
    addValues(keeper, tag.key(), values, VALUES_PER_CALL);
  }

  /**
   * How many of the tag's values an interrupted create defined: the defined values must be exactly
   * its first whole batches (the values go out in order, so a stop between calls leaves nothing
   * else). Any other definition of the key was made otherwise, and the key exists.
   */
  private int interruptedAt(String meshCatalog, LfTag wanted, LfTag defined) {
    List<String> values = List.copyOf(wanted.allowedValues());
    List<String> done = List.copyOf(defined.allowedValues());
    boolean interrupted =
        done.size() < values.size()
            && done.size() % VALUES_PER_CALL == 0
            && values.subList(0, done.size()).equals(done);
    if (!interrupted) {
      throw exists(meshCatalog, wanted.key());
    }
    return done.size();
  }

  /** Adds the values from index {@code from} on with UpdateLFTag, a batch per call. */
  private void addValues(AwsAccount keeper, String key, List<String> values, int from) {
    String tagKey = names.tagKey(key);
    for (int start = from; start < values.size(); start += VALUES_PER_CALL) {
      List<String> batch = values.subList(start, batchEnd(values, start));
      call(keeper, "lakeformation:UpdateLFTag", key)
          .run(
              () ->
                  lf(keeper)
                      .updateLFTag(
                          r ->
                              r.catalogId(keeper.awsAccountId())
                                  .tagKey(tagKey)
                                  .tagValuesToAdd(batch)));
    }
  }

  /**
   * "The maximum number of values that can be defined for a LF-Tag is 1000" ("LFTag"; a soft limit
   * in "Lake Formation Tag-based access control notes and restrictions"): refused before any call,
   * so that no tag is left defined with part of its values.
   */
  private static void requireWithinLimit(String meshCatalog, LfTag tag) {
    int count = tag.allowedValues().size();
    if (count > MAX_VALUES) {
      throw new InvalidRequestException(
          "LF-tag "
              + tag.key()
              + " in catalog "
              + meshCatalog
              + " has "
              + count
              + " values, but Lake Formation allows at most "
              + MAX_VALUES
              + " values per LF-tag; define fewer values, or split them over several keys");
    }
  }

  private static int batchEnd(List<String> values, int from) {
    return Math.min(values.size(), from + VALUES_PER_CALL);
  }

  Optional<LfTag> find(String meshCatalog, String key) {
    AwsAccount keeper = names.account(meshCatalog);
    return call(keeper, "lakeformation:GetLFTag", key)
        .unless(
            () ->
                lf(keeper)
                    .getLFTag(r -> r.catalogId(keeper.awsAccountId()).tagKey(names.tagKey(key))),
            NOT_FOUND)
        .map(r -> LfTag.of(key, r.tagValues()));
  }

  List<LfTag> list(String meshCatalog) {
    AwsAccount keeper = names.account(meshCatalog);
    List<LfTag> tags = new ArrayList<>();
    call(keeper, "lakeformation:ListLFTags", "catalog " + keeper.awsAccountId())
        .run(
            () ->
                lf(keeper).listLFTagsPaginator(r -> r.catalogId(keeper.awsAccountId())).stream()
                    .flatMap(page -> page.lfTags().stream())
                    .toList())
        .forEach(
            pair ->
                names
                    .meshTagKey(pair.tagKey())
                    .ifPresent(k -> tags.add(LfTag.of(k, pair.tagValues()))));
    tags.sort(Comparator.comparing(LfTag::key));
    return tags;
  }

  /** Sets the key's value on the target; Lake Formation keeps one value per key and resource. */
  void assign(TagAssignment assignment) {
    AwsAccount holder = names.holder(assignment.target().catalog());
    var resource = resources.of(assignment.target());
    LFTagPair pair = pair(holder, assignment.key(), assignment.value());
    AwsCall call = call(holder, "lakeformation:AddLFTagsToResource", assignment);
    requireNone(
        call,
        call.run(
            () ->
                lf(holder).addLFTagsToResource(r -> r.resource(resource).lfTags(pair)).failures()));
  }

  boolean remove(TagTarget target, String key) {
    AwsAccount holder = names.holder(target.catalog());
    var resource = resources.of(target);
    Optional<String> value =
        assigned(holder, target).stream()
            .filter(a -> a.key().equals(key))
            .map(TagAssignment::value)
            .findFirst();
    if (value.isEmpty()) {
      return false;
    }
    LFTagPair pair = pair(holder, key, value.get());
    AwsCall call = call(holder, "lakeformation:RemoveLFTagsFromResource", target + " " + key);
    requireNone(
        call,
        call.run(
            () ->
                lf(holder)
                    .removeLFTagsFromResource(r -> r.resource(resource).lfTags(pair))
                    .failures()));
    return true;
  }

  /** The values assigned on the table's database, on the table itself and on its columns. */
  List<TagAssignment> of(TableId table) {
    AwsAccount holder = names.holder(table.catalog());
    List<TagAssignment> all =
        new ArrayList<>(assigned(holder, TagTarget.database(table.databaseId())));
    all.addAll(assigned(holder, TagTarget.table(table)));
    return all;
  }

  List<TagAssignment> of(DatabaseId database) {
    return assigned(names.holder(database.catalog()), TagTarget.database(database));
  }

  /** The tables of a producer whose LF-tags match the expression, as Lake Formation finds them. */
  List<TableId> tablesMatching(String meshCatalog, TagExpression expression) {
    AwsAccount holder = names.holder(meshCatalog);
    List<TaggedTable> found =
        call(holder, "lakeformation:SearchTablesByLFTags", expression)
            .run(
                () ->
                    lf(holder)
                        .searchTablesByLFTagsPaginator(
                            r ->
                                r.catalogId(holder.awsAccountId())
                                    .expression(resources.expression(expression)))
                        .stream()
                        .flatMap(page -> page.tableList().stream())
                        .toList());
    List<TableId> tables = new ArrayList<>();
    for (TaggedTable t : found) {
      var table = t.table();
      names
          .meshDatabase(table.databaseName())
          .flatMap(db -> AwsNames.tableId(meshCatalog, db, table.name()))
          .ifPresent(tables::add);
    }
    return tables;
  }

  /**
   * The values assigned directly on one target (a database, or a table with its columns), not those
   * it inherits.
   */
  private List<TagAssignment> assigned(AwsAccount holder, TagTarget target) {
    var resource = resources.of(target);
    Optional<GetResourceLfTagsResponse> response =
        call(holder, "lakeformation:GetResourceLFTags", target)
            .unless(
                () ->
                    lf(holder)
                        .getResourceLFTags(r -> r.resource(resource).showAssignedLFTags(true)),
                NOT_FOUND);
    List<TagAssignment> assignments = new ArrayList<>();
    if (response.isEmpty()) {
      return assignments;
    }
    GetResourceLfTagsResponse tags = response.get();
    switch (target.level()) {
      case DATABASE -> add(assignments, target, tags.lfTagOnDatabase());
      case TABLE -> {
        add(assignments, target, tags.lfTagsOnTable());
        for (ColumnLFTag column : tags.lfTagsOnColumns()) {
          add(assignments, TagTarget.column(target.tableId(), column.name()), column.lfTags());
        }
      }
      case COLUMN -> {
        for (ColumnLFTag column : tags.lfTagsOnColumns()) {
          if (column.name().equals(target.column())) {
            add(assignments, target, column.lfTags());
          }
        }
      }
    }
    return assignments;
  }

  private void add(List<TagAssignment> into, TagTarget target, List<LFTagPair> pairs) {
    for (LFTagPair pair : pairs) {
      Optional<String> key = names.meshTagKey(pair.tagKey());
      if (key.isPresent() && !pair.tagValues().isEmpty()) {
        into.add(new TagAssignment(target, key.get(), pair.tagValues().get(0)));
      }
    }
  }

  private LFTagPair pair(AwsAccount holder, String key, String value) {
    return LFTagPair.builder()
        .catalogId(holder.awsAccountId())
        .tagKey(names.tagKey(key))
        .tagValues(value)
        .build();
  }

  /** Tag changes answer 200 with per-tag failures; each is as much a failure as an error reply. */
  private static void requireNone(AwsCall call, List<LFTagError> failures) {
    if (!failures.isEmpty()) {
      LFTagError first = failures.get(0);
      String code = first.error() == null ? "" : String.valueOf(first.error().errorCode());
      throw call.failure(
          "LF-tag "
              + first.lfTag().tagKey()
              + ": "
              + code
              + ": "
              + (first.error() == null ? "" : first.error().errorMessage()),
          code.contains("AccessDenied"));
    }
  }

  private AlreadyExistsException exists(String meshCatalog, String key) {
    return new AlreadyExistsException(
        "LF-tag " + key + " already exists in catalog " + meshCatalog);
  }

  private AwsCall call(AwsAccount account, String api, Object subject) {
    return clients.call(account, api, subject);
  }

  private LakeFormationClient lf(AwsAccount account) {
    return clients.lakeFormation(account);
  }
}
