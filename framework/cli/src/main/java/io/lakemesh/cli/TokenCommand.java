package io.lakemesh.cli;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.AccessToken;
import io.lakemesh.governance.Principal;
import io.lakemesh.server.AccessTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Access tokens of the catalog server, kept hashed in the catalog database. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Issue, list and revoke access tokens for the catalog server (lakemesh serve).",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.ListTokens.class,
      TokenCommand.Revoke.class
    })
final class TokenCommand extends ParentCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Issue a token that acts as the principal; the token is printed once and stored only as its SHA-256.")
  static final class Create implements Callable<Integer> {
    @Mixin Environment env;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "WHO",
        description = "ACCOUNT or ACCOUNT:PRINCIPAL, declared in the mesh.")
    String as;

    @Option(
        names = "--ttl",
        paramLabel = "DURATION",
        defaultValue = "30d",
        description =
            "How long it is valid: 90m, 12h, 30d, an ISO-8601 duration, or 'never' (default: ${DEFAULT-VALUE}).")
    String ttl;

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        defaultValue = "",
        description = "What the token is for.")
    String description;

    @Option(names = "--json", description = "Print JSON: " + KEYS_AND_TOKEN + ".")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        Principal principal = env.mesh().principal(Principal.parse(as));
        AccessTokens.Issued issued =
            new AccessTokens(env.localCatalog(), env.embeddedGovernance())
                .issue(principal, parseTtl(ttl), description);
        AccessToken t = issued.token();
        if (json) {
          Map<String, Object> out = describe(t, Instant.now());
          out.put("token", issued.text());
          JsonOutput.print(out);
        } else {
          System.err.printf(
              "token %s for %s, %s; shown once, keep it secret:%n",
              t.id(),
              t.principal(),
              t.expiresAt() == null ? "no expiry" : "valid until " + Timestamps.of(t.expiresAt()));
          System.out.println(issued.text());
        }
        return 0;
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Tokens (ids, principals, validity; never secrets).")
  static final class ListTokens implements Callable<Integer> {
    @Mixin Environment env;

    @Option(
        names = "--account",
        paramLabel = "ACCOUNT",
        description = "Only this account's tokens.")
    String account;

    @Option(names = "--json", description = "Print JSON: [" + KEYS + "].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        List<AccessToken> tokens =
            new AccessTokens(env.localCatalog(), env.embeddedGovernance()).list(account);
        Instant now = Instant.now();
        if (json) {
          JsonOutput.print(tokens.stream().map(t -> describe(t, now)).toList());
          return 0;
        }
        String row = "%-14s %-22s %-8s %-20s %-20s %s%n";
        System.out.printf(row, "ID", "PRINCIPAL", "STATE", "CREATED", "EXPIRES", "DESCRIPTION");
        for (AccessToken t : tokens) {
          System.out.printf(
              row,
              t.id(),
              t.principal(),
              describe(t, now).get("state"),
              Timestamps.of(t.createdAt()),
              t.expiresAt() == null ? "never" : Timestamps.of(t.expiresAt()),
              t.description());
        }
        return 0;
      }
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a token; the next request with it gets 401.")
  static final class Revoke implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(paramLabel = "ID", description = "The token's id (from token list).")
    String id;

    @Option(names = "--json", description = "Print JSON: {revoked}, the token's id.")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        new AccessTokens(env.localCatalog(), env.embeddedGovernance()).revoke(id);
        JsonOutput.print(json, JsonOutput.object("revoked", id), "token " + id + " revoked");
        return 0;
      }
    }
  }

  /** The keys of {@link #describe}. */
  static final String KEYS = "{id, principal, state, createdAt, expiresAt, description}";

  private static final String KEYS_AND_TOKEN =
      "{id, principal, state, createdAt, expiresAt, description, token} (the token shown once)";

  /** A token as listed: id, principal, state, times, description; never the secret or its hash. */
  static Map<String, Object> describe(AccessToken t, Instant now) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", t.id());
    out.put("principal", t.principal().toString());
    out.put("state", t.revokedAt() != null ? "revoked" : t.validAt(now) ? "valid" : "expired");
    out.put("createdAt", t.createdAt().toString());
    out.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
    out.put("description", t.description());
    return out;
  }

  /** 90m, 12h, 30d, an ISO-8601 duration such as PT12H, or never. */
  static Duration parseTtl(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.equals("never")) {
      return null;
    }
    try {
      Duration d;
      if (t.matches("\\d+[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        d =
            switch (t.charAt(t.length() - 1)) {
              case 's' -> Duration.ofSeconds(n);
              case 'm' -> Duration.ofMinutes(n);
              case 'h' -> Duration.ofHours(n);
              default -> Duration.ofDays(n);
            };
      } else {
        d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      }
      if (d.isNegative() || d.isZero()) {
        throw new InvalidConfigException("--ttl", "a token's ttl must be positive: " + text);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new InvalidConfigException(
          "--ttl", "expected 90m, 12h, 30d, an ISO-8601 duration or never, got '" + text + "'");
    }
  }
}
