package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Glue hands the job its own arguments too; the job takes what it needs and ignores the rest. */
class GlueJobTest {
  @Test
  void glueArgumentsBecomeARunAndTheRestIsIgnored() {
    String[] glue = {"--JOB_NAME", "lakemesh-sales-orders", "--TempDir", "s3://tmp/x", "--product", "sales.orders",
        "--job-bookmark-option", "job-bookmark-disable", "--home", "/mnt/mesh", "--enable-metrics"};
    assertThat(GlueJob.cliArguments(GlueJob.parse(glue))).containsExactly("run", "sales.orders", "--home", "/mnt/mesh");
  }

  @Test
  void aMissingProductIsAClearError() {
    assertThatThrownBy(() -> GlueJob.cliArguments(GlueJob.parse(new String[] {"--JOB_NAME", "x"})))
        .hasMessageContaining("--product");
  }

  @Test
  void aRejectionIsNamedSoTheStateMachineCanTellItApart() {
    assertThat(GlueJob.failure(3)).startsWith("lakemesh.QualityGateRejected");
    assertThat(GlueJob.failure(1)).doesNotContain("QualityGateRejected").contains("exit code 1");
    assertThat(List.of(GlueJob.failure(2))).allMatch(m -> m.contains("exit code 2"));
  }
}
