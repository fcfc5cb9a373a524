package io.flinkchaos.harness.platform.k8s;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/** Reads regular files out of a {@code .tgz} (a Helm chart archive) with the JDK only. */
final class TarGz {

  private static final int BLOCK = 512;

  private TarGz() {}

  /** The files whose path matches {@code wanted}, by path, in archive order. */
  static Map<String, byte[]> read(Path archive, Predicate<String> wanted) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(Files.newInputStream(archive)))) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      while (true) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          break;
        }
        if (isZero(header)) {
          break;
        }
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        long size =
            Long.parseLong(
                text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
        char type = (char) header[156];
        byte[] data = readData(in, size);
        if (type == 'L') { // GNU long name for the next entry
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (longName != null) {
          name = longName;
          longName = null;
        }
        if ((type == '0' || type == 0) && wanted.test(name)) {
          files.put(name, data);
        }
      }
    }
    return files;
  }

  private static byte[] readData(DataInputStream in, long size) throws IOException {
    byte[] data = new byte[Math.toIntExact(size)];
    in.readFully(data);
    long padding = (BLOCK - size % BLOCK) % BLOCK;
    in.skipNBytes(padding);
    return data;
  }

  private static String text(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
