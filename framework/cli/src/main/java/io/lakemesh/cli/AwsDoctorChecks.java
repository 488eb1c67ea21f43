package io.lakemesh.cli;

import static io.lakemesh.cli.DoctorCommand.message;

import io.lakemesh.aws.AwsDiagnostics;
import io.lakemesh.aws.GlueWarehouse;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsLinks;
import io.lakemesh.cli.DoctorCommand.Result;
import io.lakemesh.runtime.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The doctor's checks of a catalog on AWS: each account's credentials, Lake Formation's grants
 * against the catalog's record, Lake Formation's setup per account, and the path by which each
 * account's Iceberg catalog reads other accounts' products.
 */
final class AwsDoctorChecks {
  private AwsDoctorChecks() {}

  static Result credentials(AwsDiagnostics aws, String account) {
    String check = "credentials " + account;
    try {
      return Result.ok(check, aws.callerIdentity(account));
    } catch (RuntimeException e) {
      return Result.fail(
          check,
          message(e),
          "give lakemesh.catalog.accounts."
              + account
              + " a profile that exists (with keys, or SSO signed in) or a role-arn the process may assume");
    }
  }

  static Result grants(AwsDiagnostics aws) {
    try {
      List<String> drift = aws.grantDrift();
      if (drift.isEmpty()) {
        return Result.ok(
            "lake formation grants",
            "Lake Formation holds exactly the grants the catalog recorded");
      }
      return new Result(
          false,
          "lake formation grants",
          drift.size() + " grant(s) differ between Lake Formation and the catalog's record",
          "grant or revoke again through lakemesh (it converges), or revoke in Lake Formation what was granted outside lakemesh",
          drift);
    } catch (RuntimeException e) {
      return Result.fail(
          "lake formation grants",
          message(e),
          "the accounts holding entries need lakeformation:ListPermissions, the records account s3:GetObject on records.root");
    }
  }

  /**
   * What each account holding entries needs for Lake Formation's grants to decide on AWS, as {@code
   * aws setup} reports it: a change it would make fails the check.
   */
  static List<Result> lakeFormationSetup(AwsDiagnostics aws) {
    try {
      return aws.lakeFormationSetup().stream()
          .map(
              step -> {
                String detail = "account " + step.account() + ": " + step.detail();
                return switch (step.state()) {
                  case "ok" -> Result.ok(step.check(), detail);
                  case "manual" -> Result.warn(step.check(), detail, step.fix(), step.items());
                  default ->
                      new Result(
                          false,
                          step.check(),
                          detail,
                          step.fix() + "; `bin/lakemesh aws setup --apply` does this",
                          step.items());
                };
              })
          .toList();
    } catch (RuntimeException e) {
      return List.of(
          Result.fail(
              "lake formation setup",
              message(e),
              "the accounts holding entries need lakeformation:GetDataLakeSettings, lakeformation:ListPermissions,"
                  + " glue:GetDatabases, glue:GetTables and glue:GetResourcePolicy"));
    }
  }

  /**
   * How the account's Iceberg catalog reads other accounts' products. With Lake Formation, Iceberg
   * assumes the account's role with the session tag Lake Formation asks for (its client factory
   * refuses to start without it), which the role's trust policy must allow (sts:TagSession): the
   * role is assumed so, once, rather than its trust policy read (that would need iam:GetRole).
   * Without it, S3FileIO reads a producer's bucket with the account's own credentials, so Lake
   * Formation's grants do not decide what it reads: reported for the accounts that read mesh data,
   * as the catalog knows them.
   */
  static Optional<Result> readPath(
      Warehouse warehouse,
      GovernanceCatalog catalog,
      Optional<AwsDiagnostics> aws,
      String account) {
    String check = "read path " + account;
    String key = "lakemesh.catalog.accounts." + account + "." + GlueWarehouse.LAKEFORMATION_ENABLED;
    Map<String, String> props;
    try {
      props = warehouse.icebergProperties(account);
    } catch (RuntimeException e) {
      return Optional.of(Result.fail(check, message(e), "correct the key named"));
    }
    if (Boolean.parseBoolean(props.get("glue.lakeformation-enabled"))) {
      if (props.getOrDefault(GlueWarehouse.SESSION_TAG, "").isBlank()) {
        return Optional.of(
            Result.fail(
                check,
                "Lake Formation credentials without the session tag "
                    + GlueWarehouse.SESSION_TAG
                    + ": Iceberg's Lake Formation client factory refuses to start",
                "remove the override of "
                    + GlueWarehouse.SESSION_TAG
                    + " from lakemesh.warehouse.properties"));
      }
      String role = props.get("client.assume-role.arn");
      String tag = GlueWarehouse.SESSION_TAG.substring("client.assume-role.tags.".length());
      String value = props.get(GlueWarehouse.SESSION_TAG);
      if (aws.isPresent()) {
        try {
          aws.get().assumeRoleWithSessionTag(account, tag, value);
        } catch (RuntimeException e) {
          // AWS's own words come last in the message, after the account and the call: keep them.
          return Optional.of(
              new Result(
                  false,
                  check,
                  message(e, 600),
                  "let the trust policy of "
                      + role
                      + " allow sts:TagSession as well as sts:AssumeRole, as below",
                  List.of(trustPolicy(role))));
        }
      }
      return Optional.of(
          Result.ok(
              check,
              "Iceberg assumes "
                  + role
                  + " tagged "
                  + tag
                  + "="
                  + value
                  + (aws.isPresent() ? " (AWS allowed it)" : "")
                  + " and reads with the credentials Lake Formation vends"));
    }
    Optional<String> reads;
    try {
      reads = meshDataRead(catalog, account);
    } catch (RuntimeException e) {
      return Optional.of(
          Result.fail(check, message(e), "see the catalog and lake formation grants checks above"));
    }
    return reads.map(
        what ->
            Result.warn(
                check,
                account
                    + " reads mesh data ("
                    + what
                    + ") with its own S3 credentials, bypassing Lake Formation's grants",
                "set " + key + " = true (with a role-arn)",
                List.of()));
  }

  /**
   * What of the mesh's data the account reads, as the catalog knows it: the grants held by its
   * principals (a consumer's, or a producer's on the products it takes as inputs) and its links;
   * empty when it reads none (an account that only writes its own tables, or not yet granted).
   */
  private static Optional<String> meshDataRead(GovernanceCatalog catalog, String account) {
    int grants = catalog instanceof SupportsGrants g ? g.grantsToAccount(account).size() : 0;
    int links = catalog instanceof SupportsLinks l ? l.listLinks(account).size() : 0;
    if (grants == 0 && links == 0) {
      return Optional.empty();
    }
    return Optional.of(count(grants, "grant") + ", " + count(links, "link"));
  }

  private static String count(int n, String thing) {
    return n + " " + thing + (n == 1 ? "" : "s");
  }

  /**
   * The trust policy a role Iceberg assumes for Lake Formation needs: its account may assume it,
   * tagged.
   */
  private static String trustPolicy(String roleArn) {
    String accountId = roleArn.split(":")[4];
    return "trust policy: {\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
        + accountId
        + ":root\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]}]}";
  }
}
