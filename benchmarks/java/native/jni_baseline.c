/* The floor under any single-row JNI prediction, measured beside ferry's in the same JMH run: one
 * JNI call that copies a row in and two doubles out, with the same three JNI functions ferry's
 * numericInto uses, and no work in between. */
#include <jni.h>
#include <stdio.h>

JNIEXPORT void JNICALL Java_org_ferry_bench_JniBaseline_copy(JNIEnv* env, jclass cls, jdoubleArray in,
                                                             jint n_in, jdoubleArray out, jint n_out) {
  double buffer[64];
  (void)cls;
  if (n_in < 0 || n_in > 64 || n_out < 0 || n_out > n_in) {
    char message[160];
    snprintf(message, sizeof message, "expected 0 <= nOut <= nIn <= 64, found nIn = %d, nOut = %d",
             (int)n_in, (int)n_out);
    jclass error = (*env)->FindClass(env, "java/lang/IllegalArgumentException");
    if (error != NULL) (*env)->ThrowNew(env, error, message);
    return;
  }
  (*env)->GetDoubleArrayRegion(env, in, 0, n_in, buffer);
  if ((*env)->ExceptionCheck(env)) return;
  (*env)->SetDoubleArrayRegion(env, out, 0, n_out, buffer);
}
