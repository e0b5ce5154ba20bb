package org.ferry;

import java.util.Objects;

/**
 * One input column of a pipeline's schema.
 *
 * @param name the column name, unique within the schema
 * @param type the value type: {@code "float64"}, {@code "int64"}, {@code "string"} or {@code "bool"}
 * @param nullable whether a missing value (null, or NaN for float64) is allowed
 */
public record Column(String name, String type, boolean nullable) {
  /**
   * Checks the components.
   *
   * @param name the column name
   * @param type the value type
   * @param nullable whether missing values are allowed
   */
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
