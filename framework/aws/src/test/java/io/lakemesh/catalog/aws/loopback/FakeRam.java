package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.List;

/**
 * RAM's invitation API (REST-JSON, lower-case paths). Invitations are what Lake Formation would
 * send on a cross-account grant; a test adds them.
 */
public final class FakeRam implements LoopbackAws.Handler {
  private final List<ObjectNode> invitations = new ArrayList<>();

  /** A pending invitation from {@code sender} to {@code receiver}; returns its ARN. */
  public synchronized String invite(String sender, String receiver, String shareName) {
    String arn =
        "arn:aws:ram:eu-west-1:" + sender + ":resource-share-invitation/" + shareName.toLowerCase();
    invitations.add(
        LoopbackAws.JSON
            .createObjectNode()
            .put("resourceShareInvitationArn", arn)
            .put("resourceShareName", shareName)
            .put(
                "resourceShareArn",
                "arn:aws:ram:eu-west-1:" + sender + ":resource-share/" + shareName.toLowerCase())
            .put("senderAccountId", sender)
            .put("receiverAccountId", receiver)
            .put("invitationTimestamp", 1.7145576E9)
            .put("status", "PENDING"));
    return arn;
  }

  public synchronized String status(String arn) {
    return invitations.stream()
        .filter(i -> i.get("resourceShareInvitationArn").asText().equals(arn))
        .findFirst()
        .map(i -> i.get("status").asText())
        .orElse("NONE");
  }

  @Override
  public String operation(HttpExchange exchange, String body) {
    return exchange.getRequestURI().getPath().substring(1);
  }

  @Override
  public synchronized LoopbackAws.Answer handle(LoopbackAws.Request request) {
    ObjectNode out = LoopbackAws.JSON.createObjectNode();
    switch (request.operation()) {
      case "getresourceshareinvitations" -> {
        ArrayNode list = out.putArray("resourceShareInvitations");
        invitations.stream()
            .filter(i -> i.get("receiverAccountId").asText().equals(request.account()))
            .forEach(list::add);
      }
      case "acceptresourceshareinvitation" -> {
        String arn = request.json().get("resourceShareInvitationArn").asText();
        ObjectNode invitation =
            invitations.stream()
                .filter(i -> i.get("resourceShareInvitationArn").asText().equals(arn))
                .findFirst()
                .orElseThrow(
                    () ->
                        LoopbackAws.AwsFault.json(
                            "UnknownResourceException", "no invitation " + arn));
        if (!"PENDING".equals(invitation.get("status").asText())) {
          throw LoopbackAws.AwsFault.json(
              "ResourceShareInvitationAlreadyAcceptedException", "already accepted");
        }
        invitation.put("status", "ACCEPTED");
        out.set("resourceShareInvitation", invitation);
      }
      default ->
          throw LoopbackAws.AwsFault.json(
              "InvalidParameterException", "operation not served: " + request.operation());
    }
    return LoopbackAws.json(out);
  }
}
