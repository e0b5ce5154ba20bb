package org.ferry;

/** Input does not match the pipeline's schema: a missing or unknown column, a value of the wrong type, a missing value where none is allowed, or a row of the wrong width. */
public class SchemaException extends FerryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given message.
   *
   * @param message what was expected and what was found
   */
  public SchemaException(String message) {
    super(message);
  }
}
