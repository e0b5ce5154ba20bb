package org.ferry;

/** An argument is out of its valid range. */
public class ParameterException extends FerryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given message.
   *
   * @param message what was expected and what was found
   */
  public ParameterException(String message) {
    super(message);
  }
}
