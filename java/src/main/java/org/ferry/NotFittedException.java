package org.ferry;

/** A method needs something the pipeline does not have (for example predict on a pipeline without a model). */
public class NotFittedException extends FerryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given message.
   *
   * @param message what was expected and what was found
   */
  public NotFittedException(String message) {
    super(message);
  }
}
