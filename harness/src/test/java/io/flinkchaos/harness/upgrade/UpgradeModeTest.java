package io.flinkchaos.harness.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UpgradeModeTest {

  @Test
  void readsTheOperatorsSpellingAndItsEnumName() {
    assertThat(UpgradeMode.fromLabel("last-state")).isEqualTo(UpgradeMode.LAST_STATE);
    assertThat(UpgradeMode.fromLabel(" LAST_STATE ")).isEqualTo(UpgradeMode.LAST_STATE);
    assertThat(UpgradeMode.fromLabel("savepoint")).isEqualTo(UpgradeMode.SAVEPOINT);
    assertThat(UpgradeMode.SAVEPOINT.toString()).isEqualTo("savepoint");
  }

  @Test
  void anUnknownModeNamesTheOnesThatExist() {
    assertThatThrownBy(() -> UpgradeMode.fromLabel("rolling"))
        .hasMessage("unknown upgrade mode 'rolling': use stateless, savepoint or last-state");
  }
}
