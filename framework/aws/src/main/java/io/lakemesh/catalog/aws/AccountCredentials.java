package io.lakemesh.catalog.aws;

import io.lakemesh.exceptions.InvalidConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The credentials of one account: a named profile, a role assumed through STS, or the SDK's default
 * chain (for the account a process runs in, such as a Glue job's role). Profiles are checked when
 * the catalog starts, so a missing profile or one set to another region fails before any call is
 * made.
 */
final class AccountCredentials {
  private AccountCredentials() {}

  /** Loads the profile file the config names, or the SDK's default one. */
  static ProfileFile profiles(AwsCatalogConfig config) {
    return profiles(config.profileFile());
  }

  /** Loads this profile file, or the SDK's default one. */
  static ProfileFile profiles(Optional<Path> file) {
    return file.map(
            path -> {
              if (!Files.isReadable(path)) {
                throw new InvalidConfigException(
                    AwsCatalogConfig.PROFILE_FILE, "AWS config file " + path + " cannot be read");
              }
              return ProfileFile.builder()
                  .content(path)
                  .type(ProfileFile.Type.CONFIGURATION)
                  .build();
            })
        .orElseGet(ProfileFile::defaultProfileFile);
  }

  /**
   * Fails with a clear message when a profile the account names is missing or in another region.
   */
  static void check(AwsAccount account, AwsCatalogConfig config, Supplier<ProfileFile> profiles) {
    account
        .profile()
        .ifPresent(p -> checkProfile(account, AwsAccount.PROFILE, p, config, profiles.get()));
    account
        .sourceProfile()
        .ifPresent(
            p -> checkProfile(account, AwsAccount.SOURCE_PROFILE, p, config, profiles.get()));
  }

  /**
   * The account's credentials provider.
   *
   * @param sts builds the STS client that assumes roles, from the credentials that assume them
   */
  static AwsCredentialsProvider provider(
      AwsAccount account,
      Supplier<ProfileFile> profiles,
      Function<AwsCredentialsProvider, StsClient> sts) {
    if (account.profile().isPresent()) {
      return profile(account.profile().get(), profiles.get());
    }
    if (account.roleArn().isPresent()) {
      return StsAssumeRoleCredentialsProvider.builder()
          .stsClient(sts.apply(source(account, profiles)))
          .refreshRequest(
              r -> {
                r.roleArn(account.roleArn().get()).roleSessionName("lakemesh-" + account.id());
                account.externalId().ifPresent(r::externalId);
              })
          .build();
    }
    return DefaultCredentialsProvider.builder().build();
  }

  /** The credentials that assume the account's role: its source profile, or the default chain. */
  static AwsCredentialsProvider source(AwsAccount account, Supplier<ProfileFile> profiles) {
    return account.sourceProfile().isPresent()
        ? profile(account.sourceProfile().get(), profiles.get())
        : DefaultCredentialsProvider.builder().build();
  }

  private static AwsCredentialsProvider profile(String name, ProfileFile file) {
    return ProfileCredentialsProvider.builder().profileFile(file).profileName(name).build();
  }

  private static void checkProfile(
      AwsAccount account, String setting, String name, AwsCatalogConfig config, ProfileFile file) {
    String key = account.key(setting);
    String subject = "account " + account.id() + ": AWS profile '" + name + "'";
    Profile profile =
        file.profile(name)
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key,
                        subject
                            + " does not exist in "
                            + config
                                .profileFile()
                                .map(Object::toString)
                                .orElse("~/.aws/config or ~/.aws/credentials")
                            + " (profiles there: "
                            + String.join(", ", file.profiles().keySet())
                            + ")"));
    Optional<String> region = profile.property(ProfileProperty.REGION);
    if (region.isPresent() && !region.get().equals(config.region())) {
      throw new InvalidConfigException(
          key,
          subject
              + " is set to region "
              + region.get()
              + " but the catalog runs in "
              + config.region()
              + " ("
              + AwsCatalogConfig.REGION
              + "); Glue catalogs and Lake Formation are regional, so every account uses the"
              + " catalog's region");
    }
  }
}
