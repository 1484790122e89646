package io.smtpscope.cli;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Properties;

/** Reads delivered messages with Jakarta Mail (a test dependency through GreenMail): an independent MIME parser. */
final class MimeParts {
    private MimeParts() {
    }

    static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    static String text(Part message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String s) {
            return s;
        }
        Multipart multipart = (Multipart) content;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("text/plain") && part.getFileName() == null) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no text body");
    }

    static BodyPart attachment(Part message, String fileName) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (fileName.equals(part.getFileName())) {
                return part;
            }
        }
        throw new AssertionError("no attachment named " + fileName);
    }

    static byte[] bytes(BodyPart part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }
}
