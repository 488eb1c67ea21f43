package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import software.amazon.awssdk.services.glue.model.EnableHybridValues;
import software.amazon.awssdk.services.glue.model.GetResourcePolicyResponse;

/**
 * The Data Catalog resource policy of an account that holds mesh entries, as "Managing
 * cross-account permissions using both AWS Glue and Lake Formation" asks for it: none at all, or
 * one that allows glue:ShareResource to ram.amazonaws.com, saved with EnableHybrid TRUE, since
 * otherwise Lake Formation's named-resource grants to other accounts do not complete. A step of
 * {@link LakeFormationSetup}.
 */
final class CatalogResourcePolicy {
  private final AwsNames names;
  private final AwsClients clients;

  CatalogResourcePolicy(AwsNames names, AwsClients clients) {
    this.names = names;
    this.clients = clients;
  }

  /** The step of {@code holder}'s catalog: ok without a policy or with RAM's statement. */
  SetupStep step(AwsAccount holder) {
    String check = "catalog resource policy";
    Optional<GetResourcePolicyResponse> current = resourcePolicy(holder);
    if (current.isEmpty()) {
      return SetupStep.ok(
          holder.id(), check, "no Data Catalog resource policy: cross-account grants need none");
    }
    ObjectNode policy = parse(current.get().policyInJson());
    if (allowsRamShare(policy)) {
      return SetupStep.ok(
          holder.id(), check, "the resource policy allows glue:ShareResource to RAM");
    }
    return SetupStep.change(
        holder.id(),
        check,
        "the Data Catalog resource policy does not allow glue:ShareResource to ram.amazonaws.com:"
            + " cross-account grants on databases and tables fail",
        "add that statement and save the policy with EnableHybrid TRUE (glue:PutResourcePolicy)",
        () -> putPolicy(holder, policy, current.get().policyHash()));
  }

  private Optional<GetResourcePolicyResponse> resourcePolicy(AwsAccount holder) {
    return clients
        .call(holder, "glue:GetResourcePolicy", "catalog " + holder.awsAccountId())
        .unless(() -> clients.glue(holder).getResourcePolicy(r -> {}), "EntityNotFoundException");
  }

  private void putPolicy(AwsAccount holder, ObjectNode policy, String hash) {
    ArrayNode statements =
        policy.has("Statement") && policy.get("Statement").isArray()
            ? (ArrayNode) policy.get("Statement")
            : policy.putArray("Statement");
    statements.add(ramShareStatement(holder));
    String json = Json.line(policy).trim();
    clients
        .call(holder, "glue:PutResourcePolicy", "catalog " + holder.awsAccountId())
        .run(
            () ->
                clients
                    .glue(holder)
                    .putResourcePolicy(
                        r ->
                            r.policyInJson(json)
                                .policyHashCondition(hash)
                                .enableHybrid(EnableHybridValues.TRUE)));
  }

  /**
   * The statement "Managing cross-account permissions using both AWS Glue and Lake Formation" asks
   * for.
   */
  private ObjectNode ramShareStatement(AwsAccount holder) {
    String prefix = "arn:aws:glue:" + names.config().region() + ":" + holder.awsAccountId() + ":";
    ObjectNode st = Json.object();
    st.put("Sid", "LakeFormationCrossAccountShares").put("Effect", "Allow");
    st.putArray("Action").add("glue:ShareResource");
    st.putObject("Principal").putArray("Service").add("ram.amazonaws.com");
    st.putArray("Resource")
        .add(prefix + "table/*/*")
        .add(prefix + "database/*")
        .add(prefix + "catalog");
    return st;
  }

  static boolean allowsRamShare(JsonNode policy) {
    for (JsonNode st : policy.path("Statement")) {
      if ("Allow".equals(st.path("Effect").asText())
          && contains(st.get("Action"), "glue:ShareResource")
          && contains(st.path("Principal").get("Service"), "ram.amazonaws.com")) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(JsonNode element, String value) {
    if (element == null) {
      return false;
    }
    if (element.isArray()) {
      for (JsonNode v : element) {
        if (value.equals(v.asText())) {
          return true;
        }
      }
      return false;
    }
    return value.equals(element.asText());
  }

  private static ObjectNode parse(String json) {
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      return node instanceof ObjectNode o ? o : Json.object();
    } catch (IOException e) {
      return Json.object();
    }
  }
}
