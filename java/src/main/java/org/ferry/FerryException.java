package org.ferry;

/**
 * The base of every error ferry raises in Java. It is unchecked; its message is the core's
 * message, naming what was expected and what was found.
 */
public class FerryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given message.
   *
   * @param message what was expected and what was found
   */
  public FerryException(String message) {
    super(message);
  }

  /**
   * Creates an exception with the given message and cause.
   *
   * @param message what was expected and what was found
   * @param cause the underlying error
   */
  public FerryException(String message, Throwable cause) {
    super(message, cause);
  }
}
