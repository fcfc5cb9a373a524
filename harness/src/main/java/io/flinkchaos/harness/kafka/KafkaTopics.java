package io.flinkchaos.harness.kafka;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the Kafka pipeline's topics, with as many partitions as asked, before the job starts. */
public final class KafkaTopics {

  static final long TIMEOUT_SECONDS = 30;

  private KafkaTopics() {}

  public static void create(String bootstrapServers, int partitions, List<String> topics) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    try (Admin admin = Admin.create(config)) {
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not create Kafka topics "
              + topics
              + " at "
              + bootstrapServers
              + " within "
              + TIMEOUT_SECONDS
              + " s: "
              + (e.getCause() == null ? e : e.getCause()).getMessage()
              + "; check that the broker runs and accepts topic creation",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating Kafka topics " + topics, e);
    }
  }
}
