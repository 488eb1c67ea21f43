package io.lakemesh.catalog.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ram.model.ResourceShareInvitation;
import software.amazon.awssdk.services.ram.model.ResourceShareInvitationStatus;

/**
 * Accepts the resource shares Lake Formation creates when it grants across accounts. A consumer
 * sees a shared database or table, and can link to it, only once it has accepted the share's
 * invitation (unless both accounts are in one AWS Organization that shares automatically).
 */
final class RamInvitations {
  private final AwsClients clients;

  RamInvitations(AwsClients clients) {
    this.clients = clients;
  }

  /**
   * Accepts the consumer's pending invitations sent by any of {@code senders} (AWS account ids);
   * returns the names of the shares accepted.
   */
  List<String> acceptFrom(AwsAccount consumer, Set<String> senders) {
    List<ResourceShareInvitation> pending =
        clients
            .call(
                consumer,
                "ram:GetResourceShareInvitations",
                "invitations to " + consumer.awsAccountId())
            .run(
                () ->
                    clients
                        .ram(consumer)
                        .getResourceShareInvitationsPaginator(r -> r.maxResults(100))
                        .stream()
                        .flatMap(page -> page.resourceShareInvitations().stream())
                        .filter(i -> i.status() == ResourceShareInvitationStatus.PENDING)
                        .filter(i -> senders.contains(i.senderAccountId()))
                        .toList());
    List<String> accepted = new ArrayList<>();
    for (ResourceShareInvitation invitation : pending) {
      clients
          .call(
              consumer,
              "ram:AcceptResourceShareInvitation",
              invitation.resourceShareInvitationArn())
          .unless(
              () ->
                  clients
                      .ram(consumer)
                      .acceptResourceShareInvitation(
                          r ->
                              r.resourceShareInvitationArn(
                                  invitation.resourceShareInvitationArn())),
              // Accepted meanwhile by another run, or by the organisation: the share is usable.
              "ResourceShareInvitationAlreadyAcceptedException")
          .ifPresent(r -> accepted.add(invitation.resourceShareName()));
    }
    return accepted;
  }
}
