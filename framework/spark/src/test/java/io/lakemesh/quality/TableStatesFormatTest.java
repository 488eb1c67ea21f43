package io.lakemesh.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.MaxState;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.MeanState;
import com.amazon.deequ.analyzers.MinState;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.NumMatches;
import com.amazon.deequ.analyzers.NumMatchesAndCount;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.StandardDeviation;
import com.amazon.deequ.analyzers.StandardDeviationState;
import com.amazon.deequ.analyzers.Sum;
import com.amazon.deequ.analyzers.SumState;
import com.amazon.deequ.analyzers.Uniqueness;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * Pins the stored format of the quality gate's states (one file per snapshot, kept across versions
 * of lakemesh): the document a known set of states is written as, and what is read back from that
 * text. A change to the format must come with a new format number, never silently.
 */
class TableStatesFormatTest {
  private static final Completeness COUNTRY_COMPLETE =
      new Completeness("country", Option.empty(), Option.empty());
  private static final Maximum LATEST_ORDER =
      new Maximum("order_ts", Option.empty(), Option.empty());
  private static final Maximum MOST_UNITS = new Maximum("quantity", Option.empty(), Option.empty());
  private static final Minimum FEWEST_UNITS =
      new Minimum("quantity", Option.empty(), Option.empty());
  private static final Mean MEAN_PRICE = new Mean("unit_price", Option.empty());
  private static final Size SIZE = new Size(Option.empty());
  private static final StandardDeviation UNITS_SPREAD =
      new StandardDeviation("quantity", Option.empty());
  private static final Sum REVENUE = new Sum("amount", Option.empty());
  private static final Uniqueness ORDER_ID_UNIQUE =
      new Uniqueness(Scala.seq(List.of("order_id")), Option.empty(), Option.empty());

  private static final String STORED =
      """
      {
        "format" : 1,
        "states" : {
          "Completeness(country,None,None)" : {
            "type" : "NumMatchesAndCount",
            "matches" : 498,
            "count" : 500
          },
          "Maximum(order_ts,None,None)" : null,
          "Maximum(quantity,None,None)" : {
            "type" : "MaxState",
            "value" : 9.0
          },
          "Mean(unit_price,None)" : {
            "type" : "MeanState",
            "sum" : 2500.25,
            "count" : 500
          },
          "Minimum(quantity,None,None)" : {
            "type" : "MinState",
            "value" : 1.0
          },
          "Size(None)" : {
            "type" : "NumMatches",
            "matches" : 500
          },
          "StandardDeviation(quantity,None)" : {
            "type" : "StandardDeviationState",
            "n" : 500.0,
            "avg" : 3.5,
            "m2" : 1234.5
          },
          "Sum(amount,None)" : {
            "type" : "SumState",
            "sum" : 12345.5
          }
        },
        "keys" : {
          "Uniqueness(List(order_id),None,None)" : {
            "unique" : true,
            "empty" : false
          }
        }
      }""";

  @Test
  void knownStatesAreWrittenAsTheStoredDocument() {
    TableStates states = TableStates.empty();
    states.persist(SIZE, new NumMatches(500));
    states.persist(COUNTRY_COMPLETE, new NumMatchesAndCount(498, 500, Option.empty()));
    states.persist(FEWEST_UNITS, new MinState(1.0, Option.empty()));
    states.persist(MOST_UNITS, new MaxState(9.0, Option.empty()));
    states.persist(REVENUE, new SumState(12345.5));
    states.persist(MEAN_PRICE, new MeanState(2500.25, 500));
    states.persist(UNITS_SPREAD, new StandardDeviationState(500, 3.5, 1234.5));
    states.cover(LATEST_ORDER); // measured over no rows: known to have no state
    states.key(ORDER_ID_UNIQUE, new TableStates.KeyState(true, false));

    assertThat(states.toJson().replace("\r\n", "\n")).isEqualTo(STORED);
  }

  @Test
  void theStoredDocumentReadsBackAsTheSameStates() {
    TableStates read = TableStates.fromJson(STORED);

    assertThat(read.load(SIZE).get()).isEqualTo(new NumMatches(500));
    assertThat(read.load(COUNTRY_COMPLETE).get())
        .isEqualTo(new NumMatchesAndCount(498, 500, Option.empty()));
    assertThat(read.load(FEWEST_UNITS).get()).isEqualTo(new MinState(1.0, Option.empty()));
    assertThat(read.load(MOST_UNITS).get()).isEqualTo(new MaxState(9.0, Option.empty()));
    assertThat(read.load(REVENUE).get()).isEqualTo(new SumState(12345.5));
    assertThat(read.load(MEAN_PRICE).get()).isEqualTo(new MeanState(2500.25, 500));
    assertThat(read.load(UNITS_SPREAD).get())
        .isEqualTo(new StandardDeviationState(500, 3.5, 1234.5));
    assertThat(read.load(LATEST_ORDER).isEmpty()).isTrue();
    assertThat(
            read.covers(
                List.of(
                    SIZE,
                    COUNTRY_COMPLETE,
                    FEWEST_UNITS,
                    MOST_UNITS,
                    REVENUE,
                    MEAN_PRICE,
                    UNITS_SPREAD,
                    LATEST_ORDER)))
        .isTrue();
    assertThat(read.key(ORDER_ID_UNIQUE)).contains(new TableStates.KeyState(true, false));
  }

  @Test
  void aDocumentOfAnotherFormatHoldsNoState() {
    TableStates read = TableStates.fromJson(STORED.replace("\"format\" : 1", "\"format\" : 2"));

    assertThat(read.covers(List.of(SIZE))).isFalse();
    assertThat(read.key(ORDER_ID_UNIQUE)).isEmpty();
  }
}
