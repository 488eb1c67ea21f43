package io.lakemesh.catalog.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.LfTag;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lakeformation.model.CreateLfTagRequest;
import software.amazon.awssdk.services.lakeformation.model.UpdateLfTagRequest;

/**
 * Lake Formation takes at most 50 values of an LF-tag in one call and keeps at most 1,000: a tag
 * with more than 50 is created with 50 and completed in batches, one with more than 1,000 is
 * refused before anything is defined.
 */
class LakeFormationTagLimitsTest extends LoopbackTestBase {
  @Test
  void aTagOfMoreThanFiftyValuesIsCreatedWithFiftyAndCompletedInBatchesOfFifty() {
    List<String> values = values(120);

    catalog.createTag("governance", LfTag.of("region", values));

    assertThat(recorded.names())
        .containsExactly(
            "LakeFormation GetLFTag",
            "LakeFormation CreateLFTag",
            "LakeFormation UpdateLFTag",
            "LakeFormation UpdateLFTag");
    CreateLfTagRequest create =
        recorded.of("LakeFormation", "CreateLFTag").get(0).as(CreateLfTagRequest.class);
    assertThat(create.tagValues()).hasSize(50).startsWith("v0001").endsWith("v0050");
    List<UpdateLfTagRequest> updates =
        recorded.of("LakeFormation", "UpdateLFTag").stream()
            .map(r -> r.as(UpdateLfTagRequest.class))
            .toList();
    assertThat(updates.get(0).tagKey()).isEqualTo("region");
    assertThat(updates.get(0).tagValuesToAdd()).hasSize(50).startsWith("v0051").endsWith("v0100");
    assertThat(updates.get(1).tagValuesToAdd()).hasSize(20).startsWith("v0101").endsWith("v0120");
    assertThat(catalog.findTag("governance", "region").orElseThrow().allowedValues())
        .hasSize(120)
        .containsAll(values);
  }

  @Test
  void aTagOfExactlyAThousandValuesIsDefinedWhole() {
    catalog.createTag("governance", LfTag.of("region", values(1000)));

    assertThat(recorded.of("LakeFormation", "UpdateLFTag")).hasSize(19);
    assertThat(catalog.findTag("governance", "region").orElseThrow().allowedValues()).hasSize(1000);
  }

  @Test
  void aTagOfMoreThanAThousandValuesIsRefusedBeforeAnythingIsDefined() {
    assertThatThrownBy(() -> catalog.createTag("governance", LfTag.of("region", values(1001))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("LF-tag region in catalog governance has 1001 values")
        .hasMessageContaining("at most 1000 values per LF-tag")
        .hasMessageContaining("define fewer values, or split them over several keys");

    assertThat(recorded.names()).isEmpty();
    assertThat(catalog.findTag("governance", "region")).isEmpty();
  }

  private static List<String> values(int count) {
    List<String> values = new ArrayList<>();
    IntStream.rangeClosed(1, count).forEach(i -> values.add(String.format("v%04d", i)));
    return values;
  }
}
