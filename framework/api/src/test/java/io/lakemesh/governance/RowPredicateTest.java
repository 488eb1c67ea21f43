package io.lakemesh.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.exceptions.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowPredicateTest {
  private static final List<String> COLUMNS =
      List.of("order_id", "customer_id", "amount", "country", "order_ts");

  @Test
  void namesAreTheColumnsItUsesInOrder() {
    assertThat(RowPredicate.columnsOf("country = 'US' AND amount > 10", COLUMNS, "f"))
        .containsExactly("country", "amount");
    assertThat(
            RowPredicate.columnsOf(
                "upper(\"Country\") IN ('US', 'CA') OR `amount` BETWEEN 1e3 AND 2.5", COLUMNS, "f"))
        .containsExactly("country", "amount");
    assertThat(
            RowPredicate.columnsOf(
                "order_ts >= TIMESTAMP '2026-01-01 00:00:00' AND customer_id IS NOT NULL",
                COLUMNS,
                "f"))
        .containsExactly("order_ts", "customer_id");
  }

  @Test
  void wordsInsideLiteralsAreNotNames() {
    assertThat(RowPredicate.columnsOf("country <> 'region; -- or SELECT it''s'", COLUMNS, "f"))
        .containsExactly("country");
  }

  @Test
  void whatIsNotOnePredicateOverTheColumnsIsRefusedWithItsReason() {
    refused("region = 'EU'", "it names region, which is not a column of the table");
    refused("TRUE", "it names no column");
    refused("country = 'US'; DELETE FROM orders", "no ';'");
    refused("country = 'US' -- all", "no comment");
    refused("country = 'US' /* all */", "no comment");
    refused("amount IN (SELECT amount FROM other)", "not a query (no SELECT)");
    refused("(country = 'US'", "a '(' is never closed");
    refused("country = 'US')", "a ')' closes no '('");
    refused("country = \"US", "a \" is never closed");
  }

  private static void refused(String predicate, String why) {
    assertThatThrownBy(() -> RowPredicate.columnsOf(predicate, COLUMNS, "data filter f on t"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("the row filter of data filter f on t is not valid: ")
        .hasMessageContaining(why);
  }
}
