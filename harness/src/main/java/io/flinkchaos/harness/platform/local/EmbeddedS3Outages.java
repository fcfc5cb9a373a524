package io.flinkchaos.harness.platform.local;

import io.flinkchaos.harness.platform.StorageOutages;

/**
 * Outages of the embedded object store: s3proxy frozen (SIGSTOP: requests hang, its in-memory data
 * stays), or the proxy in front of it refusing. s3proxy is never restarted: its transient store
 * would lose every checkpoint.
 */
final class EmbeddedS3Outages implements StorageOutages {

  private final S3ProxyServer server;
  private final OutageProxy proxy;

  EmbeddedS3Outages(S3ProxyServer server, OutageProxy proxy) {
    this.server = server;
    this.proxy = proxy;
  }

  @Override
  public void stopAnswering() {
    server.freeze();
  }

  @Override
  public void refuseConnections() {
    proxy.refuse();
  }

  @Override
  public void restore() {
    server.thaw();
    proxy.accept();
  }

  @Override
  public String toString() {
    return "s3proxy (pid " + server.pid() + ") behind " + proxy;
  }
}
