package io.smtpscope.profile;

/** A profile that cannot be used; the message names the file, the line and what is wrong. */
public class ProfileException extends Exception {
    public ProfileException(String message) {
        super(message);
    }
}
