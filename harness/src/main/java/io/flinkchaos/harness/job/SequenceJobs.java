package io.flinkchaos.harness.job;

import io.flinkchaos.harness.check.KafkaCommittedOutput;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Specs of the fixture sequence job (fixtures/jobs) and its variants. */
public final class SequenceJobs {

  public static final String ENTRY_CLASS = "io.flinkchaos.fixtures.SequenceJob";
  public static final int KEYS = 64;
  public static final int RECORDS_PER_SECOND = 1000;

  /** The name the sequence job gives every operator of its keep-alive branch (--keep-alive-s). */
  public static final String KEEP_ALIVE_BRANCH = "keep-alive";

  private SequenceJobs() {}

  /**
   * A variant of the unbounded sequence job. Records go to {@code outputBase/records}, the in-job
   * witness's violations to {@code outputBase/witness}.
   */
  public static JobSpec spec(
      JobVariant variant,
      Path fixturesJar,
      URI outputBase,
      int parallelism,
      Duration checkpointInterval,
      int recordsPerSecond) {
    URI records = child(outputBase, "records");
    URI witness = child(outputBase, "witness");
    Map<String, String> args = new LinkedHashMap<>();
    args.put("output", records.toString());
    args.put("witness-output", witness.toString());
    args.put("keys", Integer.toString(KEYS));
    args.put("rate", Integer.toString(recordsPerSecond));
    return spec(
        "sequence-job",
        variant,
        fixturesJar,
        args,
        parallelism,
        checkpointInterval,
        new OutputContract(records, KEYS, 0, witness));
  }

  private static JobSpec spec(
      String name,
      JobVariant variant,
      Path fixturesJar,
      Map<String, String> args,
      int parallelism,
      Duration checkpointInterval,
      OutputContract contract) {
    Map<String, String> all = new LinkedHashMap<>(args);
    all.putAll(variant.args());
    return new JobSpec(
        name,
        variant.version(),
        fixturesJar,
        ENTRY_CLASS,
        toArgs(all),
        parallelism,
        JobSpec.checkpointing(checkpointInterval),
        variant.allowNonRestoredState(),
        contract);
  }

  /**
   * A variant of the Kafka pipeline: the job reads {@code inputTopic} (fed by the harness) and
   * writes its lines to {@code outputTopic} with a transactional KafkaSink; the in-job witness's
   * violations go to {@code witnessBase/witness} on the cluster's storage. The output contract's
   * location is the topic, {@code kafka://bootstrap/topic}.
   */
  public static JobSpec kafkaSpec(
      JobVariant variant,
      Path fixturesJar,
      KafkaTopicsOfJob topics,
      URI witnessBase,
      int parallelism,
      Duration checkpointInterval) {
    URI witness = child(witnessBase, "witness");
    Map<String, String> args = new LinkedHashMap<>();
    args.put("kafka-bootstrap", topics.bootstrapServers());
    args.put("input-topic", topics.input());
    args.put("output-topic", topics.output());
    args.put("transactional-id-prefix", topics.output());
    args.put("witness-output", witness.toString());
    args.put("keys", Integer.toString(KEYS));
    return spec(
        "kafka-sequence-job",
        variant,
        fixturesJar,
        args,
        parallelism,
        checkpointInterval,
        new OutputContract(
            KafkaCommittedOutput.location(topics.bootstrapServers(), topics.output()),
            KEYS,
            0,
            witness));
  }

  /** The topics of one Kafka pipeline job. */
  public record KafkaTopicsOfJob(String bootstrapServers, String input, String output) {}

  /**
   * The same job (output, rate, parallelism, configuration) as another variant: the spec an upgrade
   * to that variant deploys.
   */
  public static JobSpec as(JobVariant variant, JobSpec current) {
    Map<String, String> args = parseArgs(current.args());
    JobVariant.VARIANT_ARGS.forEach(args::remove);
    args.putAll(variant.args());
    return new JobSpec(
        current.name(),
        variant.version(),
        current.jar(),
        current.entryClass(),
        toArgs(args),
        current.parallelism(),
        current.flinkConfiguration(),
        variant.allowNonRestoredState(),
        current.output());
  }

  private static URI child(URI base, String name) {
    String text = base.toString();
    return URI.create(text.endsWith("/") ? text + name : text + "/" + name);
  }

  private static List<String> toArgs(Map<String, String> args) {
    List<String> list = new ArrayList<>();
    args.forEach(
        (name, value) -> {
          list.add("--" + name);
          list.add(value);
        });
    return list;
  }

  private static Map<String, String> parseArgs(List<String> args) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      parsed.put(args.get(i).substring(2), args.get(i + 1));
    }
    return parsed;
  }
}
