package org.ferry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Metadata that describes the model, and verify rows recomputed on load. */
class VerifyTest {

  private static final double[] VERIFY_ROW = {1.25, 3.0};  // what make_test_artifacts stores

  @Test
  void metadataDescribesTheModel() {
    try (Pipeline p = Pipeline.load(TestFiles.generated("verified.ferry"))) {
      Map<String, String> m = p.metadata();
      assertEquals("0.75", m.get("metric.accuracy"));
      assertEquals("1", m.get("verify_rows"));
      assertEquals("40", m.get("column.x1.count"));
      assertEquals("0", m.get("column.x1.missing"));
      assertEquals(32, p.modelId().length());
      assertTrue(p.modelId().matches("[0-9a-f]{32}"));
      assertDoesNotThrow(p::verify);
      // Saved twice from one fit, with and without metadata: one model id.
      try (Pipeline plain = Pipeline.load(TestFiles.generated("nonnull_bool.ferry"))) {
        assertEquals(plain.modelId(), p.modelId());
        assertEquals("0", plain.metadata().get("verify_rows"));
      }
    }
  }

  @Test
  void aFileWhoseNumbersDifferIsRefused() throws Exception {
    byte[] bytes = Files.readAllBytes(TestFiles.generated("verified.ferry"));
    double stored;
    try (Pipeline p = Pipeline.fromBytes(bytes)) {
      stored = p.decisionFunction(VERIFY_ROW)[0];
    }
    // Change the stored output, then re-seal the envelope's CRC-32 (bytes 24..27 over the
    // payload from byte 28), as a faulty writer would have.
    byte[] needle = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(stored).array();
    int at = indexOf(bytes, needle);
    assertTrue(at > 28, "the stored output is in the file");
    ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN).putDouble(stored + 0.5);
    CRC32 crc = new CRC32();
    crc.update(bytes, 28, bytes.length - 28);
    ByteBuffer.wrap(bytes, 24, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());

    ArtifactException e = assertThrows(ArtifactException.class, () -> Pipeline.fromBytes(bytes));
    assertTrue(e.getMessage().startsWith("verify: stored row 0, output 0: the file says "),
        e.getMessage());
    try (Pipeline unchecked = Pipeline.fromBytes(bytes, false)) {
      assertThrows(ArtifactException.class, unchecked::verify);
      assertEquals(stored, unchecked.decisionFunction(VERIFY_ROW)[0]);
    }
  }

  @Test
  void explanationsAddUpToTheDecisionFunction() {
    try (Pipeline p = Pipeline.load(TestFiles.generated("verified.ferry"))) {
      Map<String, Object> row = Map.of("x1", 1.25, "x2", 3L);
      var parts = p.predictExplain(row);
      assertEquals(1, parts.size());
      assertEquals(java.util.List.of("x1", "x2", "intercept"), new java.util.ArrayList<>(parts.get(0).keySet()));
      double total = 0.0;
      for (double v : parts.get(0).values()) {
        total += v;
      }
      assertEquals(p.decisionFunction(row)[0], total, 1e-12);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (haystack[i + k] != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
