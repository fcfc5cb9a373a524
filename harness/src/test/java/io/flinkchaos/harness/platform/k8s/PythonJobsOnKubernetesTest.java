package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.job.PythonJobs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A PyFlink job on Kubernetes: the FlinkDeployment the harness writes in application mode, against
 * the fabric8 mock API server with {@link FakeApplicationOperator}, is the operator's
 * examples/flink-python-example shape: the image's Python runner jar as a local:// jarURI, the
 * PythonDriver entry class, {@code -py <script>} before the job's arguments.
 */
@EnableKubernetesMockClient(crud = true)
class PythonJobsOnKubernetesTest {

  static final String CLUSTER = "fc-r260512-143000-test-1";
  static final String DEPLOYMENT = CLUSTER + "-1";
  static final URI OUTPUT = URI.create("s3://flink-chaos/r260512/out/job.py");

  KubernetesMockServer server;
  KubernetesClient client;

  private ApplicationJobs jobs;
  private FakeApplicationOperator operator;

  private final JobSpec python =
      PythonJobs.spec(
          "1.20.3",
          "/opt/flink/usrlib/job.py",
          "--output {output} --keys 64",
          2,
          Duration.ofSeconds(1),
          OUTPUT);

  @BeforeEach
  void setUp() {
    JarDelivery never =
        jar -> {
          throw new AssertionError("the image's Python runner jar is never uploaded: " + jar);
        };
    jobs =
        K8sTestData.applicationJobs(
            client, CLUSTER, (manifests, job) -> manifests.jarUri(job, never), name -> {});
    operator = new FakeApplicationOperator(client, K8sTestData.NAMESPACE);
  }

  @AfterEach
  void tearDown() {
    operator.delete(DEPLOYMENT);
    jobs.close();
  }

  @Test
  void theFlinkDeploymentRunsTheImagesPythonRunnerWithThePyArguments() {
    CompletableFuture<Void> fake = operator.runningOnceCreated(DEPLOYMENT, SessionJobsTest.JOB_A);
    jobs.deploy(python, null);
    fake.join();

    GenericKubernetesResource deployment =
        FlinkResources.deployments(client)
            .inNamespace(K8sTestData.NAMESPACE)
            .withName(DEPLOYMENT)
            .get();
    var root = deployment.getAdditionalProperties();
    assertThat(Tree.string(root, "spec", "job", "jarURI"))
        .isEqualTo("local:///opt/flink/opt/flink-python-1.20.3.jar");
    assertThat(Tree.string(root, "spec", "job", "entryClass"))
        .isEqualTo("org.apache.flink.client.python.PythonDriver");
    assertThat(Tree.get(root, "spec", "job", "args"))
        .isEqualTo(
            List.of(
                "-py", "/opt/flink/usrlib/job.py", "--output", OUTPUT.toString(), "--keys", "64"));
    assertThat(Tree.string(root, "spec", "job", "parallelism")).isEqualTo("2");
  }

  @Test
  void aSessionJobCannotRunTheImagesRunnerAndSaysSoInOneLine() {
    FlinkManifests session = new FlinkManifests(K8sTestData.settings(), K8sTestData.RUN.labels());

    assertThatThrownBy(() -> session.jarUri(python, jar -> "http://never"))
        .hasMessageContaining("a FlinkSessionJob's local:// jarURI is read in the operator's pod")
        .hasMessageNotContaining("\n");
  }

  @Test
  void theScriptMustBeAnAbsolutePathInTheImage() {
    assertThatThrownBy(
            () -> PythonJobs.spec("1.20.3", "job.py", "", 1, Duration.ofSeconds(1), OUTPUT))
        .hasMessage(
            "Python job job.py is not an absolute path to a .py file: name the script's path in"
                + " your image, e.g. /opt/flink/usrlib/job.py");
  }
}
