package io.lakemesh.catalog.aws;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers producers' storage with Lake Formation in the holder's account, so that Lake Formation
 * vends credentials for the data its permissions cover. The producer's storage root is registered
 * when a table lies under it (one registration per producer), the table's own location otherwise.
 * Registering twice is harmless, and a location is registered once per process.
 */
final class LakeFormationLocations {
  private final AwsNames names;
  private final AwsClients clients;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  LakeFormationLocations(AwsNames names, AwsClients clients) {
    this.names = names;
    this.clients = clients;
  }

  /** Registers the location of a producer's table, when it is on S3. */
  void ensureRegistered(String producer, String tableLocation) {
    if (!S3Location.isS3(tableLocation)) {
      return;
    }
    S3Location table = S3Location.parse("location", tableLocation);
    AwsAccount owner = names.account(producer);
    S3Location location = owner.storageRoot().filter(root -> root.contains(table)).orElse(table);
    AwsAccount holder = names.holder(producer);
    String arn = location.arn();
    if (!registered.add(holder.awsAccountId() + " " + arn)) {
      return;
    }
    Optional<String> role = names.config().registrationRole(owner);
    try {
      clients
          .call(holder, "lakeformation:RegisterResource", location)
          .unless(
              () ->
                  clients
                      .lakeFormation(holder)
                      .registerResource(
                          r -> {
                            r.resourceArn(arn);
                            role.ifPresentOrElse(r::roleArn, () -> r.useServiceLinkedRole(true));
                          }),
              "AlreadyExistsException");
    } catch (RuntimeException e) {
      registered.remove(holder.awsAccountId() + " " + arn);
      throw e;
    }
  }
}
