package org.ferry;

/** An artifact could not be read: not a ferry file, corrupt, truncated, unreadable, or written by a newer format version than this library reads. */
public class ArtifactException extends FerryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with the given message.
   *
   * @param message what was expected and what was found
   */
  public ArtifactException(String message) {
    super(message);
  }
}
