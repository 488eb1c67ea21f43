// The script of lakemesh's Glue jobs (see `bin/lakemesh orchestrate glue-job`). Glue compiles a
// Scala job's script and runs the main of its --class; the work is in the job jar (--extra-jars).
object LakemeshGlueJob {
  def main(args: Array[String]): Unit = io.lakemesh.cli.GlueJob.main(args)
}
