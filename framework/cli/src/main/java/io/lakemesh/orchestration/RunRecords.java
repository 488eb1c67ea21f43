package io.lakemesh.orchestration;

import io.lakemesh.exceptions.InvalidConfigException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the aws catalog keeps job runs ({@code records.root}), so a scheduler can read a run's
 * record ({@code ROOT/job_runs/RUN_ID.json}, one JSON line with its {@code status}) to tell a
 * rejected batch from a failed job.
 *
 * @param bucket the records bucket
 * @param prefix the key prefix of the records, empty or ending in {@code /}
 */
public record RunRecords(String bucket, String prefix) {
  /** The aws catalog's property that holds the records root. */
  public static final String PROPERTY = "records.root";

  /** The folder of job runs under the records root (the aws backend's {@code AthenaTables}). */
  static final String JOB_RUNS = "job_runs/";

  // Kept to characters States.Format copies as they are (it escapes ' { } and \).
  private static final Pattern SHAPE =
      Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(/[A-Za-z0-9/._=-]*)?");

  public RunRecords {
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      throw new IllegalArgumentException("a records prefix ends with /: " + prefix);
    }
  }

  public static RunRecords parse(String key, String root) {
    Matcher m = SHAPE.matcher(root == null ? "" : root.trim());
    if (!m.matches()) {
      throw new InvalidConfigException(
          key,
          "'"
              + root
              + "' is not the aws catalog's records root, an S3 location"
              + " such as s3://example-governance-records/lakemesh/ (letters, digits and / . _ = - in its path)");
    }
    String path = m.group(2) == null ? "" : m.group(2).replaceAll("^/+", "");
    return new RunRecords(m.group(1), path.isEmpty() || path.endsWith("/") ? path : path + "/");
  }

  /** The key prefix of job run records: a run's record is this, its run id and {@code .json}. */
  String jobRunsPrefix() {
    return prefix + JOB_RUNS;
  }

  /** The key of a job run's record, with {@code {}} where its run id goes (for States.Format). */
  String jobRunKeyTemplate(String runIdTemplate) {
    return jobRunsPrefix() + runIdTemplate + ".json";
  }
}
