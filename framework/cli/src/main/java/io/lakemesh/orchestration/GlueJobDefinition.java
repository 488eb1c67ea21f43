package io.lakemesh.orchestration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.exceptions.InvalidConfigException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Glue {@code CreateJob} request that runs one product with the job jar ("CreateJob action",
 * "Using job parameters in AWS Glue jobs").
 *
 * <p>Only AWS Glue 5.1 runs the jar as built: Spark 3.5.6 (the jar is compiled against Spark 3.5
 * and Scala 2.12), Iceberg 1.10.0 and Java 17 ("AWS Glue versions", "Migrating AWS Glue for Spark
 * jobs to AWS Glue version 5.1"). The job is a Scala job whose script only hands Glue's arguments
 * to {@code io.lakemesh.cli.GlueJob}; the jar comes in with {@code --extra-jars} and goes first on
 * the classpath ({@code --user-jars-first}) so its Iceberg, AWS SDK and Jackson win over Glue's. No
 * {@code --datalake-formats}: that would put Glue's own Iceberg beside the jar's. The config
 * travels with {@code --extra-files}, which Glue copies to the driver's working directory, and
 * names its accounts' roles only: a Glue job has no {@code ~/.aws/config}, so a profile cannot
 * resolve.
 *
 * @param jobPrefix Glue job names are this and {@code domain-name}
 * @param roleArn the IAM role the Glue job runs as (it assumes the accounts' roles)
 * @param jar S3 location of {@code lakemesh-jobs.jar}
 * @param script S3 location of {@code jobs/glue/LakemeshGlueJob.scala}
 * @param config S3 location of the role-only config
 * @param includes S3 locations of the files the config includes by name (such as {@code
 *     mesh.conf}): Glue puts them beside it
 * @param workers number of G.1X workers
 * @param timeoutMinutes Glue's job timeout
 */
public record GlueJobDefinition(
    String jobPrefix,
    String roleArn,
    String jar,
    String script,
    String config,
    List<String> includes,
    int workers,
    int timeoutMinutes) {
  public static final String GLUE_VERSION = "5.1";

  /** The object in {@code jobs/glue/LakemeshGlueJob.scala}: Glue compiles it and runs its main. */
  public static final String SCRIPT_CLASS = "LakemeshGlueJob";

  // One object: --extra-files and --extra-jars separate several with commas.
  private static final Pattern OBJECT =
      Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^,]+");

  public GlueJobDefinition {
    s3(jar, "--jar", ".jar");
    s3(script, "--script", ".scala");
    s3(config, "--job-config", ".conf");
    includes = List.copyOf(includes);
    includes.forEach(file -> s3(file, "--job-file", ".conf"));
    if (roleArn == null || !roleArn.matches("arn:aws[a-z-]*:iam::\\d{12}:role/.+")) {
      throw new InvalidConfigException(
          "--role-arn",
          "--role-arn: '"
              + roleArn
              + "' is not an IAM role ARN such as"
              + " arn:aws:iam::111122223333:role/lakemesh-glue-job (the role the Glue job runs as)");
    }
    if (workers < 2) {
      throw new InvalidConfigException(
          "--workers", "--workers: a Glue Spark job has at least 2 workers, not " + workers);
    }
    if (timeoutMinutes < 1) {
      throw new InvalidConfigException(
          "--timeout-minutes",
          "--timeout-minutes: a job timeout is at least 1 minute, not " + timeoutMinutes);
    }
  }

  /**
   * Refuses a config a Glue job cannot use: not the aws catalog, or an account that names a
   * profile. {@code catalogProperties} are the config's {@code lakemesh.catalog} keys, dotted.
   */
  public static void checkShippable(String catalogType, Map<String, String> catalogProperties) {
    if (!"aws".equals(catalogType)) {
      throw new InvalidConfigException(
          "lakemesh.catalog.type",
          "a Glue job keeps its catalog on AWS, but this"
              + " config's catalog is '"
              + catalogType
              + "': pass --config with the aws catalog (see conf/aws.conf)");
    }
    for (Map.Entry<String, String> e : new TreeMap<>(catalogProperties).entrySet()) {
      if (e.getKey().startsWith("accounts.")
          && e.getKey().matches("accounts\\.[^.]+\\.(source-)?profile")) {
        String account = e.getKey().split("\\.")[1];
        throw new InvalidConfigException(
            "lakemesh.catalog." + e.getKey(),
            "account "
                + account
                + " names the"
                + " profile '"
                + e.getValue()
                + "', which a Glue job cannot resolve (it has no ~/.aws/config): in the"
                + " config shipped to Glue, remove lakemesh.catalog."
                + e.getKey()
                + " and set lakemesh.catalog.accounts."
                + account
                + ".role-arn to a role the Glue job's role may assume");
      }
    }
  }

  /** The request for one product's job. */
  public ObjectNode createJob(String product) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    request.put("Name", ProductGraph.jobName(jobPrefix, product));
    request.put("Description", "lakemesh: runs product " + product);
    request.put("Role", roleArn);
    request.put("GlueVersion", GLUE_VERSION);
    ObjectNode command = request.putObject("Command");
    command.put("Name", "glueetl");
    command.put("ScriptLocation", script);
    ObjectNode arguments = request.putObject("DefaultArguments");
    arguments.put("--job-language", "scala");
    arguments.put("--class", SCRIPT_CLASS);
    arguments.put("--extra-jars", jar);
    arguments.put("--user-jars-first", "true");
    arguments.put(
        "--extra-files",
        String.join(",", Stream.concat(Stream.of(config), includes.stream()).toList()));
    arguments.put("--config", config.substring(config.lastIndexOf('/') + 1));
    arguments.put("--product", product);
    request.put("WorkerType", "G.1X");
    request.put("NumberOfWorkers", workers);
    request.put("Timeout", timeoutMinutes);
    // A run that failed is not run again by Glue: the scheduler decides (a rejection is final).
    request.put("MaxRetries", 0);
    request.putObject("ExecutionProperty").put("MaxConcurrentRuns", 1);
    request.putObject("Tags").put("lakemesh:product", product);
    return request;
  }

  private static void s3(String location, String option, String suffix) {
    if (location == null || !OBJECT.matcher(location).matches() || !location.endsWith(suffix)) {
      throw new InvalidConfigException(
          option,
          option
              + ": '"
              + location
              + "' is not an S3 object location ending in "
              + suffix
              + " (such as s3://example-artifacts/lakemesh/file"
              + suffix
              + ")");
    }
  }
}
