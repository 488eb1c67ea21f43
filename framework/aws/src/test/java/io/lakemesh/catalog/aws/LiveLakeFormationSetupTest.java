package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.catalog.CatalogFixtures;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * What only a real account can confirm of Lake Formation's setup (see {@link LiveAws} for when it
 * runs): that a producer's bucket in another AWS account registers with the holder's registration
 * role, that {@code aws setup --apply} converges on the holders (it changes their data lake
 * settings, so run it on test accounts) and a cross-account grant then succeeds, and that an
 * account flagged {@code lakeformation-enabled} can assume its role with the session tag
 * LakeFormationAuthorizedCaller (its trust policy allows sts:TagSession).
 */
class LiveLakeFormationSetupTest {
  private final LiveAws live = new LiveAws();

  @AfterEach
  void deleteWhatTheTestCreated() {
    live.cleanUp();
  }

  @Test
  void aProducersBucketInAnotherAccountIsRegisteredWithTheHoldersRole() {
    GlueGovernanceCatalog catalog = live.newCatalog();
    AwsCatalogConfig config = catalog.config();
    Optional<AwsAccount> producer = crossAccountProducer(config);
    assumeTrue(
        producer.isPresent(),
        "needs a producer with a storage-root whose holder is another AWS account");
    AwsAccount holder = config.account(producer.get().holder());

    catalog.publish(onStorageRoot(producer.get(), "it_registration"));

    try (AwsClients clients = new AwsClients("lakemesh-it", config, List.of())) {
      String arn = producer.get().storageRoot().orElseThrow().arn();
      var described =
          clients.lakeFormation(holder).describeResource(r -> r.resourceArn(arn)).resourceInfo();
      assertThat(described.roleArn()).isEqualTo(holder.registrationRoleArn().orElseThrow());
    }
    catalog.close();
  }

  @Test
  void setupConvergesAndACrossAccountGrantThenSucceeds() {
    GlueGovernanceCatalog catalog = live.newCatalog();
    AwsCatalogConfig config = catalog.config();
    Optional<AwsAccount> producer = crossAccountProducer(config);
    Optional<AwsAccount> consumer =
        config.accounts().values().stream()
            .filter(a -> a.storageRoot().isEmpty())
            .filter(
                a ->
                    producer.isPresent()
                        && !a.awsAccountId()
                            .equals(config.account(producer.get().holder()).awsAccountId()))
            .findFirst();
    assumeTrue(
        producer.isPresent() && consumer.isPresent(),
        "needs a cross-account producer and a consumer in a third AWS account");
    Publication publication = onStorageRoot(producer.get(), "it_setup");
    catalog.publish(publication);
    TableId table = publication.table().id();

    List<Map<String, Object>> applied = catalog.applyLakeFormationSetup();
    assertThat(applied).noneMatch(s -> "change".equals(s.get("state")));
    assertThat(catalog.lakeFormationSetup()).noneMatch(s -> "change".equals(s.get("state")));

    Principal grantee = Principal.administrator(consumer.get().id());
    catalog.addGrant(
        Grant.builder(grantee, new Resource.Table(table), Set.of(Permission.SELECT))
            .catalog(producer.get().holder())
            .grantor(Principal.administrator(producer.get().holder()))
            .grantedAt(CatalogFixtures.T0)
            .build());
    assertThat(catalog.permissionsInLakeFormation(grantee, new Resource.Table(table)).permissions())
        .contains(Permission.SELECT);
    catalog.close();
  }

  @Test
  void aLakeFormationEnabledRoleCanBeAssumedWithTheSessionTag() {
    Map<String, String> properties = LiveAws.requireConfigured();
    AwsCatalogConfig config = AwsCatalogConfig.from(properties);
    Optional<AwsAccount> reader =
        config.accounts().values().stream()
            .filter(a -> a.roleArn().isPresent())
            .filter(
                a -> Boolean.parseBoolean(properties.get(a.key(AwsAccount.LAKEFORMATION_ENABLED))))
            .findFirst();
    assumeTrue(reader.isPresent(), "needs an account with role-arn and lakeformation-enabled");
    AwsCredentialsProvider source =
        reader.get().sourceProfile().isPresent()
            ? ProfileCredentialsProvider.builder()
                .profileFile(AccountCredentials.profiles(config))
                .profileName(reader.get().sourceProfile().get())
                .build()
            : DefaultCredentialsProvider.builder().build();
    try (StsClient sts =
        StsClient.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(source)
            .build()) {
      var assumed =
          sts.assumeRole(
              r -> {
                r.roleArn(reader.get().roleArn().get())
                    .roleSessionName("lakemesh-it-tag")
                    .tags(t -> t.key("LakeFormationAuthorizedCaller").value("lakemesh"));
                reader.get().externalId().ifPresent(r::externalId);
              });
      assertThat(assumed.assumedRoleUser().arn()).contains(":assumed-role/");
    }
  }

  private static Optional<AwsAccount> crossAccountProducer(AwsCatalogConfig config) {
    return config.accounts().values().stream()
        .filter(a -> a.storageRoot().isPresent())
        .filter(a -> !config.account(a.holder()).awsAccountId().equals(a.awsAccountId()))
        .findFirst();
  }

  /** A publication of a table under the producer's storage root, so its location is registered. */
  private static Publication onStorageRoot(AwsAccount producer, String name) {
    TableId id = TableId.of(producer.id(), producer.id(), name);
    return LoopbackMesh.at(
        CatalogFixtures.publication("run-" + name, id, 1, CatalogFixtures.T0),
        producer.storageRoot().orElseThrow() + producer.id() + ".db/" + name);
  }
}
