package org.ferry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error a caller can provoke comes back as an exception with the core's message. */
class ErrorPathTest {
  @TempDir Path tmp;

  private static byte[] golden() throws Exception {
    return Files.readAllBytes(TestFiles.golden("golden_v1.ferry"));
  }

  private static Map<String, Object> goodRow() {
    Map<String, Object> m = new HashMap<>();
    m.put("age", 44.0);
    m.put("plas", 120.0);
    m.put("mass", 30.0);
    m.put("visits", 2L);
    m.put("smoker", false);
    return m;
  }

  private static void assertMessage(RuntimeException e, String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage() != null && e.getMessage().contains(part),
          "message should name '" + part + "': " + e.getMessage());
    }
  }

  @Test
  void corruptFile() throws Exception {
    byte[] bytes = golden();
    bytes[bytes.length / 2] ^= 0x5A;
    Path file = tmp.resolve("corrupt.ferry");
    Files.write(file, bytes);
    assertThrows(ArtifactException.class, () -> Pipeline.load(file));
    assertThrows(ArtifactException.class, () -> Pipeline.fromBytes(bytes));
  }

  @Test
  void truncatedFile() throws Exception {
    byte[] bytes = golden();
    for (int n : new int[] {0, 1, 8, 27, 28, 29, bytes.length / 2, bytes.length - 1}) {
      byte[] cut = Arrays.copyOf(bytes, n);
      Path file = tmp.resolve("truncated-" + n + ".ferry");
      Files.write(file, cut);
      assertThrows(ArtifactException.class, () -> Pipeline.load(file), "length " + n);
      assertThrows(ArtifactException.class, () -> Pipeline.fromBytes(cut), "length " + n);
    }
  }

  @Test
  void notAnArtifact() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[random.nextInt(200)];
      random.nextBytes(junk);
      assertThrows(ArtifactException.class, () -> Pipeline.fromBytes(junk));
    }
    ArtifactException e = assertThrows(ArtifactException.class,
        () -> Pipeline.load(tmp.resolve("does-not-exist.ferry")));
    assertMessage(e, "does-not-exist.ferry");
    assertThrows(ArtifactException.class, () -> Pipeline.load(tmp)); // a directory
  }

  @Test
  void everyByteFlipFailsCleanly() throws Exception {
    byte[] bytes = golden();
    for (int i = 0; i < bytes.length; i += Math.max(1, bytes.length / 300)) {
      byte[] damaged = bytes.clone();
      damaged[i] ^= (byte) 0xFF;
      try {
        Pipeline.fromBytes(damaged).close();
      } catch (ArtifactException expected) {
        // the checksum or the parser refused it: fine
      }
    }
  }

  @Test
  void wrongMissingAndUnknownColumns() throws Exception {
    try (Pipeline p = Pipeline.fromBytes(golden())) {
      assertDoesNotThrow(() -> p.predictProba(goodRow()));

      Map<String, Object> missing = goodRow();
      missing.remove("plas");
      assertMessage(assertThrows(SchemaException.class, () -> p.predictProba(missing)), "plas");

      Map<String, Object> misspelt = goodRow();
      misspelt.put("plasma", misspelt.remove("plas"));
      assertThrows(SchemaException.class, () -> p.predictProba(misspelt));
      assertThrows(SchemaException.class, () -> p.predict(List.of(goodRow(), misspelt)));

      assertThrows(SchemaException.class, () -> p.predictProba(new double[] {1, 2, 3}));
      assertThrows(SchemaException.class, () -> p.predictProba(new double[][] {{1, 2, 3}}));
      assertThrows(SchemaException.class,
          () -> p.predictProba(new double[][] {{1, 2, 3, 4, 1}, {1, 2, 3, 4}}));
    }
  }

  @Test
  void wrongTypes() throws Exception {
    try (Pipeline p = Pipeline.fromBytes(golden())) {
      Map<String, Object> stringForNumber = goodRow();
      stringForNumber.put("age", "forty");
      assertMessage(assertThrows(SchemaException.class, () -> p.predictProba(stringForNumber)),
          "age");
      Map<String, Object> object = goodRow();
      object.put("mass", new Object());
      assertThrows(SchemaException.class, () -> p.decisionFunction(object));
      Map<String, Object> stringForBool = goodRow();
      stringForBool.put("smoker", "yes");
      assertThrows(SchemaException.class, () -> p.predict(stringForBool));
    }
  }

  @Test
  void nullWhereNotAllowed() {
    try (Pipeline p = Pipeline.load(TestFiles.generated("nonnull_bool.ferry"))) {
      Map<String, Object> row = new HashMap<>();
      row.put("x1", null);
      row.put("x2", 3L);
      assertMessage(assertThrows(SchemaException.class, () -> p.predictProba(row)), "x1");
      assertThrows(SchemaException.class, () -> p.predictProba(new double[] {Double.NaN, 3}));
      assertThrows(SchemaException.class,
          () -> p.predictProba(new double[][] {{1, 3}, {Double.NaN, 3}}));
    }
  }

  @Test
  void nullArguments() throws Exception {
    assertThrows(NullPointerException.class, () -> Pipeline.fromBytes(null));
    assertThrows(NullPointerException.class, () -> Pipeline.load(null));
    try (Pipeline p = Pipeline.fromBytes(golden())) {
      assertThrows(NullPointerException.class, () -> p.predictProba((double[]) null));
      assertThrows(NullPointerException.class, () -> p.predictProba((double[][]) null));
      assertThrows(NullPointerException.class, () -> p.predictProba(new double[][] {null}));
      assertMessage(assertThrows(NullPointerException.class,
          () -> p.predictProba(new double[][] {new double[5], null})), "row 1, found null");
      assertMessage(assertThrows(NullPointerException.class,
          () -> p.predictProba(Arrays.asList(goodRow(), null))), "row 1, found null");
      assertThrows(NullPointerException.class, () -> p.predictProba((Map<String, ?>) null));
    }
  }

  @Test
  void closedPipeline() throws Exception {
    Pipeline p = Pipeline.fromBytes(golden());
    p.close();
    p.close(); // idempotent
    assertThrows(IllegalStateException.class, () -> p.predictProba(new double[5]));
    assertThrows(IllegalStateException.class, () -> p.predictProba(new double[1][5]));
    assertThrows(IllegalStateException.class, () -> p.predictProba(goodRow()));
    assertThrows(IllegalStateException.class, () -> p.predict(new double[5]));
    assertThrows(IllegalStateException.class, () -> p.decisionFunction(List.of(goodRow())));
    assertThrows(IllegalStateException.class, p::schema);
    assertThrows(IllegalStateException.class, p::classes);
    assertThrows(IllegalStateException.class, p::metadata);
    assertThrows(IllegalStateException.class, p::formatVersion);
  }

  @Test
  void exceptionHierarchy() {
    assertTrue(RuntimeException.class.isAssignableFrom(FerryException.class));
    assertTrue(FerryException.class.isAssignableFrom(ArtifactException.class));
    assertTrue(FerryException.class.isAssignableFrom(SchemaException.class));
    assertTrue(FerryException.class.isAssignableFrom(NotFittedException.class));
    assertTrue(FerryException.class.isAssignableFrom(ParameterException.class));
  }
}
