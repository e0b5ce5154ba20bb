package org.ferry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Loads the golden artifacts of tests/data and checks the exact bits that
 * tests/core/test_artifact_golden.cpp expects from the C++ core, through every Java entry point.
 */
class PipelineTest {
  private static final double NAN = Double.NaN;

  // The probe rows of tests/core/test_artifact_support.hpp, in schema order
  // (age, plas, mass, visits, smoker).
  private static final double[][] PROBE = {
    {23.5, 95.0, 22.0, 0, 0},
    {61.0, NAN, 37.5, 5, 1},
    {44.25, 151.5, 0.0, 2, 0},
    {35.0, 120.0, 30.0, 3, 1},
  };

  private static List<Map<String, Object>> probeMaps() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (double[] r : PROBE) {
      Map<String, Object> m = new HashMap<>();
      m.put("age", r[0]);
      m.put("plas", Double.isNaN(r[1]) ? null : r[1]);
      m.put("mass", r[2]);
      m.put("visits", (long) r[3]);
      m.put("smoker", r[4] != 0);
      rows.add(m);
    }
    return rows;
  }

  /** Asserts bit equality of flat expected values against rows of results. */
  private static void assertBits(double[] expected, double[][] found) {
    int width = expected.length / found.length;
    for (int r = 0; r < found.length; r++) {
      assertEquals(width, found[r].length, "row " + r + " width");
      for (int j = 0; j < width; j++) {
        assertEquals(Double.doubleToRawLongBits(expected[r * width + j]),
            Double.doubleToRawLongBits(found[r][j]),
            "row " + r + ", value " + j + ": expected " + expected[r * width + j] + ", found "
                + found[r][j]);
      }
    }
  }

  /** Every way of asking for one kind of output must give the same bits. */
  private interface Output {
    double[] one(Pipeline p, double[] row);

    double[][] many(Pipeline p, double[][] rows);

    double[] oneMap(Pipeline p, Map<String, Object> row);

    double[][] manyMaps(Pipeline p, List<Map<String, Object>> rows);
  }

  private static final Output PROBA = new Output() {
    public double[] one(Pipeline p, double[] row) { return p.predictProba(row); }
    public double[][] many(Pipeline p, double[][] rows) { return p.predictProba(rows); }
    public double[] oneMap(Pipeline p, Map<String, Object> row) { return p.predictProba(row); }
    public double[][] manyMaps(Pipeline p, List<Map<String, Object>> rows) { return p.predictProba(rows); }
  };

  private static final Output DECISION = new Output() {
    public double[] one(Pipeline p, double[] row) { return p.decisionFunction(row); }
    public double[][] many(Pipeline p, double[][] rows) { return p.decisionFunction(rows); }
    public double[] oneMap(Pipeline p, Map<String, Object> row) { return p.decisionFunction(row); }
    public double[][] manyMaps(Pipeline p, List<Map<String, Object>> rows) { return p.decisionFunction(rows); }
  };

  private static void checkAllPaths(Pipeline p, Output out, double[] expected) {
    assertBits(expected, out.many(p, PROBE));
    assertBits(expected, out.manyMaps(p, probeMaps()));
    double[][] single = new double[PROBE.length][];
    double[][] singleMap = new double[PROBE.length][];
    for (int r = 0; r < PROBE.length; r++) {
      single[r] = out.one(p, PROBE[r]);
      singleMap[r] = out.oneMap(p, probeMaps().get(r));
    }
    assertBits(expected, single);
    assertBits(expected, singleMap);
  }

  private static void checkCommon(Pipeline p) {
    assertEquals(1, p.formatVersion());
    assertEquals(List.of(new Column("age", "float64", true), new Column("plas", "float64", true),
        new Column("mass", "float64", true), new Column("visits", "int64", true),
        new Column("smoker", "bool", true)), p.schema());
    Map<String, String> m = p.metadata();
    assertEquals("0.1.0", m.get("ferry_version"));
    assertEquals("2025-06-01T12:00:00Z", m.get("created_utc"));
    assertEquals("ferry-tests", m.get("tag.owner"));
    assertEquals("golden", m.get("tag.purpose"));
    assertEquals("120", m.get("training_rows"));
    assertEquals("5", m.get("training_columns"));
  }

  @Test
  void binaryLogisticRegression() {
    try (Pipeline p = Pipeline.load(TestFiles.golden("golden_v1.ferry"))) {
      checkCommon(p);
      assertEquals(List.of("neg", "pos"), p.classes());
      assertEquals("61,59", p.metadata().get("training_class_counts"));
      checkAllPaths(p, DECISION, new double[] {-0x1.4557da95e0cd2p+2, 0x1.f8833ed6161b6p+1,
          0x1.20c7be136591fp+0, -0x1.3b416ee067b1fp+0});
      checkAllPaths(p, PROBA, new double[] {0x1.fcd8962d4a1f2p-1, 0x1.93b4e95af073ep-8,
          0x1.3819805aee7cp-6, 0x1.f63f33fd288c2p-1, 0x1.f4c7b681d3c4cp-3, 0x1.82ce125f8b0edp-1,
          0x1.8c5397bd383ffp-1, 0x1.ceb1a10b1f003p-3});
      Object[] expected = {"neg", "pos", "pos", "neg"};
      assertArrayEquals(expected, p.predict(PROBE));
      assertArrayEquals(expected, p.predict(probeMaps()));
      for (int r = 0; r < PROBE.length; r++) {
        assertEquals(expected[r], p.predict(PROBE[r]));
        assertEquals(expected[r], p.predict(probeMaps().get(r)));
      }
    }
  }

  @Test
  void multinomialLogisticRegressionFromBytes() throws Exception {
    byte[] bytes = Files.readAllBytes(TestFiles.golden("golden_v1_multinomial.ferry"));
    try (Pipeline p = Pipeline.fromBytes(bytes)) {
      checkCommon(p);
      assertEquals(List.of(0L, 1L, 2L), p.classes());
      checkAllPaths(p, DECISION, new double[] {0x1.5f5714c5a6c7ap+2, -0x1.88b5e88ecc5bp-2,
          -0x1.46cbb63cba06ap+2, -0x1.a90457748c70cp+1, 0x1.cedf5a945e55cp-1, 0x1.354c80cf74cbp+1,
          0x1.5b5ea89e49dp+1, -0x1.e0d137eb04aacp-1, -0x1.c654b5471165p+0, 0x1.525e4704c669p-1,
          0x1.f09d3736e7ecp-4, -0x1.9071edeba3ap-1});
      checkAllPaths(p, PROBA, new double[] {0x1.fe8cf487c405ep-1, 0x1.6fc658bcb3c4p-9,
          0x1.a28fbfa336af1p-16, 0x1.59734cd9dd5bep-9, 0x1.70e0168557294p-3, 0x1.a26e8711d0585p-1,
          0x1.eda8d4ac481fbp-1, 0x1.9962eab35d512p-6, 0x1.6304ff873d6fbp-7, 0x1.1971f5f46a742p-1,
          0x1.4824e5fd14542p-2, 0x1.09ee5c342d876p-3});
      assertArrayEquals(new Object[] {0L, 2L, 0L, 0L}, p.predict(PROBE));
      assertArrayEquals(new Object[] {0L, 2L, 0L, 0L}, p.predict(probeMaps()));
    }
  }

  @Test
  void ridgeRegression() {
    try (Pipeline p = Pipeline.load(TestFiles.golden("golden_v1_ridge.ferry"))) {
      checkCommon(p);
      assertTrue(p.classes().isEmpty());
      double[] expected = {0x1.76184451ecd83p+6, 0x1.6be8f515f4cc2p+7, 0x1.6b66deedb5c19p+6,
          0x1.f04e35b4fb52p+6};
      checkAllPaths(p, DECISION, expected);
      Object[] predicted = p.predict(PROBE);
      Object[] predictedMaps = p.predict(probeMaps());
      for (int r = 0; r < PROBE.length; r++) {
        assertEquals(Double.doubleToRawLongBits(expected[r]),
            Double.doubleToRawLongBits((Double) predicted[r]));
        assertEquals(Double.doubleToRawLongBits(expected[r]),
            Double.doubleToRawLongBits((Double) predictedMaps[r]));
        assertEquals(Double.doubleToRawLongBits(expected[r]),
            Double.doubleToRawLongBits((Double) p.predict(PROBE[r])));
      }
      assertThrows(FerryException.class, () -> p.predictProba(PROBE[0]));
    }
  }

  @Test
  void linearRegression() {
    try (Pipeline p = Pipeline.load(TestFiles.golden("golden_v1_linear.ferry"))) {
      checkAllPaths(p, DECISION, new double[] {0x1.7d2aace113e3fp+6, 0x1.6b6ed031f9c11p+7,
          0x1.63109a172ae84p+6, 0x1.f0db2e0476a9fp+6});
    }
  }

  @Test
  void transformOnlyPipelineHasNoPrediction() {
    try (Pipeline p = Pipeline.load(TestFiles.golden("golden_v1_transform.ferry"))) {
      checkCommon(p);
      assertThrows(FerryException.class, () -> p.predict(PROBE[0]));
      assertThrows(FerryException.class, () -> p.predict(probeMaps().get(0)));
      assertThrows(FerryException.class, () -> p.predictProba(PROBE));
    }
  }

  @Test
  void integersAndNaNAreAccepted() {
    try (Pipeline p = Pipeline.load(TestFiles.golden("golden_v1.ferry"))) {
      Map<String, Object> ints = new HashMap<>(probeMaps().get(0));
      ints.put("age", 23.5);
      ints.put("mass", 22); // an Integer for a float64 column
      ints.put("visits", 0); // an Integer for an int64 column
      Map<String, Object> nan = new HashMap<>(probeMaps().get(1));
      nan.put("plas", Double.NaN); // NaN is missing, as null is
      assertArrayEquals(p.predictProba(PROBE[0]), p.predictProba(ints));
      assertArrayEquals(p.predictProba(PROBE[1]), p.predictProba(nan));
    }
  }

  @Test
  void boolAndDoubleLabels() {
    try (Pipeline p = Pipeline.load(TestFiles.generated("nonnull_bool.ferry"))) {
      assertEquals(List.of(false, true), p.classes());
      assertEquals(List.of(new Column("x1", "float64", false), new Column("x2", "int64", false)),
          p.schema());
      assertEquals("java", p.metadata().get("tag.suite"));
      Object label = p.predict(new double[] {0.5, 3});
      assertTrue(label instanceof Boolean);
      assertEquals(label, p.predict(Map.of("x1", 0.5, "x2", 3L)));
    }
    try (Pipeline p = Pipeline.load(TestFiles.generated("double_labels.ferry"))) {
      assertEquals(List.of(-1.0, 2.5), p.classes());
      assertTrue(p.predict(new double[] {0.5, 3}) instanceof Double);
    }
  }

  @Test
  void emptyBatches() {
    try (Pipeline p = Pipeline.load(TestFiles.golden("golden_v1.ferry"))) {
      assertEquals(0, p.predictProba(new double[0][]).length);
      assertEquals(0, p.predict(List.<Map<String, Object>>of()).length);
    }
  }
}
