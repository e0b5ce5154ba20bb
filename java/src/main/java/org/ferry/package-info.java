/**
 * Serve a ferry pipeline artifact from the JVM. Load it with {@link org.ferry.Pipeline#load} or
 * {@link org.ferry.Pipeline#fromBytes}, predict with its {@code predictProba}, {@code predict}
 * and {@code decisionFunction} methods, and close it. All the math runs in ferry's C++ core,
 * which is packed inside this JAR as a native library; the results are bit for bit those of the
 * C++ and Python faces.
 */
package org.ferry;
