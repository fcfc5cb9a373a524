package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import io.flinkchaos.harness.platform.ControlPlane;
import io.flinkchaos.harness.platform.FlinkProcess;
import io.flinkchaos.harness.platform.MissingCapabilityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator and the kubelet around a session cluster: the operator's pod deleted, {@code kill 1}
 * in the JobManager's main container, and the operator upgraded by the platform that installed it.
 */
final class KubernetesControlPlane implements ControlPlane {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesControlPlane.class);

  private final ClusterPods pods;
  private final Duration execTimeout;
  private final UnaryOperator<String> operatorUpgrade;
  private final Optional<String> noOperator;

  /**
   * @param execTimeout how long {@code kill 1} may take
   * @param operatorUpgrade upgrades the operator to a version and returns the one it replaced (the
   *     platform owns its installation)
   */
  KubernetesControlPlane(
      ClusterPods pods, Duration execTimeout, UnaryOperator<String> operatorUpgrade) {
    this.pods = pods;
    this.execTimeout = execTimeout;
    this.operatorUpgrade = operatorUpgrade;
    this.noOperator = Optional.empty();
  }

  /**
   * A cluster no operator runs (standalone Flink on Kubernetes): only the kubelet is there; the
   * operator's steps skip with {@code why}.
   */
  KubernetesControlPlane(ClusterPods pods, Duration execTimeout, String why) {
    this.pods = pods;
    this.execTimeout = execTimeout;
    this.operatorUpgrade =
        version -> {
          throw new MissingCapabilityException(why);
        };
    this.noOperator = Optional.of(why);
  }

  @Override
  public void killOperator() {
    if (noOperator.isPresent()) {
      throw new MissingCapabilityException(noOperator.get());
    }
    List<Pod> operators = pods.operators();
    if (operators.isEmpty()) {
      throw new IllegalStateException(
          "no operator pod in namespace "
              + pods.operatorNamespace()
              + " with label "
              + ClusterPods.OPERATOR_POD_LABEL
              + "="
              + ClusterPods.OPERATOR_POD_LABEL_VALUE);
    }
    operators.forEach(pod -> pods.deleteNow(pod, "operator"));
  }

  /** SIGTERM to PID 1 of the JobManager's main container, bounded by {@code execTimeout}. */
  @Override
  public void killJobManagerProcess() {
    String pod = pods.jobManager().getMetadata().getName();
    String container = pods.mainContainer(FlinkProcess.Role.JOB_MANAGER);
    LOG.info("kill 1 in {}/{} ({})", pods.namespace(), pod, container);
    // the shell's builtin: the Flink image may lack /bin/kill, and the operator's own HA e2e test
    // runs `sh -c "kill 1"` in flink-main-container (notes/flink-operator.md)
    new KubernetesPodExec(pods.client(), pods.namespace())
        .run(pod, container, List.of("sh", "-c", "kill 1"), execTimeout);
  }

  @Override
  public String upgradeOperator(String version) {
    return operatorUpgrade.apply(version);
  }
}
