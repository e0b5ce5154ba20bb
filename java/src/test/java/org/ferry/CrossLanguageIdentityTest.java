package org.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The cross-language identity suite, Java side (tests/crosslang/README.md): every case written by
 * tests/crosslang/make_cases.py must give, from Java, the very same 64 bits Python wrote, from
 * single-row and batch calls, by name (Map rows) and, for all-numeric schemas, from double[] rows.
 *
 * <p>The case folder comes from the system property {@code FERRY_CROSSLANG_DIR} or, failing that,
 * the environment variable of the same name (ctest sets it). Without it the tests fail.
 */
class CrossLanguageIdentityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path caseDir() {
    String dir = System.getProperty("FERRY_CROSSLANG_DIR");
    if (dir == null || dir.isEmpty()) {
      dir = System.getenv("FERRY_CROSSLANG_DIR");
    }
    if (dir == null || dir.isEmpty()) {
      fail("FERRY_CROSSLANG_DIR is not set (system property or environment variable): it must "
          + "name the folder tests/crosslang/make_cases.py wrote (ctest's crosslang.generate "
          + "fixture writes <build>/tests/crosslang)");
    }
    Path path = Path.of(dir);
    if (!Files.isRegularFile(path.resolve("index.json"))) {
      fail("FERRY_CROSSLANG_DIR=" + dir + " holds no index.json: run tests/crosslang/make_cases.py "
          + "into it first (ctest's crosslang.generate fixture)");
    }
    return path;
  }

  private static JsonNode read(Path path) {
    try {
      return JSON.readTree(path.toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private static double fromHex(String hex) {
    if (hex.length() != 16 || !hex.matches("[0-9a-f]{16}")) {
      fail("expected 16 lowercase hex digits, found '" + hex + "'");
    }
    return Double.longBitsToDouble(Long.parseUnsignedLong(hex, 16));
  }

  private static String show(double x) {
    return String.format("%016x (%s)", Double.doubleToRawLongBits(x), Double.toString(x));
  }

  /** A typed cell ({"t":..,"v":..} or null) as Double, Long, Boolean, String or null. */
  private static Object decode(JsonNode cell) {
    if (cell == null || cell.isNull()) {
      return null;
    }
    String t = cell.get("t").asText();
    JsonNode v = cell.get("v");
    switch (t) {
      case "f":
        return fromHex(v.asText());
      case "i":
        assertTrue(v.isIntegralNumber(), "int cell holds " + v);
        return v.asLong();
      case "b":
        assertTrue(v.isBoolean(), "bool cell holds " + v);
        return v.asBoolean();
      case "s":
        return v.asText();
      default:
        throw new AssertionError("unknown cell type '" + t + "'");
    }
  }

  /** Equal labels: same Java type family and value, doubles compared by their raw bits. */
  private static boolean sameLabel(Object got, Object want) {
    if (got instanceof Double && want instanceof Double) {
      return Double.doubleToRawLongBits((Double) got) == Double.doubleToRawLongBits((Double) want);
    }
    if (want instanceof Long) {
      return (got instanceof Long || got instanceof Integer)
          && ((Number) got).longValue() == (Long) want;
    }
    return want != null && want.equals(got);
  }

  private static String describe(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName() + " " + v;
  }

  private static void assertRow(String where, int row, double[] got, JsonNode want) {
    assertEquals(want.size(), got.length, where + ": row " + row + " width");
    for (int j = 0; j < got.length; j++) {
      double w = fromHex(want.get(j).asText());
      if (Double.doubleToRawLongBits(got[j]) != Double.doubleToRawLongBits(w)) {
        fail(where + ": row " + row + " column " + j + ": Java gave " + show(got[j])
            + ", Python gave " + show(w));
      }
    }
  }

  private static void assertMatrix(String where, double[][] got, JsonNode want) {
    assertEquals(want.size(), got.length, where + ": number of rows");
    for (int i = 0; i < got.length; i++) {
      assertRow(where, i, got[i], want.get(i));
    }
  }

  /** One case: its artifact, rows (as Maps and, when numeric, as double[]), expected output. */
  private static final class Case {
    final String name;
    final JsonNode entry;
    final JsonNode expected;
    final List<Map<String, Object>> rows = new ArrayList<>();
    final List<String> columns = new ArrayList<>();
    final List<String> types = new ArrayList<>();
    final List<Boolean> nullable = new ArrayList<>();
    double[][] matrix;

    Case(Path dir, JsonNode entry) {
      this.entry = entry;
      this.name = entry.get("name").asText();
      JsonNode rowsDoc = read(dir.resolve(entry.get("rows").asText()));
      this.expected = read(dir.resolve(entry.get("expected").asText()));
      for (JsonNode c : rowsDoc.get("columns")) {
        columns.add(c.get("name").asText());
        types.add(c.get("type").asText());
        nullable.add(c.get("nullable").asBoolean());
      }
      for (JsonNode r : rowsDoc.get("rows")) {
        Map<String, Object> row = new LinkedHashMap<>();  // keeps nulls, unlike Map.of
        for (String col : columns) {
          assertTrue(r.has(col), name + ": a row lacks column " + col);
          row.put(col, decode(r.get(col)));
        }
        rows.add(row);
      }
      assertEquals(expected.get("n_rows").asInt(), rows.size(), name + ": row count");
      if (entry.get("all_numeric").asBoolean()) {
        matrix = new double[rows.size()][columns.size()];
        for (int i = 0; i < rows.size(); i++) {
          for (int j = 0; j < columns.size(); j++) {
            Object v = rows.get(i).get(columns.get(j));
            double x;
            if (v == null) {
              x = Double.NaN;
            } else if (v instanceof Boolean) {
              x = ((Boolean) v) ? 1.0 : 0.0;
            } else {
              x = ((Number) v).doubleValue();
            }
            matrix[i][j] = x;
          }
        }
      }
    }
  }

  private static void checkCase(Path dir, JsonNode entry) {
    Case c = new Case(dir, entry);
    String name = c.name;
    JsonNode outputs = c.expected.get("outputs");
    try (Pipeline p = Pipeline.load(dir.resolve(entry.get("artifact").asText()))) {
      // the schema is the one Python recorded
      var schema = p.schema();
      assertEquals(c.columns.size(), schema.size(), name + ": schema width");
      for (int j = 0; j < schema.size(); j++) {
        var col = schema.get(j);
        assertEquals(c.columns.get(j), col.name(), name + ": column " + j + " name");
        assertEquals(c.types.get(j), col.type(), name + ": column " + j + " type");
        assertEquals(c.nullable.get(j), col.nullable(), name + ": column " + j + " nullable");
      }
      // the model id and the verify rows (recomputed by load) are Python's
      assertEquals(c.expected.get("model_id").asText(), p.modelId(), name + ": model id");
      assertEquals(c.expected.get("verify_rows").asText(), p.metadata().get("verify_rows"),
          name + ": verify rows");
      // classes, typed
      JsonNode wantClasses = c.expected.get("classes");
      List<Object> classes = p.classes();
      assertEquals(wantClasses.size(), classes.size(), name + ": number of classes");
      for (int k = 0; k < classes.size(); k++) {
        Object want = decode(wantClasses.get(k));
        assertTrue(sameLabel(classes.get(k), want), name + ": class " + k + " is "
            + describe(classes.get(k)) + ", Python has " + describe(want));
      }

      int checked = 0;
      if (outputs.has("predict_proba")) {
        JsonNode want = outputs.get("predict_proba");
        assertMatrix(name + " predictProba(List<Map>)", p.predictProba(c.rows), want);
        for (int i = 0; i < c.rows.size(); i++) {
          assertRow(name + " predictProba(Map)", i, p.predictProba(c.rows.get(i)), want.get(i));
        }
        if (c.matrix != null) {
          assertMatrix(name + " predictProba(double[][])", p.predictProba(c.matrix), want);
          for (int i = 0; i < c.matrix.length; i++) {
            assertRow(name + " predictProba(double[])", i, p.predictProba(c.matrix[i]),
                want.get(i));
          }
        }
        checked++;
      }
      if (c.expected.has("explain")) {
        JsonNode want = c.expected.get("explain");
        for (int i = 0; i < c.rows.size(); i++) {
          List<Double> flat = new ArrayList<>();
          for (Map<String, Double> parts : p.predictExplain(c.rows.get(i))) {
            for (String column : c.columns) {
              flat.add(parts.get(column));
            }
            flat.add(parts.get("intercept"));
          }
          double[] got = flat.stream().mapToDouble(Double::doubleValue).toArray();
          assertRow(name + " predictExplain(Map)", i, got, want.get(i));
        }
      }
      if (outputs.has("decision_function")) {
        JsonNode want = outputs.get("decision_function");
        assertMatrix(name + " decisionFunction(List<Map>)", p.decisionFunction(c.rows), want);
        for (int i = 0; i < c.rows.size(); i++) {
          assertRow(name + " decisionFunction(Map)", i, p.decisionFunction(c.rows.get(i)),
              want.get(i));
        }
        if (c.matrix != null) {
          assertMatrix(name + " decisionFunction(double[][])", p.decisionFunction(c.matrix),
              want);
          for (int i = 0; i < c.matrix.length; i++) {
            assertRow(name + " decisionFunction(double[])", i, p.decisionFunction(c.matrix[i]),
                want.get(i));
          }
        }
        checked++;
      }
      if (outputs.has("predict")) {
        JsonNode want = outputs.get("predict");
        Object[] batch = p.predict(c.rows);
        assertEquals(want.size(), batch.length, name + ": predict(List<Map>) length");
        Object[] numericBatch = c.matrix != null ? p.predict(c.matrix) : null;
        for (int i = 0; i < c.rows.size(); i++) {
          Object w = decode(want.get(i));
          Object one = p.predict(c.rows.get(i));
          assertTrue(sameLabel(batch[i], w), name + " predict(List<Map>) row " + i + ": Java gave "
              + describe(batch[i]) + ", Python gave " + describe(w));
          assertTrue(sameLabel(one, w), name + " predict(Map) row " + i + ": Java gave "
              + describe(one) + ", Python gave " + describe(w));
          if (c.matrix != null) {
            Object fast = p.predict(c.matrix[i]);
            assertTrue(sameLabel(fast, w), name + " predict(double[]) row " + i
                + ": Java gave " + describe(fast) + ", Python gave " + describe(w));
            assertTrue(sameLabel(numericBatch[i], w), name + " predict(double[][]) row " + i
                + ": Java gave " + describe(numericBatch[i]) + ", Python gave " + describe(w));
          }
        }
        checked++;
      }
      // transform has no Java API: it is compared by the C++ and Python sides only
      int javaOutputs = 0;
      for (Iterator<String> it = outputs.fieldNames(); it.hasNext(); ) {
        if (!it.next().equals("transform")) {
          javaOutputs++;
        }
      }
      assertEquals(javaOutputs, checked, name + ": outputs compared");
    }
  }

  private static JsonNode index() {
    JsonNode index = read(caseDir().resolve("index.json"));
    assertEquals(1, index.get("format").asInt(), "index.json format");
    assertFalse(index.get("cases").isEmpty(), "index.json lists no case");
    return index;
  }

  @Test
  void everyStepKindHasACase() {
    JsonNode index = index();
    Set<String> seen = new HashSet<>();
    for (JsonNode entry : index.get("cases")) {
      for (JsonNode s : entry.get("steps")) {
        seen.add(s.asText());
      }
    }
    for (JsonNode kind : index.get("step_kinds")) {
      assertTrue(seen.contains(kind.asText()), "step kind " + kind.asText() + " has no case");
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCaseGivesPythonsBits() {
    Path dir = caseDir();
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode entry : index().get("cases")) {
      tests.add(DynamicTest.dynamicTest(entry.get("name").asText(), () -> checkCase(dir, entry)));
    }
    return tests.stream();
  }
}
