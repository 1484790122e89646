package io.smtpscope.cli;

/** A problem with what the user gave us: printed as one clear line, exit status 2, never a stack trace. */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }
}
