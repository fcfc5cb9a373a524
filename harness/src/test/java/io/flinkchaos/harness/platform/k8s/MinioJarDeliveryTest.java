package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinioJarDeliveryTest {

  @Test
  void bucketPolicyAllowsAnonymousGetOnTheJarsPrefixOnly() {
    @SuppressWarnings("unchecked")
    Map<String, Object> policy =
        Serialization.unmarshal(MinioJarDelivery.anonymousReadPolicy("flink-chaos"), Map.class);

    @SuppressWarnings("unchecked")
    Map<String, Object> statement = ((List<Map<String, Object>>) policy.get("Statement")).get(0);
    assertThat(statement)
        .containsEntry("Effect", "Allow")
        .containsEntry("Action", List.of("s3:GetObject"))
        .containsEntry("Resource", List.of("arn:aws:s3:::flink-chaos/jars/*"));
  }

  @Test
  void jarUriIsThePathStyleUrlOfTheInClusterService() {
    assertThat(
            MinioJarDelivery.jarUri(
                URI.create("http://minio.chaos-test.svc:9000/"),
                "flink-chaos",
                "jars/0123456789abcdef-flink-chaos-fixture-jobs.jar"))
        .isEqualTo(
            "http://minio.chaos-test.svc:9000/flink-chaos/jars/"
                + "0123456789abcdef-flink-chaos-fixture-jobs.jar");
  }
}
