package io.lakemesh.catalog.aws;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers producers' storage roots with Lake Formation in the holder's account, so that Lake
 * Formation vends credentials for the data its permissions cover and checks the producer's
 * DATA_LOCATION_ACCESS when it creates tables there. Registering twice is harmless, and a location
 * is registered once per process.
 */
final class LakeFormationLocations {
  private final AwsNames names;
  private final AwsClients clients;
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  LakeFormationLocations(AwsNames names, AwsClients clients) {
    this.names = names;
    this.clients = clients;
  }

  /** Registers the producer's storage root, when it has one; returns it. */
  Optional<S3Location> ensureStorageRootRegistered(String producer) {
    Optional<S3Location> root = names.account(producer).storageRoot();
    root.ifPresent(r -> register(names.account(producer), names.holder(producer), r));
    return root;
  }

  /**
   * Remembered only once Lake Formation has it, so that a concurrent join in this process never
   * goes on to grant DATA_LOCATION_ACCESS on a location still being registered; two registering at
   * once is one AlreadyExistsException.
   */
  private void register(AwsAccount owner, AwsAccount holder, S3Location location) {
    String arn = location.arn();
    String key = holder.awsAccountId() + " " + arn;
    if (registered.contains(key)) {
      return;
    }
    Optional<String> role = names.config().registrationRole(owner);
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
    registered.add(key);
  }
}
