package io.lakemesh.cli;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.runtime.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The subscription workflow: a consumer asks, the owning producer approves or denies. */
final class RequestCommands {
  private RequestCommands() {}

  /** The keys of a request in JSON. */
  static final String KEYS =
      "{id, requester, resource, permissions, state, granted, grantedPermissions, reason,"
          + " decidedBy, createdAt, updatedAt, justification, expires}";

  static final String HEADER =
      String.format(
          "%-5s %-10s %-22s %-40s %-18s %s",
          "ID", "STATE", "REQUESTER", "RESOURCE", "PERMISSIONS", "REASON");

  static void print(AccessRequest r) {
    System.out.printf(
        "%-5d %-10s %-22s %-40s %-18s %s%n",
        r.id(),
        r.state(),
        r.requester(),
        r.resource(),
        Permission.format(r.permissions()),
        r.reason() == null ? "" : r.reason());
    if (r.granted() != null
        && (!r.granted().equals(r.resource()) || !r.grantedPermissions().equals(r.permissions()))) {
      // Approved in part: what the requester holds is not what it asked for.
      System.out.println(
          JUSTIFICATION_INDENT
              + "granted: "
              + Permission.format(r.grantedPermissions())
              + " on "
              + r.granted());
    }
    if (r.expires() != null) {
      System.out.println(JUSTIFICATION_INDENT + Expiry.text(r.expires(), null));
    }
    if (!r.justification().isEmpty()) {
      // The requester's words on a line of their own, under the request they explain.
      System.out.println(
          JUSTIFICATION_INDENT
              + "justification: "
              + r.justification().replace("\n", "\n" + JUSTIFICATION_INDENT + "  "));
    }
  }

  private static final String JUSTIFICATION_INDENT = "      ";

  @Command(
      name = "request-access",
      mixinStandardHelpOptions = true,
      description =
          "Ask the owning producer for permissions on a table (some columns, or a data filter) or a database.")
  static final class RequestAccess implements Callable<Integer> {
    @Mixin Environment env;
    @Mixin ResourceOptions resource;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "WHO",
        description = "The requesting principal.")
    String actor;

    @Option(
        names = "--perm",
        required = true,
        paramLabel = "P[,P...]",
        description = "Permissions asked for.")
    String permissions;

    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        description =
            "Why the access is needed, for the producer deciding (plain text, at most "
                + AccessRequest.MAX_JUSTIFICATION
                + " characters); shown by requests and in the web UI.")
    String reason;

    @Option(names = "--json", description = "Print JSON: {id, state}.")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        if (resource.tagExpression != null) {
          throw new InvalidConfigException(
              "--tag-expr", "access is requested on a --table or a --database");
        }
        Principal as = Principal.parse(actor);
        AccessRequest r =
            env.governance()
                .requestAccess(
                    as,
                    resource.resolve(env.governance(), as),
                    Permission.parseList(permissions),
                    reason == null ? "" : reason);
        System.out.println(
            json
                ? Json.write(Map.of("id", r.id(), "state", r.state()))
                : "request " + r.id() + " " + r.state());
        return 0;
      }
    }
  }

  @Command(
      name = "requests",
      mixinStandardHelpOptions = true,
      description = "Requests the principal made, and those on its products.")
  static final class Requests implements Callable<Integer> {
    @Mixin Environment env;

    @Option(names = "--as", required = true, paramLabel = "WHO", description = "The principal.")
    String actor;

    @Option(names = "--pending", description = "Only pending requests.")
    boolean pending;

    @Option(names = "--json", description = "Print JSON: [" + KEYS + "].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        Principal as = Principal.parse(actor);
        List<AccessRequest> requests =
            pending ? env.governance().pendingRequests(as) : env.governance().requests(as);
        if (json) {
          System.out.println(Json.pretty(requests));
        } else {
          System.out.println(HEADER);
          requests.forEach(RequestCommands::print);
        }
        return 0;
      }
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description =
          "Approve a request (optionally with fewer permissions or columns, or through a data filter): grants and links the consumer.")
  static final class Approve implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(paramLabel = "ID")
    long id;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "WHO",
        description = "The owning producer.")
    String actor;

    @Option(
        names = "--perm",
        paramLabel = "P[,P...]",
        description = "Grant only these permissions.")
    String permissions;

    @Option(
        names = "--columns",
        split = ",",
        paramLabel = "C",
        description = "Grant only these columns.")
    List<String> columns = new ArrayList<>();

    @Option(
        names = "--filter",
        paramLabel = "NAME",
        description = "Grant SELECT through this data filter of the requested table instead.")
    String filter;

    @Option(
        names = "--expires",
        paramLabel = "WHEN",
        converter = PointInTime.Ahead.class,
        description = "The access ends then: " + PointInTime.Ahead.FORMS + ".")
    Instant expires;

    @Option(names = "--json", description = "Print the request as JSON: " + KEYS + ".")
    boolean json;

    @Override
    public Integer call() {
      if (filter != null && expires != null) {
        throw new InvalidConfigException(
            "--expires",
            "--expires is given with --perm or --columns, or alone; not with --filter");
      }
      if (filter != null && (permissions != null || !columns.isEmpty())) {
        throw new InvalidConfigException(
            "--filter",
            "--filter grants SELECT through the filter: give it without --perm and --columns");
      }
      try (Environment closing = env) {
        AccessRequest r =
            filter != null
                ? env.governance().approveWithFilter(Principal.parse(actor), id, filter)
                : env.governance()
                    .approve(
                        Principal.parse(actor),
                        id,
                        permissions == null ? null : Permission.parseList(permissions),
                        columns.isEmpty() ? null : columns,
                        expires);
        if (json) {
          System.out.println(Json.pretty(r));
        } else {
          print(r);
        }
        return 0;
      }
    }
  }

  @Command(
      name = "deny",
      mixinStandardHelpOptions = true,
      description = "Deny a request, with the reason the consumer sees.")
  static final class Deny implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(paramLabel = "ID")
    long id;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "WHO",
        description = "The owning producer.")
    String actor;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    @Option(names = "--json", description = "Print the request as JSON: " + KEYS + ".")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        AccessRequest r = env.governance().deny(Principal.parse(actor), id, reason);
        if (json) {
          JsonOutput.print(r);
        } else {
          print(r);
        }
        return 0;
      }
    }
  }

  @Command(
      name = "unsubscribe",
      mixinStandardHelpOptions = true,
      description =
          "End an ACTIVE subscription: what it granted is revoked (and what was re-granted on it), the"
              + " request becomes REVOKED, and the audit log records it. The requester ends its own; the owning producer"
              + " may end any on its data. Its link stays and refuses until access is granted again.")
  static final class Unsubscribe implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(paramLabel = "ID", description = "The request (see: requests --as WHO).")
    long id;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "WHO",
        description = "The requester, or the owning producer.")
    String actor;

    @Option(names = "--json", description = "Print the request as JSON: " + KEYS + ".")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        AccessRequest r = env.governance().revokeSubscription(Principal.parse(actor), id);
        if (json) {
          JsonOutput.print(r);
        } else {
          print(r);
        }
        return 0;
      }
    }
  }
}
