package org.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The flat batch entry points {@code predictProba(double[], int)} and {@code
 * decisionFunction(double[], int)}: the same bits as the double[][] and single-row paths, on both
 * native paths (short arrays through stack buffers, long ones read in place), and the errors.
 */
class FlatBatchTest {
  private static final double NAN = Double.NaN;

  // Probe rows in the schema order of the golden artifacts (age, plas, mass, visits, smoker).
  private static final double[][] PROBE = {
    {23.5, 95.0, 22.0, 0, 0},
    {61.0, NAN, 37.5, 5, 1},
    {44.25, 151.5, 0.0, 2, 0},
    {35.0, 120.0, 30.0, 3, 1},
  };

  /** n rows cycling through the probes, varied a little so that no two are alike. */
  private static double[][] rows(int n) {
    double[][] out = new double[n][];
    for (int i = 0; i < n; i++) {
      out[i] = PROBE[i % PROBE.length].clone();
      out[i][0] += (i / PROBE.length) * 0.125;
    }
    return out;
  }

  private static double[] flat(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] out = new double[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, out, r * cols, cols);
    }
    return out;
  }

  private static void assertBits(double[][] expected, double[] found) {
    int width = expected.length == 0 ? 0 : expected[0].length;
    assertEquals(expected.length * width, found.length, "length");
    for (int r = 0; r < expected.length; r++) {
      for (int j = 0; j < width; j++) {
        assertEquals(Double.doubleToRawLongBits(expected[r][j]),
            Double.doubleToRawLongBits(found[r * width + j]), "row " + r + ", value " + j);
      }
    }
  }

  private static void checkSameBits(Path artifact, boolean proba) {
    try (Pipeline p = Pipeline.load(artifact)) {
      for (int n : new int[] {0, 1, 2, 4, 12, 13, 1000}) {
        double[][] rows = rows(n);
        double[] flat = flat(rows);
        if (proba) {
          assertBits(p.predictProba(rows), p.predictProba(flat, n));
        } else {
          assertBits(p.decisionFunction(rows), p.decisionFunction(flat, n));
        }
        double[][] single = new double[n][];
        for (int r = 0; r < n; r++) {
          single[r] = proba ? p.predictProba(rows[r]) : p.decisionFunction(rows[r]);
        }
        if (proba) {
          assertBits(single, p.predictProba(flat, n));
        } else {
          assertBits(single, p.decisionFunction(flat, n));
        }
        // Into a caller's buffer, dirty from an earlier use: every value is overwritten.
        int width = n == 0 ? 0 : single[0].length;
        double[] into = new double[n * width];
        java.util.Arrays.fill(into, -7.0);
        if (proba) {
          p.predictProba(flat, n, into);
        } else {
          p.decisionFunction(flat, n, into);
        }
        assertBits(single, into);
      }
    }
  }

  @Test
  void binaryClassifierSameBits() {
    checkSameBits(TestFiles.golden("golden_v1.ferry"), true);
    checkSameBits(TestFiles.golden("golden_v1.ferry"), false);
  }

  @Test
  void multinomialSameBits() {
    checkSameBits(TestFiles.golden("golden_v1_multinomial.ferry"), true);
    checkSameBits(TestFiles.golden("golden_v1_multinomial.ferry"), false);
  }

  @Test
  void regressorSameBits() {
    checkSameBits(TestFiles.golden("golden_v1_ridge.ferry"), false);
  }

  @Test
  void wrongLengthIsASchemaError() {
    try (Pipeline p = Pipeline.load(TestFiles.golden("golden_v1.ferry"))) {
      double[] flat = flat(rows(100));
      assertThrows(SchemaException.class, () -> p.predictProba(flat, 99));
      assertThrows(SchemaException.class, () -> p.predictProba(flat, 101));
      assertThrows(SchemaException.class, () -> p.decisionFunction(new double[4], 1));
      assertThrows(SchemaException.class, () -> p.predictProba(new double[5], 0));
      assertThrows(IllegalArgumentException.class, () -> p.predictProba(flat, -1));
      assertThrows(NullPointerException.class, () -> p.predictProba(null, 1));
      IllegalArgumentException shortOut = assertThrows(IllegalArgumentException.class,
          () -> p.predictProba(flat, 100, new double[199]));
      assertEquals("ferry: expected an output array of 100 rows x 2 = 200 values, found 199",
          shortOut.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> p.decisionFunction(flat, 100, new double[200]));
      assertThrows(NullPointerException.class, () -> p.predictProba(flat, 100, null));
      assertThrows(SchemaException.class, () -> p.predictProba(flat, 99, new double[198]));
      // The pipeline still works afterwards.
      assertEquals(200, p.predictProba(flat, 100).length);
    }
  }

  @Test
  void nanWhereNotAllowedIsASchemaError() {
    try (Pipeline p = Pipeline.load(TestFiles.generated("nonnull_bool.ferry"))) {
      assertThrows(SchemaException.class, () -> p.predictProba(new double[] {NAN, 3}, 1));
      assertThrows(SchemaException.class,
          () -> p.decisionFunction(new double[] {1, 3, NAN, 3}, 2));
      // Long enough for the in-place (critical) native path, the bad value last.
      double[] many = new double[2 * 500];
      java.util.Arrays.fill(many, 1.0);
      many[many.length - 2] = NAN;
      assertThrows(SchemaException.class, () -> p.predictProba(many, 500));
      assertThrows(SchemaException.class, () -> p.decisionFunction(many, 500));
      many[many.length - 2] = 1.0;
      assertEquals(500 * p.classes().size(), p.predictProba(many, 500).length);
    }
  }

  @Test
  void closeWhileFlatAndMapCallsAreInFlight() throws Exception {
    double[] flat = flat(rows(2000));
    java.util.Map<String, Object> map = new java.util.HashMap<>();
    String[] names = {"age", "plas", "mass", "visits", "smoker"};
    for (int j = 0; j < names.length; j++) {
      map.put(names[j], j == 3 ? (Object) 2L : j == 4 ? (Object) Boolean.TRUE : (Object) 30.0);
    }
    for (int round = 0; round < 20; round++) {
      Pipeline p = Pipeline.load(TestFiles.golden("golden_v1.ferry"));
      java.util.concurrent.atomic.AtomicBoolean unexpected =
          new java.util.concurrent.atomic.AtomicBoolean();
      java.util.List<Thread> threads = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final int kind = t;
        Thread thread = new Thread(() -> {
          try {
            while (true) {
              if (kind % 2 == 0) {
                p.predictProba(flat, 2000);
              } else {
                p.decisionFunction(map);
              }
            }
          } catch (IllegalStateException closed) {
            // the expected way out
          } catch (Throwable other) {
            unexpected.set(true);
          }
        });
        thread.start();
        threads.add(thread);
      }
      Thread.sleep(5);
      // Two closers at once: both return only once the memory is freed.
      Thread second = new Thread(p::close);
      second.start();
      p.close();
      second.join(60_000);
      for (Thread thread : threads) {
        thread.join(60_000);
        assertEquals(false, thread.isAlive());
      }
      assertEquals(false, unexpected.get());
      assertThrows(IllegalStateException.class, () -> p.predictProba(flat, 2000));
    }
  }

  @Test
  void closedPipelineRefuses() {
    Pipeline p = Pipeline.load(TestFiles.golden("golden_v1.ferry"));
    p.close();
    assertThrows(IllegalStateException.class, () -> p.predictProba(flat(rows(2)), 2));
  }
}
