package org.ferry;

import java.nio.file.Path;

/** Where the tests find their artifacts (set by CMake through Maven's surefire). */
final class TestFiles {
  private TestFiles() {}

  /** A committed golden artifact in tests/data. */
  static Path golden(String name) {
    return Path.of(System.getProperty("ferry.test.data", "../tests/data")).resolve(name);
  }

  /** An artifact written at test time by bindings/java/make_test_artifacts.cpp. */
  static Path generated(String name) {
    return Path.of(System.getProperty("ferry.test.artifacts", "target/test-artifacts")).resolve(name);
  }
}
