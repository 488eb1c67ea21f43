package io.lakemesh.runtime;

import java.util.OptionalLong;

/**
 * What a run will take, told before Spark starts ({@link ProducerJob#outlook}).
 *
 * @param published its batch is published already: the run completes without Spark
 * @param bytesToRead the bytes of its file sources, plus the table's data files for a merge; empty
 *     when not known without Spark (a JDBC or product source, files Hadoop could not list here)
 */
public record RunOutlook(boolean published, OptionalLong bytesToRead) {}
