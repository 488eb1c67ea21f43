package io.lakemesh.governance.rules;

import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.Principal;

/**
 * Only a producer writes its products' entries and records: what it publishes, its runs, its
 * quality gates, the databases its tables live in. Its refusals are recorded in the producer's log.
 */
final class ProducerOnly {
  private ProducerOnly() {}

  /** The audit log of the producer's products; accounts that are not producers have none. */
  static String logOf(Context ctx, String producer) {
    String account = ctx.mesh().account(producer).id();
    if (!ctx.mesh().isProducer(account)) {
      throw new InvalidRequestException(
          "account " + account + " is not a producer, so it publishes no products");
    }
    return ctx.mesh().auditLogOf(account);
  }

  /** Refuses anyone but the producer's administrator. */
  static void require(
      Context ctx, Principal actor, String action, String producer, Object subject) {
    switch (ctx.standing(actor, producer)) {
      case UNKNOWN -> throw Denials.unknown(actor, action, subject);
      case OWNER -> {}
      default ->
          throw Denials.of(
              actor, action, subject, "only the producer " + producer + " publishes its products");
    }
  }
}
