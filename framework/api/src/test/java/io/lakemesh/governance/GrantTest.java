package io.lakemesh.governance;

import static io.lakemesh.governance.GrantFixtures.grantOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidIdentifierException;
import io.lakemesh.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grants: the permissions they may hold, how they are built, merged and trimmed. */
class GrantTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  void grantsCheckTheirPermissions() {
    Principal p = Principal.parse("marketing");
    assertThatThrownBy(() -> grantOf(p, Resource.table(ORDERS)).grantor(p).build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at least one permission");
    assertThatThrownBy(
            () ->
                grantOf(p, Resource.columns(ORDERS, List.of("a")), Permission.INSERT)
                    .grantor(p)
                    .build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("SELECT only");
    assertThatThrownBy(
            () ->
                grantOf(p, Resource.table(ORDERS), Permission.SELECT)
                    .grantable(Set.of(Permission.ALL))
                    .grantor(p)
                    .build())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("must be among the granted ones");
    Grant all =
        grantOf(p, Resource.table(ORDERS), Permission.ALL)
            .grantable(Set.of(Permission.ALL))
            .grantor(p)
            .build();
    assertThat(all.allows(Permission.DROP)).isTrue();
    assertThat(all.mayGrant(Set.of(Permission.SELECT, Permission.DESCRIBE))).isTrue();
    assertThat(Authorisation.parse("request:42")).isEqualTo(Authorisation.request(42));
    assertThat(Authorisation.grant(7)).hasToString("grant:7");
    assertThatThrownBy(() -> Authorisation.parse("request:-1"))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> Authorisation.parse("ticket:1"))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void aGrantBuiltByNameEqualsTheSameGrantBuiltByPosition() {
    Principal marketing = Principal.parse("marketing");
    Instant expires = Instant.parse("2024-06-01T00:00:00Z");
    Grant byPosition =
        new Grant(
            5,
            "governance",
            marketing,
            Resource.table(ORDERS),
            Set.of(Permission.SELECT, Permission.DESCRIBE),
            Set.of(Permission.SELECT),
            Principal.parse("sales"),
            Authorisation.request(9),
            T,
            expires,
            Grant.ExpiryNotice.EXPIRING);

    Grant byName =
        Grant.builder(
                marketing, Resource.table(ORDERS), Set.of(Permission.SELECT, Permission.DESCRIBE))
            .id(5)
            .catalog("governance")
            .grantable(Set.of(Permission.SELECT))
            .grantor(Principal.parse("sales"))
            .authorisation(Authorisation.request(9))
            .grantedAt(T)
            .expires(expires)
            .notice(Grant.ExpiryNotice.EXPIRING)
            .build();

    assertThat(byName).isEqualTo(byPosition);
    assertThat(byPosition.toBuilder().build()).isEqualTo(byPosition);
    assertThat(byPosition.toBuilder().id(6).build().id()).isEqualTo(6);
    assertThat(byPosition.toBuilder().id(6).build().permissions())
        .containsExactlyInAnyOrder(Permission.SELECT, Permission.DESCRIBE);
    // The builder checks what the constructor checks: no grant without a grantor.
    assertThatThrownBy(() -> byPosition.toBuilder().grantor(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("grantor");
  }

  @Test
  void grantingAgainAddsAndRevokingTrimsTheGrantOption() {
    Principal p = Principal.parse("marketing");
    Principal sales = Principal.parse("sales");
    Grant held =
        grantOf(p, Resource.table(ORDERS), Permission.ALL)
            .id(3)
            .grantable(Set.of(Permission.ALL))
            .grantor(sales)
            .build();
    Grant later =
        grantOf(p, Resource.table(ORDERS), Permission.SELECT)
            .authorisation(Authorisation.request(9))
            .grantedAt(T.plusSeconds(1))
            .build();

    Grant merged = held.mergedWith(later);
    assertThat(merged.id()).isEqualTo(3);
    assertThat(merged.permissions()).containsExactly(Permission.SELECT, Permission.ALL);
    assertThat(merged.grantor()).hasToString("governance");
    assertThat(merged.without(Set.of(Permission.ALL)))
        .hasValueSatisfying(g -> assertThat(g.permissions()).containsExactly(Permission.SELECT))
        .hasValueSatisfying(g -> assertThat(g.grantable()).isEmpty());
    assertThat(held.without(Set.of(Permission.ALL))).isEmpty();
    Grant toSomeoneElse =
        grantOf(sales, Resource.table(ORDERS), Permission.SELECT).grantor(sales).build();
    assertThatThrownBy(() -> held.mergedWith(toSomeoneElse))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
