package io.flinkchaos.harness.platform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flinkchaos.harness.job.DeployedJob;
import io.flinkchaos.harness.job.JobSpec;
import io.flinkchaos.harness.platform.JobLifecycle;
import java.util.List;

/**
 * The jobs of one Kubernetes cluster as the operator's resources: FlinkSessionJobs in a session
 * cluster ({@link SessionJobs}), or one application FlinkDeployment per job ({@link
 * ApplicationJobs}).
 */
interface ClusterJobs extends JobLifecycle, AutoCloseable {

  /** Deploys {@code job}, from {@code restorePath} (null: fresh), and waits until it runs. */
  DeployedJob deploy(JobSpec job, String restorePath);

  /** Cancels {@code job} by deleting its resource, and waits until the operator removed it. */
  void cancel(DeployedJob job);

  /** FlinkSessionJob or FlinkDeployment: the kind of resource a job is. */
  String kind();

  /** The names of the resources running or holding this cluster's jobs, for evidence. */
  List<String> names();

  Resource<GenericKubernetesResource> resource(String name);

  /** Every status change the operator wrote on them, one line each. */
  List<String> transitions();

  @Override
  void close();
}
