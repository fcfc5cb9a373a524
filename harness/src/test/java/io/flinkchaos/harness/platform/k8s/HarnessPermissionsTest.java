package io.flinkchaos.harness.platform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** fixtures/k8s/rbac.yaml grants every permission the code lists, and no more. */
class HarnessPermissionsTest {

  private static List<HasMetadata> rbac() throws IOException {
    try (InputStream in =
        HarnessPermissionsTest.class.getClassLoader().getResourceAsStream("k8s/rbac.yaml")) {
      assertThat(in)
          .as("k8s/rbac.yaml on the test classpath (copied from fixtures/k8s)")
          .isNotNull();
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<HasMetadata> objects = new ArrayList<>();
      for (String doc : yaml.split("(?m)^---\\s*$")) {
        if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
          objects.add(Serialization.unmarshal(doc, HasMetadata.class));
        }
      }
      return objects;
    }
  }

  private static List<String> grants(List<PolicyRule> rules) {
    List<String> grants = new ArrayList<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            grants.add(group + "/" + resource + ":" + verb);
          }
        }
      }
    }
    return grants;
  }

  private static List<String> needed(boolean clusterScoped) {
    return HarnessPermissions.RULES.stream()
        .filter(r -> r.clusterScoped() == clusterScoped)
        .flatMap(r -> r.verbs().stream().map(v -> r.apiGroup() + "/" + r.resource() + ":" + v))
        .toList();
  }

  @Test
  void theRoleAndClusterRoleGrantExactlyWhatTheCodeNeeds() throws IOException {
    List<HasMetadata> objects = rbac();
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactly(
            "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
    Role role = (Role) objects.get(1);
    ClusterRole clusterRole = (ClusterRole) objects.get(3);

    assertThat(grants(role.getRules())).containsExactlyInAnyOrderElementsOf(needed(false));
    assertThat(grants(clusterRole.getRules())).containsExactlyInAnyOrderElementsOf(needed(true));
  }

  @Test
  void theBindingsGiveThemToTheServiceAccountInTheSameNamespace() throws IOException {
    List<HasMetadata> objects = rbac();
    String yaml = Serialization.asYaml(objects);
    assertThat(objects.get(0).getMetadata().getNamespace()).isEqualTo("flink-chaos");
    assertThat(Arrays.stream(yaml.split("\n")).filter(l -> l.contains("namespace: ")))
        .allMatch(
            l ->
                l.trim().equals("namespace: \"flink-chaos\"")
                    || l.trim().equals("namespace: flink-chaos"));
  }
}
